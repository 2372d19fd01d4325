import { type FSWatcher, watch } from "node:fs";
import { isCorpusFile } from "../corpus/load-corpus.js";

/** Options of `watchCorpus`. */
export interface WatchCorpusOptions {
  /** Quiet time after the last change before `onChange` runs, in ms. Default 300. */
  debounceMs?: number;
  /** Told when the watch itself fails (folder removed, too many watches). */
  onError?: (error: Error) => void;
}

export interface CorpusWatch {
  close(): void;
}

/**
 * Calls `onChange` once per burst of changes to the corpus files of `dir` (an editor's save, a
 * `git pull`, an import of many pages): events are coalesced until the folder has been quiet for
 * `debounceMs`. Editors' swap and backup files do not count; an event without a file name does.
 */
export function watchCorpus(
  dir: string,
  onChange: () => void,
  options: WatchCorpusOptions = {},
): CorpusWatch {
  const debounceMs = options.debounceMs ?? 300;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const watcher: FSWatcher = watch(dir, { persistent: false }, (_event, name) => {
    if (closed || (name && !isCorpusFile(String(name)))) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!closed) onChange();
    }, debounceMs);
  });
  watcher.on("error", (error) => options.onError?.(error));
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      watcher.close();
    },
  };
}
