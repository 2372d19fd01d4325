import { mkdir, readdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
// pino's type itself: ../logger.js imports config.ts, which imports ingest/, which imports the store.
import type { Logger } from "pino";
import { ARTICLE_SHARDS } from "./articles.js";
import type { ArticlesStore } from "./types.js";

/** Without a notification (one lost while the listening connection was down), changes are looked for this often, ms. */
export const MIRROR_CATCH_UP_MS = 30_000;
/** A lost listening connection is tried again after this long, ms. */
export const MIRROR_RELISTEN_MS = 2_000;
/** Changes read per query when catching up. */
const CHANGES_PAGE = 5_000;

const shardFile = (shard: number) => `shard-${String(shard).padStart(3, "0")}.jsonl`;
const SHARD_NAME = /^shard-(\d{3})\.jsonl$/;

export interface ArticleMirrorOptions {
  articles: ArticlesStore;
  /** The folder this process's live index reads: one JSONL file per shard. Nobody else writes it. */
  dir: string;
  /** A file the mirror keeps in its folder to say that the folder may be empty (the database is). */
  markerFile: string;
  logger: Pick<Logger, "info" | "warn">;
  catchUpMs?: number;
}

/**
 * This process's copy of the database's articles, as a corpus folder its live index watches: one
 * JSONL file per shard, each rewritten whole (aside, then renamed) when one of its articles changed.
 * `init()` mirrors everything; `start()` listens for the writes' notifications (PostgreSQL) and looks
 * for changes every `catchUpMs` as well, for notifications lost while the connection was down; `stop()`.
 */
export class ArticleMirror {
  /** The newest revision mirrored: every change up to it is in the files. */
  revision = 0;
  private listening: { close(): Promise<void> } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private relisten: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  readonly catchUpMs: number;

  constructor(readonly options: ArticleMirrorOptions) {
    this.catchUpMs = options.catchUpMs ?? MIRROR_CATCH_UP_MS;
  }

  /** Mirrors every shard (a file that already holds the shard's documents is left untouched). */
  async init(): Promise<{ articles: number; written: number }> {
    const { dir, markerFile, articles } = this.options;
    await mkdir(dir, { recursive: true });
    await writeFile(
      path.join(dir, markerFile),
      "This folder mirrors the database's articles; it may be empty.\n",
    );
    // Leftovers of a killed process, and shards of another shard count.
    for (const name of await readdir(dir)) {
      const shard = SHARD_NAME.exec(name)?.[1];
      if (name.endsWith(".tmp") || (shard !== undefined && Number(shard) >= ARTICLE_SHARDS))
        await unlink(path.join(dir, name)).catch(() => {});
    }
    const revision = await articles.revision();
    let count = 0;
    let written = 0;
    for (let shard = 0; shard < ARTICLE_SHARDS; shard++) {
      const result = await this.writeShard(shard);
      count += result.articles;
      if (result.written) written++;
    }
    this.revision = revision;
    return { articles: count, written };
  }

  start(): void {
    this.timer = setInterval(() => void this.catchUp(), this.catchUpMs).unref();
    void this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.relisten);
    await this.listening?.close();
    this.listening = undefined;
    await this.running;
  }

  /** Mirrors what changed since `revision`; a call while one runs makes it run once more. */
  catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.mirrorChanges().catch((error: Error) =>
          this.options.logger.warn(
            { err: error, code: "store_unreachable" },
            "Could not mirror the database's latest articles; trying again on the next change or catch-up.",
          ),
        );
      } while (this.again && !this.stopped);
      this.running = undefined;
    })();
    return this.running;
  }

  private async listen(): Promise<void> {
    if (this.stopped || this.listening) return;
    try {
      this.listening = await this.options.articles.listen(
        () => void this.catchUp(),
        (error) => {
          this.listening = undefined;
          this.options.logger.warn(
            { err: error, code: "store_unreachable" },
            "Lost the database connection that hears of new articles; listening again.",
          );
          this.scheduleRelisten();
        },
      );
      // Whatever was written while nobody listened.
      if (this.listening) void this.catchUp();
    } catch {
      this.scheduleRelisten();
    }
  }

  private scheduleRelisten(): void {
    if (this.stopped) return;
    clearTimeout(this.relisten);
    this.relisten = setTimeout(() => void this.listen(), MIRROR_RELISTEN_MS).unref();
  }

  private async mirrorChanges(): Promise<void> {
    for (;;) {
      const changes = await this.options.articles.changedSince(this.revision, CHANGES_PAGE);
      if (changes.length === 0) return;
      const shards = new Set(changes.map((change) => change.shard));
      for (const shard of shards) await this.writeShard(shard);
      this.revision = changes[changes.length - 1]!.revision;
      this.options.logger.info(
        { articles: changes.length, shards: shards.size, revision: this.revision },
        "Mirrored new or corrected articles from the database.",
      );
      if (changes.length < CHANGES_PAGE) return;
    }
  }

  /** Rewrites one shard's file from the database, unless it already holds exactly that. */
  private async writeShard(shard: number): Promise<{ articles: number; written: boolean }> {
    const file = path.join(this.options.dir, shardFile(shard));
    const rows = await this.options.articles.byShard(shard);
    if (rows.length === 0) {
      const removed = await unlink(file).then(
        () => true,
        () => false,
      );
      return { articles: 0, written: removed };
    }
    const text = `${rows.map((row) => row.document).join("\n")}\n`;
    const current = await readFile(file, "utf8").catch(() => undefined);
    if (current === text) return { articles: rows.length, written: false };
    // Aside, then renamed: the live index never reads half a shard.
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, text);
    await rename(temporary, file);
    return { articles: rows.length, written: true };
  }
}
