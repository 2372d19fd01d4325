import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { CorpusError } from "../errors.js";
import { articleRecordSchema, describeIssue } from "./article-schema.js";
import { toArticle } from "./to-article.js";
import type { Article } from "./types.js";

/** Options of `readJsonlArticles`. */
export interface ReadJsonlOptions {
  /** Stop after this many articles (bench takes "the first N"). Default: all. */
  limit?: number;
}

/**
 * Streams the articles of a `.jsonl` or `.jsonl.gz` export, one per line, validating each.
 * Streaming matters: the archive is 1.13 M paragraphs and need not be held twice in memory.
 * A bad line throws CorpusError naming the file, the line number and the field.
 */
export async function* readJsonlArticles(
  file: string,
  options: ReadJsonlOptions = {},
): AsyncGenerator<Article> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  if (limit <= 0) return;
  const raw = createReadStream(file);
  const input = file.endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  let count = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.trim() === "") continue;
      yield parseJsonlLine(line, file, lineNumber);
      if (++count >= limit) return;
    }
  } catch (cause) {
    if (cause instanceof CorpusError) throw cause;
    throw new CorpusError(
      "corpus_unreadable",
      `${file}: could not be read (${(cause as Error).message}).`,
      { file, line: lineNumber || undefined },
      { cause },
    );
  } finally {
    lines.close();
    raw.destroy();
  }
}

// Whitespace other than a single space, a double space, or space at either end: all that folding changes.
const UNFOLDED = /[^\S ]| {2}|^ | $/;

/**
 * Folds runs of whitespace to one space and trims. Almost every paragraph of an export is already
 * folded, and testing is several times cheaper than rewriting: an unconditional replace would be
 * most of the time it takes to read a large export.
 */
export function foldWhitespace(paragraph: string): string {
  return UNFOLDED.test(paragraph) ? paragraph.replace(/\s+/g, " ").trim() : paragraph;
}

/** Parses and validates one JSONL line. */
export function parseJsonlLine(line: string, file: string, lineNumber: number): Article {
  const where = `${file}:${lineNumber}`;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (cause) {
    throw new CorpusError(
      "corpus_bad_json",
      `${where}: line ${lineNumber} is not valid JSON (${(cause as Error).message}).`,
      { file, line: lineNumber },
      { cause },
    );
  }
  const result = articleRecordSchema.safeParse(value);
  if (!result.success) {
    const { field, problem } = describeIssue(result.error, value);
    throw new CorpusError("corpus_invalid_field", `${where}: field "${field}" ${problem}.`, {
      file,
      line: lineNumber,
      field,
    });
  }
  const paragraphs = result.data.paragraphs.map(foldWhitespace).filter((p) => p.length > 0);
  if (paragraphs.length === 0) {
    throw new CorpusError("corpus_no_paragraphs", `${where}: the article has no paragraphs.`, {
      file,
      line: lineNumber,
      field: "paragraphs",
    });
  }
  return toArticle(result.data, paragraphs, where);
}
