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
  const debounceMs = options.debounceMs ?? 300;
  const maxWaitMs = Math.max(debounceMs, options.maxWaitMs ?? 5000);
  let timer: NodeJS.Timeout | undefined;
  // When the first change of the burst not yet reported came, ms (performance.now()).
  let burstStartedAt: number | undefined;
  let closed = false;
  let watcher: FSWatcher | undefined;
  let watched: string | undefined;
  // Set by file-system events and folder swaps: a poll that finds the files changed since its last look
  // only reports it when no event did, so one edit never reloads twice.
  let seenSincePoll = false;

  const changed = () => {
    clearTimeout(timer);
    burstStartedAt ??= performance.now();
    const left = maxWaitMs - (performance.now() - burstStartedAt);
    timer = setTimeout(
      () => {
        burstStartedAt = undefined;
        if (!closed) onChange();
      },
      Math.max(0, Math.min(debounceMs, left)),
    );
  };

  const arm = () => {
    watcher?.close();
    watcher = undefined;
    watched = identityOf(dir);
    if (watched === undefined || options.events === false) return;
    try {
      watcher = watch(dir, { persistent: false }, (_event, name) => {
        if (closed || (name && !isCorpusFile(String(name)))) return;
        seenSincePoll = true;
        changed();
      });
      watcher.on("error", (error) => {
        options.onError?.(error);
        watcher?.close();
        watcher = undefined;
      });
    } catch (error) {
      options.onError?.(error as Error);
      watcher = undefined;
    }
  };

  arm();
  // The watch follows a folder, not a path: when the folder at `dir` is no longer the watched one (or
  // the watch died), watch whatever is there now and reload, since its content may differ in any way.
  const recheck = setInterval(() => {
    if (closed) return;
    const identity = identityOf(dir);
    if (identity !== watched || (identity !== undefined && !watcher && options.events !== false)) {
      arm();
      seenSincePoll = true;
      changed();
    }
  }, options.recheckMs ?? 2000);
  recheck.unref();

  const pollMs = options.pollMs ?? 10_000;
  let poll: NodeJS.Timeout | undefined;
  if (pollMs > 0) {
    let last: Promise<string | undefined> = fingerprintOf(dir);
    const look = async () => {
      const before = await last;
      const startedAfterChange = seenSincePoll;
      seenSincePoll = false;
      last = fingerprintOf(dir);
      const now = await last;
      if (closed) return;
      if (now !== before && !startedAfterChange && !seenSincePoll) changed();
      poll = setTimeout(() => void look(), pollMs);
      poll.unref();
    };
    poll = setTimeout(() => void look(), pollMs);
    poll.unref();
  }

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      clearTimeout(poll);
      clearInterval(recheck);
      watcher?.close();
    },
  };
}
