import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { patchEngineIndex } from "../answer/index.js";
import type { CorpusFolderReader } from "../corpus/index.js";
import type { RuntimeLogger } from "./runtime-logger.js";
import { type ServedIndex, servedOf } from "./served-index.js";
import { startWarmIndexCache, type WarmRun } from "./warm-cache.js";

/**
 * Most new or changed paragraphs a reload patches into the served index, on the answering thread;
 * a bigger change (a bulk import, a first load) is built in full in a worker, as before patching.
 * Patching 5,000 paragraphs reads about as much text as a corpus of 100 articles.
 */
export const MAX_PATCHED_PARAGRAPHS = 5000;

/**
 * Largest served index a reload patches. A patch runs on the thread that answers, and its passes over
 * the whole index hold answers while they run: 7–10 s at 440k paragraphs, about 1 s at 45k on the
 * loaded 2-core host (docs/performance.md, "Patched reloads"). Above this size a change is built in a
 * worker beside the answers, as before patching: fresher by tens of seconds is not worth a stalled desk.
 */
export const MAX_PATCHED_INDEX_PARAGRAPHS = 25_000;

/**
 * The reload of a few changed articles: the folder is read again (only files whose stats changed:
 * CorpusFolderReader) and the served index patched into the index of the folder now — equal to the
 * one a full build would make, at the cost of reading the changed articles and of a pass over the
 * index's arrays, instead of a worker's full build and the load of its files. Undefined when the
 * served index cannot be patched (a custom build) or too much changed.
 */
export async function patchServedIndex(
  current: ServedIndex,
  reader: CorpusFolderReader,
  logger: RuntimeLogger,
  maxParagraphs = MAX_PATCHED_PARAGRAPHS,
  maxIndexParagraphs = MAX_PATCHED_INDEX_PARAGRAPHS,
): Promise<ServedIndex | undefined> {
  const base = current.index;
  if (!base || base.docCount > maxIndexParagraphs) return undefined;
  const { corpus } = await reader.load();
  // Requests that arrived while the files were read run before the (synchronous) patch.
  await yieldToEventLoop();
  const patched = patchEngineIndex(base, corpus, maxParagraphs);
  if (!patched) return undefined;
  const served = servedOf(patched.index, corpus.setAside, logger, reader.dir);
  return { ...served, patched: { analysed: patched.analysed, reused: patched.reused } };
}

/**
 * After patched reloads, the index cache and start-up snapshot on disk are an older corpus's: a
 * restart would build in full. Once changes pause for `quietMs`, a worker builds and writes them (the
 * reload worker's own job), so a restart starts from files again. Nothing is swapped: the patched
 * index already equals what it builds.
 */
export class QuietCacheWrite {
  private timer: NodeJS.Timeout | undefined;
  private run: WarmRun | undefined;
  private closed = false;

  constructor(
    private readonly folders: { corpusDir: string; cacheDir: string },
    private readonly quietMs: number,
    private readonly logger: RuntimeLogger,
    /** A reload is running: wait for the next quiet spell. */
    private readonly busy: () => boolean,
  ) {}

  /** (Re)starts the wait: called on every patched reload. */
  schedule(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.start(), this.quietMs);
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.run?.cancel();
  }

  private start(): void {
    if (this.closed) return;
    if (this.busy() || this.run) {
      this.schedule();
      return;
    }
    const started = performance.now();
    const run = startWarmIndexCache(this.folders.corpusDir, this.folders.cacheDir, this.logger);
    this.run = run;
    void run.result.then((result) => {
      this.run = undefined;
      const ms = Math.round(performance.now() - started);
      if (result.ok) this.logger.info({ ms }, "Wrote the index cache and start-up snapshot for restarts.");
      else if (!this.closed)
        this.logger.warn({ ms }, `Could not write the index cache for restarts (${result.message}).`);
    });
  }
}
