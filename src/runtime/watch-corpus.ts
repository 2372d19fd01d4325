import { type FSWatcher, statSync, watch } from "node:fs";
import { isCorpusFile } from "../corpus/load-corpus.js";

/** Options of `watchCorpus`. */
export interface WatchCorpusOptions {
  /** Quiet time after the last change before `onChange` runs, in ms. Default 300. */
  debounceMs?: number;
  /**
   * How often to check that the watched folder is still the one at `dir` (it may be removed,
   * re-created or swapped behind a symlink), and to retry watching a missing one, in ms. Default 2000.
   */
  recheckMs?: number;
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

/**
 * Calls `onChange` once per burst of changes to the corpus files of `dir` (an editor's save, a
 * `git pull`, an import of many pages): events are coalesced until the folder has been quiet for
 * `debounceMs`. Editors' swap and backup files do not count; an event without a file name does.
 * A folder that is removed and re-created, or swapped behind a symlink, is watched again, and its
 * new content counts as a change.
 */
export function watchCorpus(
  dir: string,
  onChange: () => void,
  options: WatchCorpusOptions = {},
): CorpusWatch {
  const debounceMs = options.debounceMs ?? 300;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let watcher: FSWatcher | undefined;
  let watched: string | undefined;

  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!closed) onChange();
    }, debounceMs);
  };

  const arm = () => {
    watcher?.close();
    watcher = undefined;
    watched = identityOf(dir);
    if (watched === undefined) return;
    try {
      watcher = watch(dir, { persistent: false }, (_event, name) => {
        if (closed || (name && !isCorpusFile(String(name)))) return;
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
    if (identity !== watched || (identity !== undefined && !watcher)) {
      arm();
      changed();
    }
  }, options.recheckMs ?? 2000);
  recheck.unref();

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(recheck);
      watcher?.close();
    },
  };
}
