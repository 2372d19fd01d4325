import { readdir } from "node:fs/promises";
import path from "node:path";
import { CorpusError, CorpusErrorList } from "../errors.js";
import { CORPUS_FILE_PATTERNS, corpusFileKind, isCorpusFile } from "./corpus-files.js";
import { type CorpusLimits, resolveCorpusLimits } from "./limits.js";
import { readCorpusText, unreadable } from "./read-corpus-file.js";
import type { Article, Corpus } from "./types.js";

/** Most problems one load reports: enough for a bad batch import, short enough to read. */
const MAX_REPORTED = 20;

/**
 * Loads every article of a corpus folder: `*.md` files (front matter + paragraphs) and `*.jsonl` /
 * `*.jsonl.gz` exports. Throws CorpusError for an invalid file (naming file and field) or a duplicate
 * id (naming both files), so a broken corpus never half-loads. Every file is checked before it throws
 * (a CorpusErrorList when several are bad, at most MAX_REPORTED), so one pass shows all that needs fixing.
 * Whatever goes wrong with one file (too large, not a regular file, unreadable, stalled) is that file's
 * listed error, never an exception of another kind.
 */
export async function loadCorpus(
  dir: string,
  options: {
    limits?: Partial<CorpusLimits>;
    onProgress?: (filesRead: number, files: number) => void;
  } = {},
): Promise<Corpus> {
  const limits = resolveCorpusLimits(options.limits);
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isCorpusFile).sort();
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
  const seen = new Map<string, string>();
  const add = (article: Article) => {
    const first = seen.get(article.id);
    if (first !== undefined) {
      throw new CorpusError(
        "corpus_duplicate_id",
        `Duplicate article id "${article.id}" in ${first} and ${article.source}; ids must be unique.`,
        { file: article.source, field: "id" },
      );
    }
    seen.set(article.id, article.source);
    articles.push(article);
  };
  for (const [i, name] of names.entries()) {
    options.onProgress?.(i, names.length);
    if (errors.length >= MAX_REPORTED) break;
    const file = path.join(dir, name);
    try {
      if (corpusFileKind(name) === "markdown") {
        add(parseMarkdownArticle(await readCorpusText(file, limits), file, limits));
      } else {
        // A bad line ends its file's check: later lines of a damaged export say little more.
        for await (const article of readJsonlArticles(file, { limits })) add(article);
      }
    } catch (error) {
      errors.push(unreadable(file, error));
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new CorpusErrorList(errors);
  if (articles.length === 0) {
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
