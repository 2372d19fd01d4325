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
export async function loadCorpus(
  dir: string,
  options: {
    limits?: Partial<CorpusLimits>;
    onProgress?: (filesRead: number, files: number) => void;
    /** Set bad files aside (listed) and load the rest, instead of failing. Default false. */
    setAside?: boolean;
  } = {},
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
  // Loaded on first use: the parsers pull in zod and yaml, slow to import, which a start served from
  // the start-up snapshot never needs on its main thread.
  const [{ parseMarkdownArticle }, { readJsonlArticles }] = await Promise.all([
    import("./parse-markdown-article.js"),
    import("./read-jsonl-articles.js"),
  ]);
  const articles: Article[] = [];
  const errors: CorpusError[] = [];
  let setAsideCount = 0;
  const seen = new Map<string, string>();
  // A file's articles join the corpus only once all of them are read: a bad file is set aside whole.
  const check = (found: Map<string, Article>, article: Article) => {
    const first = seen.get(article.id) ?? found.get(article.id)?.source;
    if (first !== undefined) {
      throw new CorpusError(
        "corpus_duplicate_id",
        `Duplicate article id "${article.id}" in ${first} and ${article.source}; ids must be unique.`,
        { file: article.source, field: "id" },
      );
    }
    found.set(article.id, article);
  };
  for (const [i, name] of names.entries()) {
    options.onProgress?.(i, names.length);
    if (!options.setAside && errors.length >= MAX_REPORTED) break;
    const file = path.join(dir, name);
    const found = new Map<string, Article>();
    try {
      if (corpusFileKind(name) === "markdown") {
        check(found, parseMarkdownArticle(await readCorpusText(file, limits), file, limits));
      } else {
        // A bad line ends its file's check: later lines of a damaged export say little more.
        for await (const article of readJsonlArticles(file, { limits })) check(found, article);
      }
    } catch (error) {
      setAsideCount++;
      if (!options.setAside || errors.length < MAX_SET_ASIDE) errors.push(unreadable(file, error));
      continue;
    }
    for (const article of found.values()) {
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
