import { crc32 } from "node:zlib";
import type { Article } from "../corpus/index.js";
import { NewsdeskError } from "../errors.js";
import type { ResolvedIndexOptions } from "./index-options.js";
import { INDEX_FORMAT_VERSION } from "./index-options.js";
import { assembleParagraphIndex, type IndexArrays, type ParagraphIndex } from "./paragraph-index.js";

/** A cache file that cannot be used (truncated, corrupt, another version or corpus). */
export class IndexFileError extends NewsdeskError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("index_file_invalid", message, options);
    this.name = "IndexFileError";
  }
}

const MAGIC = "NDIX";
const DIGEST_BYTES = 4;

interface Header {
  version: number;
  key: string;
  options: ResolvedIndexOptions;
  docCount: number;
  termCount: number;
  postingCount: number;
  tokenCount: number;
  articleCount: number;
  articlePostingCount: number;
  titleTokenCount: number;
  termsBytes: number;
  surfacesBytes: number;
  /** Paragraphs with entity tags (a u16 mask each, after the surfaces); absent or 0 without them. */
  entityCount?: number;
}

const align4 = (n: number) => (n + 3) & ~3;

type ArrayName = Exclude<keyof IndexArrays, "docEntities">;
type Float32Name = { [K in ArrayName]: IndexArrays[K] extends Float32Array ? K : never }[ArrayName];
type Section =
  | { name: Exclude<ArrayName, Float32Name>; type: "u32"; length(header: Header): number }
  | { name: Float32Name; type: "f32"; length(header: Header): number };

/** The index's arrays in the order the file stores them, with each one's element count. */
const SECTIONS: readonly Section[] = [
  { name: "docArticle", type: "u32", length: (h) => h.docCount },
  { name: "docParagraph", type: "u32", length: (h) => h.docCount },
  { name: "docTokenStart", type: "u32", length: (h) => h.docCount + 1 },
  { name: "docTokens", type: "u32", length: (h) => h.tokenCount },
  { name: "postingStart", type: "u32", length: (h) => h.termCount + 1 },
  { name: "maxTf", type: "f32", length: (h) => h.termCount },
  { name: "postingDocs", type: "u32", length: (h) => h.postingCount },
  { name: "postingTf", type: "f32", length: (h) => h.postingCount },
  { name: "articleDocStart", type: "u32", length: (h) => h.articleCount + 1 },
  { name: "articleTitleStart", type: "u32", length: (h) => h.articleCount + 1 },
  { name: "articleTitleTokens", type: "u32", length: (h) => h.titleTokenCount },
  { name: "articlePostingStart", type: "u32", length: (h) => h.termCount + 1 },
  { name: "articleMaxTf", type: "f32", length: (h) => h.termCount },
  { name: "articlePostingDocs", type: "u32", length: (h) => h.articlePostingCount },
  { name: "articlePostingTf", type: "f32", length: (h) => h.articlePostingCount },
];

/**
 * Binary layout: "NDIX", u32 header length, JSON header, then 4-byte-aligned sections (typed arrays
 * as stored in memory, little-endian; terms and surfaces as newline-joined UTF-8), then a CRC-32 of all
 * that precedes it (any flipped byte or truncation shows, at a fraction of a cryptographic hash's time).
 * Loading is a read, a checksum and views onto one buffer — no parsing of postings.
 */
export function serializeIndex(index: ParagraphIndex): Buffer {
  const terms = Buffer.from(index.terms.join("\n"), "utf8");
  const surfaces = Buffer.from(index.surfaces.join("\n"), "utf8");
  const header: Header = {
    version: INDEX_FORMAT_VERSION,
    key: index.key,
    options: index.options,
    docCount: index.docCount,
    termCount: index.terms.length,
    postingCount: index.postingDocs.length,
    tokenCount: index.docTokens.length,
    articleCount: index.articles.length,
    articlePostingCount: index.articlePostingDocs.length,
    titleTokenCount: index.articleTitleTokens.length,
    termsBytes: terms.length,
    surfacesBytes: surfaces.length,
    ...(index.docEntities ? { entityCount: index.docEntities.length } : {}),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const parts: Buffer[] = [];
  const magic = Buffer.alloc(8);
  magic.write(MAGIC, 0, "latin1");
  magic.writeUInt32LE(headerBytes.length, 4);
  parts.push(magic, headerBytes);
  let size = 8 + headerBytes.length;
  const pad = () => {
    const padded = align4(size);
    if (padded > size) parts.push(Buffer.alloc(padded - size));
    size = padded;
  };
  const add = (view: ArrayBufferView) => {
    pad();
    parts.push(Buffer.from(view.buffer, view.byteOffset, view.byteLength));
    size += view.byteLength;
  };
  for (const section of SECTIONS) add(index[section.name]);
  add(terms);
  add(surfaces);
  if (index.docEntities) add(index.docEntities);
  const body = Buffer.concat(parts);
  const digest = Buffer.alloc(DIGEST_BYTES);
  digest.writeUInt32LE(crc32(body) >>> 0, 0);
  return Buffer.concat([body, digest]);
}

/** Reads the key stored in a cache file without verifying the rest (for cheap mismatch checks). */
function readIndexKey(buffer: Buffer): string | undefined {
  try {
    if (buffer.length < 8 || buffer.toString("latin1", 0, 4) !== MAGIC) return undefined;
    const length = buffer.readUInt32LE(4);
    const header = JSON.parse(buffer.toString("utf8", 8, 8 + length)) as Partial<Header>;
    return typeof header.key === "string" ? header.key : undefined;
  } catch {
    return undefined;
  }
}

/** Rebuilds an index from a cache file for the given articles. Throws IndexFileError when unusable. */
export function deserializeIndex(
  input: Buffer,
  articles: readonly Article[],
  expectedKey: string,
): ParagraphIndex {
  const { buffer, header, bodyLength } = checkedFile(input, expectedKey);
  const read = new SectionReader(buffer, 8 + buffer.readUInt32LE(4));
  const { docCount, termCount } = header;
  const arrays: Partial<Record<ArrayName, Uint32Array | Float32Array>> = {};
  for (const section of SECTIONS) {
    const length = section.length(header);
    arrays[section.name] = section.type === "u32" ? read.u32(length) : read.f32(length);
  }
  const terms = termCount === 0 ? [] : read.text(header.termsBytes).split("\n");
  const surfaces = termCount === 0 ? [] : read.text(header.surfacesBytes).split("\n");
  const entityCount = header.entityCount ?? 0;
  if (entityCount > 0 && (entityCount !== docCount || read.alignedAt() + entityCount * 2 > bodyLength)) {
    throw new IndexFileError("The index cache file is truncated or inconsistent.");
  }
  const docEntities = entityCount > 0 ? read.u16(entityCount) : undefined;
  if (read.at > bodyLength || terms.length !== termCount || surfaces.length !== termCount) {
    throw new IndexFileError("The index cache file is truncated or inconsistent.");
  }
  // Each section was read with the element type its name has in IndexArrays (the Section type pairs them).
  checkMatchesCorpus(header, arrays as IndexArrays, articles);
  const termIds = new Map<string, number>();
  for (let id = 0; id < terms.length; id++) termIds.set(terms[id]!, id);
  return assembleParagraphIndex(
    { options: header.options, key: header.key, articles, terms, surfaces, termIds },
    { ...(arrays as IndexArrays), ...(docEntities ? { docEntities } : {}) },
  );
}

/** The file's magic, key, checksum, header and format checked, in that order; the buffer 4-aligned. */
function checkedFile(
  input: Buffer,
  expectedKey: string,
): { buffer: Buffer; header: Header; bodyLength: number } {
  if (input.length < 8 + DIGEST_BYTES || input.toString("latin1", 0, 4) !== MAGIC) {
    throw new IndexFileError("The index cache file is not an index file.");
  }
  // The key first: a file of another corpus is refused without reading it through.
  if (readIndexKey(input) !== expectedKey)
    throw new IndexFileError("The index cache file belongs to another corpus.");
  const bodyLength = input.length - DIGEST_BYTES;
  if (crc32(input.subarray(0, bodyLength)) >>> 0 !== input.readUInt32LE(bodyLength)) {
    throw new IndexFileError("The index cache file is corrupt (checksum mismatch).");
  }
  // Typed-array views need 4-byte alignment in the underlying ArrayBuffer.
  const buffer = input.byteOffset % 4 === 0 ? input : Buffer.from(input);
  const headerLength = buffer.readUInt32LE(4);
  let header: Header;
  try {
    header = JSON.parse(buffer.toString("utf8", 8, 8 + headerLength)) as Header;
  } catch (cause) {
    throw new IndexFileError("The index cache file has an unreadable header.", { cause });
  }
  if (header.version !== INDEX_FORMAT_VERSION) {
    throw new IndexFileError(
      `The index cache file has format ${header.version}, not ${INDEX_FORMAT_VERSION}.`,
    );
  }
  if (header.key !== expectedKey) throw new IndexFileError("The index cache file belongs to another corpus.");
  return { buffer, header, bodyLength };
}

/** Reads the file's sections in order, each at a 4-byte boundary, as views over the buffer (no copy). */
class SectionReader {
  constructor(
    private readonly buffer: Buffer,
    public at: number,
  ) {}

  alignedAt(): number {
    return align4(this.at);
  }

  u32(count: number): Uint32Array {
    return this.view(Uint32Array, count);
  }

  f32(count: number): Float32Array {
    return this.view(Float32Array, count);
  }

  u16(count: number): Uint16Array {
    return this.view(Uint16Array, count);
  }

  text(bytes: number): string {
    this.at = align4(this.at);
    const value = this.buffer.toString("utf8", this.at, this.at + bytes);
    this.at += bytes;
    return value;
  }

  private view<T>(
    Type: { new (buffer: ArrayBufferLike, offset: number, length: number): T; BYTES_PER_ELEMENT: number },
    count: number,
  ): T {
    this.at = align4(this.at);
    const view = new Type(this.buffer.buffer, this.buffer.byteOffset + this.at, count);
    this.at += count * Type.BYTES_PER_ELEMENT;
    return view;
  }
}

/** The articles must still be the ones the doc table points into, and the tables end where they say. */
function checkMatchesCorpus(header: Header, arrays: IndexArrays, articles: readonly Article[]): void {
  const { docCount, termCount, postingCount } = header;
  const { articlePostingStart, articleTitleStart, postingStart, docTokenStart } = arrays;
  let paragraphs = 0;
  for (const article of articles) paragraphs += article.paragraphs.length;
  if (
    paragraphs !== docCount ||
    articles.length !== header.articleCount ||
    articlePostingStart[termCount] !== header.articlePostingCount ||
    articleTitleStart[header.articleCount] !== header.titleTokenCount ||
    postingStart[termCount] !== postingCount ||
    docTokenStart[docCount] !== header.tokenCount
  ) {
    throw new IndexFileError("The index cache file does not match the corpus.");
  }
}
