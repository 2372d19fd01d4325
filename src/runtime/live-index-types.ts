/** The live index's interface and options, apart from its code so that the worker protocol can name them. */
import type { AskFn } from "../answer/index.js";
import type { Corpus } from "../corpus/index.js";
import type { IndexHealth, IndexStatus } from "./index-status.js";
import type { RuntimeLogger } from "./runtime-logger.js";
import type { OpenedIndex } from "./start-index.js";

/** Builds the answer function of a loaded corpus (the engine's index, loaded from cache or built). */
export type BuildAsk = (
  corpus: Corpus,
  context: { cacheDir: string; logger: RuntimeLogger },
) => Promise<AskFn>;

/** Options of `createLiveIndex`. */
export interface LiveIndexOptions {
  corpusDir: string;
  /** Folder of the engine's index cache files. */
  cacheDir: string;
  /** Default: silent. */
  logger?: RuntimeLogger;
  /** How to turn a corpus into an AskFn. Default: the engine's own path (openIndex, createEngine). */
  build?: BuildAsk;
  /** Watch the corpus folder and reload on changes. Default true. */
  watch?: boolean;
  /** Quiet time after the last change before a reload starts, in ms. Default 300. */
  debounceMs?: number;
  /** Longest a stream of changes delays a reload, in ms (watchCorpus). Default 5000. */
  maxWaitMs?: number;
  /** How often to check that the corpus folder was not replaced or removed, in ms. Default 2000. */
  recheckMs?: number;
  /** How often to poll the corpus files' stats for changes file-system events missed, in ms; 0: never. Default 10000. */
  pollMs?: number;
  /**
   * Build a reload's index in a worker thread first (it writes the engine's cache), so the swap only
   * loads the cache instead of blocking answers for the whole build. Default: true with the default
   * build; meaningless for a custom `build`, which ignores the engine's cache.
   */
  buildInWorker?: boolean;
  /**
   * A reload running longer is abandoned (its worker ended), reported in status and health, and the
   * last good index kept; the next change starts a fresh one. ms. Default 600 000 (RELOAD_TIMEOUT_SECONDS).
   */
  reloadTimeoutMs?: number;
  /**
   * Reload a change of a few articles by patching the served index (patch-reload.ts) instead of a full
   * build in a worker. Default true with the default build; a custom build always rebuilds.
   */
  patchReloads?: boolean;
  /** Most new or changed paragraphs a reload patches in; more are built in full. Default MAX_PATCHED_PARAGRAPHS. */
  maxPatchedParagraphs?: number;
  /** Largest served index a reload patches (answers wait for a patch); larger ones build in full. Default MAX_PATCHED_INDEX_PARAGRAPHS. */
  maxPatchedIndexParagraphs?: number;
  /** After patched reloads, quiet time before a worker writes the index cache for restarts, ms. Default 60 000. */
  cacheWriteQuietMs?: number;
}

export interface LiveIndex {
  /** Answers from the current complete index; a rebuild never shows through half-done. */
  ask: AskFn;
  status(): IndexStatus;
  /** `/healthz` body. */
  health(): IndexHealth;
  /** Reloads now (also what the watcher calls). Resolves when this and any queued reload settled. */
  reload(): Promise<void>;
  /**
   * Settles when the start-up check is over: a start served from the start-up snapshot is verified
   * against the corpus files in the background (and swapped for a fresh index if they differ).
   * "skipped" when the start read the corpus in full (nothing to verify) or used a custom build.
   */
  startupChecked(): Promise<StartupOutcome>;
  /** How the first index was opened ("custom" for a custom build) and what reading and opening took, ms. */
  readonly startup: { source: OpenedIndex["source"] | "custom"; corpusMs?: number; indexMs?: number };
  close(): void;
}

/** How the start-up check ended. */
export type StartupOutcome = "skipped" | "verified" | "swapped" | "failed";
