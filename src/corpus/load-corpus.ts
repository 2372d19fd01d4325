import { readdir } from "node:fs/promises";
import path from "node:path";
import { CorpusError, CorpusErrorList } from "../errors.js";
import { CORPUS_FILE_PATTERNS, corpusFileKind, EMPTY_ALLOWED_MARKER, isCorpusFile } from "./corpus-files.js";
import { type CorpusLimits, resolveCorpusLimits } from "./limits.js";
import { readCorpusText, unreadable } from "./read-corpus-file.js";
import type { Article, Corpus } from "./types.js";

/** Most problems one load reports: enough for a bad batch import, short enough to read. */
const MAX_REPORTED = 20;
/** Most set-aside files listed (status, /healthz); all are set aside, and counted. */
const MAX_SET_ASIDE = 100;

/** Options of loadCorpus and CorpusFolderReader.load. */
export interface LoadCorpusOptions {
  limits?: Partial<CorpusLimits>;
  onProgress?: (filesRead: number, files: number) => void;
  /** Set bad files aside (listed) and load the rest, instead of failing. Default false. */
  setAside?: boolean;
}

/**
 * One corpus file read on its own: all its articles, or those before its first problem (a bad line, a
 * repeated id, an unreadable file) and that problem. Whether an id repeats one of another file is the
 * folder's question (admit).
 */
export interface CorpusFileRead {
  articles: Article[];
  error?: unknown;
}

/** Reads one corpus file (a base name in `dir`) into its articles. */
export type ReadCorpusFile = (dir: string, name: string, limits: CorpusLimits) => Promise<CorpusFileRead>;

/** A repeated id: the one problem that spans files. */
function duplicateId(article: Article, first: string): CorpusError {
  return new CorpusError(
    "corpus_duplicate_id",
    `Duplicate article id "${article.id}" in ${first} and ${article.source}; ids must be unique.`,
    { file: article.source, field: "id" },
  );
}

export const readCorpusFileArticles: ReadCorpusFile = async (dir, name, limits) => {
  // Loaded on first use: the parsers pull in zod and yaml, slow to import, which a start served from
  // the start-up snapshot never needs on its main thread.
  const [{ parseMarkdownArticle }, { readJsonlArticles }] = await Promise.all([
    import("./parse-markdown-article.js"),
    import("./read-jsonl-articles.js"),
  ]);
  const file = path.join(dir, name);
  const found = new Map<string, Article>();
  const articles: Article[] = [];
  const add = (article: Article) => {
    const first = found.get(article.id);
    if (first) throw duplicateId(article, first.source);
    found.set(article.id, article);
    articles.push(article);
  };
  try {
    if (corpusFileKind(name) === "markdown") {
      add(parseMarkdownArticle(await readCorpusText(file, limits), file, limits));
    } else {
      // A bad line ends its file's check: later lines of a damaged export say little more.
      for await (const article of readJsonlArticles(file, { limits })) add(article);
    }
  } catch (error) {
    return { articles, error };
  }
  return { articles };
};

/**
 * A file's articles join the corpus only if all of them can: a problem sets the file aside whole. The
 * first of its articles whose id an earlier file holds is its problem; else its own first problem.
 */
function admit(read: CorpusFileRead, seen: ReadonlyMap<string, string>): unknown {
  for (const article of read.articles) {
    const first = seen.get(article.id);
    if (first !== undefined) return duplicateId(article, first);
  }
  return read.error;
}

/**
 * Loads every article of a corpus folder: `*.md` files (front matter + paragraphs) and `*.jsonl` /
 * `*.jsonl.gz` exports. Whatever goes wrong with one file (invalid, too large, not a regular file,
 * unreadable, stalled, a duplicate id) is that file's CorpusError naming file and field, never an
 * exception of another kind. By default a bad file fails the load (a CorpusErrorList when several are,
 * at most MAX_REPORTED, so one pass shows all that needs fixing): the commands that check a corpus.
 * With `setAside` (the running bot) a bad file is set aside instead — none of its articles is loaded,
 * it is listed in `setAside` (the first MAX_SET_ASIDE), and the rest of the corpus loads — so one bad
 * file is never a reason not to start. A duplicate id sets aside the later file (in name order).
 */
export function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<Corpus> {
  return loadCorpusWith(dir, options, readCorpusFileArticles);
}

/** loadCorpus with each file read by `readFile` (CorpusFolderReader keeps unchanged files' reads). */
export async function loadCorpusWith(
  dir: string,
  options: LoadCorpusOptions,
  readFile: ReadCorpusFile,
): Promise<Corpus> {
  const limits = resolveCorpusLimits(options.limits);
  let names: string[];
  let emptyAllowed = false;
  try {
    const all = await readdir(dir);
    emptyAllowed = all.includes(EMPTY_ALLOWED_MARKER);
    names = all.filter(isCorpusFile).sort();
  } catch (cause) {
    throw new CorpusError(
      "corpus_dir_unreadable",
      `${dir}: the corpus folder cannot be read (${(cause as NodeJS.ErrnoException).code ?? "error"}); check --corpus or CORPUS_DIR.`,
      { file: dir },
      { cause },
    );
  }
  const articles: Article[] = [];
  const errors: CorpusError[] = [];
  let setAsideCount = 0;
  const seen = new Map<string, string>();
  for (const [i, name] of names.entries()) {
    options.onProgress?.(i, names.length);
    if (!options.setAside && errors.length >= MAX_REPORTED) break;
    const read = await readFile(dir, name, limits);
    const error = admit(read, seen);
    if (error !== undefined) {
      setAsideCount++;
      if (!options.setAside || errors.length < MAX_SET_ASIDE)
        errors.push(unreadable(path.join(dir, name), error));
      continue;
    }
    for (const article of read.articles) {
      seen.set(article.id, article.source);
      articles.push(article);
    }
  }
  if (options.setAside && articles.length > 0) {
    return errors.length > 0 ? { articles, setAside: errors, setAsideCount } : { articles };
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new CorpusErrorList(errors);
  if (articles.length === 0 && !emptyAllowed) {
    throw new CorpusError(
      "corpus_empty",
      `${dir}: the corpus folder holds no articles (${CORPUS_FILE_PATTERNS}).`,
      {
        file: dir,
      },
    );
  }
  return { articles };
}
