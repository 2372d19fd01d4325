import { stat } from "node:fs/promises";
import path from "node:path";
import {
  type CorpusFileRead,
  type LoadCorpusOptions,
  loadCorpusWith,
  type ReadCorpusFile,
  readCorpusFileArticles,
} from "./load-corpus.js";
import type { Corpus } from "./types.js";

/** What identifies a file's content without reading it: a rename, a write or a touch changes it. */
async function stampOf(file: string): Promise<string | undefined> {
  try {
    const info = await stat(file);
    return info.isFile() ? `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * loadCorpus for a folder read again and again (the live index's reloads): a file whose inode, size,
 * modification and change times are those of the last load is not read again — its articles (the
 * same objects) are taken from then. The corpus is assembled by loadCorpus's own code, so it is the
 * one loadCorpus would read. A file that failed is read again every time (a timeout may pass).
 */
export class CorpusFolderReader {
  private reads = new Map<string, { stamp: string; read: CorpusFileRead }>();

  constructor(
    readonly dir: string,
    readonly options: LoadCorpusOptions = {},
  ) {}

  /** The corpus now, and how many files had to be read. */
  async load(): Promise<{ corpus: Corpus; filesRead: number }> {
    const kept = new Map<string, { stamp: string; read: CorpusFileRead }>();
    let filesRead = 0;
    const readFile: ReadCorpusFile = async (dir, name, limits) => {
      const stamp = await stampOf(path.join(dir, name));
      const last = this.reads.get(name);
      if (stamp !== undefined && last?.stamp === stamp) {
        kept.set(name, last);
        return last.read;
      }
      filesRead++;
      const read = await readCorpusFileArticles(dir, name, limits);
      if (stamp !== undefined && read.error === undefined) kept.set(name, { stamp, read });
      return read;
    };
    try {
      return { corpus: await loadCorpusWith(this.dir, this.options, readFile), filesRead };
    } finally {
      this.reads = kept;
    }
  }
}
