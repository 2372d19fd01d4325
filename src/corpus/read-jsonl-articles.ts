import { createReadStream } from "node:fs";
import { pipeline, type Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { CorpusError } from "../errors.js";
import { articleRecordSchema, describeIssue } from "./article-schema.js";
import { type CorpusLimits, formatBytes, paragraphProblem, resolveCorpusLimits } from "./limits.js";
import { statCorpusFile, unreadable, withStallTimeout } from "./read-corpus-file.js";
import { toArticle } from "./to-article.js";
import type { Article } from "./types.js";

/** Options of `readJsonlArticles`. */
export interface ReadJsonlOptions {
  /** Stop after this many articles (bench takes "the first N"). Default: all. */
  limit?: number;
  /** What one file, line and paragraph may cost. Default: CORPUS_LIMITS. */
  limits?: Partial<CorpusLimits>;
}

const NEWLINE = 0x0a;

/**
 * The lines of a stream as UTF-8 strings (a trailing "\r" dropped), never holding more than one line
 * of `maxLineBytes` or reading more than `maxUnpackedBytes` in all: a gzip bomb of one endless line or
 * of endless lines is refused at the limit instead of exhausting memory (readline built the whole line
 * as a string and threw a RangeError from its data handler, out of reach of any try/catch).
 */
async function* boundedLines(input: Readable, file: string, limits: CorpusLimits): AsyncGenerator<string> {
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let partial: Buffer[] = [];
  let partialBytes = 0;
  let total = 0;
  let lineNumber = 1;
  const tooLong = () =>
    new CorpusError(
      "corpus_line_too_long",
      `${file}:${lineNumber}: line ${lineNumber} is longer than the limit of ${formatBytes(limits.maxLineBytes)} for one article; the export is damaged or not one article per line.`,
      { file, line: lineNumber },
    );
  const decode = (last: Buffer) => {
    const bytes = partial.length === 0 ? last : Buffer.concat([...partial, last], partialBytes + last.length);
    partial = [];
    partialBytes = 0;
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    return bytes.toString("utf8", 0, end);
  };
  for (;;) {
    const next = await withStallTimeout(chunks.next(), limits.readStallMs, file, () => input.destroy());
    if (next.done) break;
    const chunk = next.value;
    total += chunk.length;
    if (total > limits.maxUnpackedBytes) {
      throw new CorpusError(
        "corpus_file_too_large",
        `${file}: unpacks to more than the limit of ${formatBytes(limits.maxUnpackedBytes)} for one export; split it or move it out.`,
        { file, line: lineNumber },
      );
    }
    let start = 0;
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, start)) {
      if (partialBytes + at - start > limits.maxLineBytes) throw tooLong();
      yield decode(chunk.subarray(start, at));
      lineNumber++;
      start = at + 1;
    }
    if (start < chunk.length) {
      partialBytes += chunk.length - start;
      if (partialBytes > limits.maxLineBytes) throw tooLong();
      partial.push(chunk.subarray(start));
    }
  }
  if (partialBytes > 0) yield decode(Buffer.alloc(0));
}

/**
 * Streams the articles of a `.jsonl` or `.jsonl.gz` export, one per line, validating each.
 * Streaming matters: the archive is 1.13 M paragraphs and need not be held twice in memory.
 * A bad line throws CorpusError naming the file, the line number and the field; so does a file over
 * the limits (CorpusLimits) or one that cannot be read.
 */
export async function* readJsonlArticles(
  file: string,
  options: ReadJsonlOptions = {},
): AsyncGenerator<Article> {
  const max = options.limit ?? Number.POSITIVE_INFINITY;
  if (max <= 0) return;
  const limits = resolveCorpusLimits(options.limits);
  await statCorpusFile(file);
  const raw = createReadStream(file);
  // pipeline: an error of either stream (a missing file, corrupt gzip) ends both and reaches the reader.
  const input: Readable = file.endsWith(".gz") ? pipeline(raw, createGunzip(), () => {}) : raw;
  let lineNumber = 0;
  let count = 0;
  try {
    for await (const line of boundedLines(input, file, limits)) {
      lineNumber++;
      if (line.trim() === "") continue;
      yield parseJsonlLine(line, file, lineNumber, limits);
      if (++count >= max) return;
    }
  } catch (cause) {
    throw unreadable(file, cause, lineNumber || undefined);
  } finally {
    input.destroy();
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
export function parseJsonlLine(
  line: string,
  file: string,
  lineNumber: number,
  limits: CorpusLimits = resolveCorpusLimits(),
): Article {
  const where = `${file}:${lineNumber}`;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (cause) {
    throw new CorpusError(
      "corpus_bad_json",
      // Not the parser's message: it quotes the line, and article text must not reach logs or /healthz.
      `${where}: line ${lineNumber} is not valid JSON${jsonPosition(cause)}.`,
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
  const problem = paragraphProblem(paragraphs, limits);
  if (problem) {
    throw new CorpusError("corpus_too_large", `${where}: ${problem}.`, {
      file,
      line: lineNumber,
      field: "paragraphs",
    });
  }
  return toArticle(result.data, paragraphs, where);
}

function jsonPosition(cause: unknown): string {
  const position = /position (\d+)/.exec((cause as Error).message)?.[1];
  return position ? ` (at character ${Number(position) + 1})` : "";
}
