import { type FSWatcher, statSync, watch } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { isCorpusFile } from "../corpus/index.js";

/** Options of `watchCorpus`. */
export interface WatchCorpusOptions {
  /** Quiet time after the last change before `onChange` runs, in ms. Default 300. */
  debounceMs?: number;
  /**
   * Longest wait from the first change of a burst to `onChange`, in ms, however the changes go on:
   * a source writing an article every 100 ms must not keep the index stale until it stops. Default 5000.
   */
  maxWaitMs?: number;
  /**
   * How often to check that the watched folder is still the one at `dir` (it may be removed,
   * re-created or swapped behind a symlink), and to retry watching a missing one, in ms. Default 2000.
   */
  recheckMs?: number;
  /**
   * How often to compare the corpus files' names, sizes and modification times with the last look, in
   * ms; 0 turns polling off. File-system events do not reach every mount (NFS, some container volumes,
   * network shares), and a missed event must not leave the bot serving an old corpus for ever. A poll
   * is a stat per file, done off the event loop's critical path. Default 10000.
   */
  pollMs?: number;
  /** Use file-system events (`fs.watch`) at all; polling alone when false. Default true. */
  events?: boolean;
  /** Told when the watch itself fails (folder removed, too many watches). */
  onError?: (error: Error) => void;
}

export interface CorpusWatch {
  close(): void;
}

// Which folder `dir` is: file systems reuse a freed inode at once, so a removed and re-created folder
// often has the same one; its birth time tells them apart.
function identityOf(dir: string): string | undefined {
  try {
    const stat = statSync(dir);
    return `${stat.ino}:${stat.birthtimeMs}`;
  } catch {
    return undefined;
  }
}

/** Names, sizes and modification times of the corpus files of `dir`; undefined when it cannot be read. */
async function fingerprintOf(dir: string): Promise<string | undefined> {
  try {
    const names = (await readdir(dir)).filter(isCorpusFile).sort();
    const parts = await Promise.all(
      names.map(async (name) => {
        const info = await stat(path.join(dir, name)).catch(() => undefined);
        return info ? `${name}\0${info.size}\0${info.mtimeMs}` : `${name}\0gone`;
      }),
    );
    return parts.join("\n");
  } catch {
    return undefined;
  }
}

/**
 * Calls `onChange` once per burst of changes to the corpus files of `dir` (an editor's save, a
 * `git pull`, an import of many pages): events are coalesced until the folder has been quiet for
 * `debounceMs`, or for `maxWaitMs` at most. Editors' swap and backup files do not count; an event without a file name does.
 * A folder that is removed and re-created, or swapped behind a symlink, is watched again, and its
 * new content counts as a change. A poll of the files' stats catches what events miss.
 */
export function watchCorpus(
  dir: string,
  onChange: () => void,
  options: WatchCorpusOptions = {},
): CorpusWatch {
  return new CorpusWatcher(dir, onChange, options);
}

/** The watch's state as named fields: the burst being coalesced, the watcher, its folder, the timers. */
class CorpusWatcher implements CorpusWatch {
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private timer: NodeJS.Timeout | undefined;
  // When the first change of the burst not yet reported came, ms (performance.now()).
  private burstStartedAt: number | undefined;
  private closed = false;
  private watcher: FSWatcher | undefined;
  // The identity of the folder watched (identityOf): a swapped folder has another.
  private watched: string | undefined;
  // Set by file-system events and folder swaps: a poll that finds the files changed since its last look
  // only reports it when no event did, so one edit never reloads twice.
  private seenSincePoll = false;
  private readonly recheck: NodeJS.Timeout;
  private poll: NodeJS.Timeout | undefined;

  constructor(
    private readonly dir: string,
    private readonly onChange: () => void,
    private readonly options: WatchCorpusOptions,
  ) {
    this.debounceMs = options.debounceMs ?? 300;
    this.maxWaitMs = Math.max(this.debounceMs, options.maxWaitMs ?? 5000);
    this.arm();
    this.recheck = setInterval(() => this.recheckFolder(), options.recheckMs ?? 2000);
    this.recheck.unref();
    const pollMs = options.pollMs ?? 10_000;
    if (pollMs > 0) this.startPolling(pollMs);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    clearTimeout(this.poll);
    clearInterval(this.recheck);
    this.watcher?.close();
  }

  /** A change: report the burst once the folder is quiet for debounceMs, or maxWaitMs after it began. */
  private changed(): void {
    clearTimeout(this.timer);
    this.burstStartedAt ??= performance.now();
    const left = this.maxWaitMs - (performance.now() - this.burstStartedAt);
    this.timer = setTimeout(
      () => {
        this.burstStartedAt = undefined;
        if (!this.closed) this.onChange();
      },
      Math.max(0, Math.min(this.debounceMs, left)),
    );
  }

  /** Watches the folder now at `dir` (none when it is gone or events are off). */
  private arm(): void {
    this.watcher?.close();
    this.watcher = undefined;
    this.watched = identityOf(this.dir);
    if (this.watched === undefined || this.options.events === false) return;
    try {
      this.watcher = watch(this.dir, { persistent: false }, (_event, name) => {
        if (this.closed || (name && !isCorpusFile(String(name)))) return;
        this.seenSincePoll = true;
        this.changed();
      });
      this.watcher.on("error", (error) => {
        this.options.onError?.(error);
        this.watcher?.close();
        this.watcher = undefined;
      });
    } catch (error) {
      this.options.onError?.(error as Error);
      this.watcher = undefined;
    }
  }

  /**
   * The watch follows a folder, not a path: when the folder at `dir` is no longer the watched one (or
   * the watch died), watch whatever is there now and reload, since its content may differ in any way.
   */
  private recheckFolder(): void {
    if (this.closed) return;
    const identity = identityOf(this.dir);
    const died = identity !== undefined && !this.watcher && this.options.events !== false;
    if (identity !== this.watched || died) {
      this.arm();
      this.seenSincePoll = true;
      this.changed();
    }
  }

  /** Compares the files' stats every pollMs: what events miss (network mounts) is seen this way. */
  private startPolling(pollMs: number): void {
    let last: Promise<string | undefined> = fingerprintOf(this.dir);
    const look = async () => {
      const before = await last;
      const startedAfterChange = this.seenSincePoll;
      this.seenSincePoll = false;
      last = fingerprintOf(this.dir);
      const now = await last;
      if (this.closed) return;
      if (now !== before && !startedAfterChange && !this.seenSincePoll) this.changed();
      this.poll = setTimeout(() => void look(), pollMs);
      this.poll.unref();
    };
    this.poll = setTimeout(() => void look(), pollMs);
    this.poll.unref();
  }
}
