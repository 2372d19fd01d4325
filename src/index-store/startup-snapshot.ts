import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { crc32 } from "node:zlib";
import type { Article } from "../corpus/index.js";
import { isCorpusFile } from "../corpus/index.js";
import { NewsdeskError } from "../errors.js";
import { type CacheFileKind, writeCacheFile } from "./cache-folder.js";
import { INDEX_FORMAT_VERSION, type ResolvedIndexOptions } from "./index-options.js";

/**
 * The start-up snapshot: the validated articles of a corpus folder, stored so the next start reads them
 * in a fraction of a JSONL parse, keyed by what `stat` says about the folder's files (names, sizes,
 * mtimes) instead of by their content — a content key needs the whole corpus read first, which would
 * be most of the start. It also names the engine index (content key) built from exactly these articles.
 * A stat key can miss a change (same size, mtime put back), so whoever serves a snapshot must verify
 * it against the files in the background (see verify-startup.ts) and never serve it silently stale.
 */
export interface StartupSnapshot {
  /** Key of the engine index built from these articles (corpusKey). */
  contentKey: string;
  articles: Article[];
}

/** Bump when the file layout changes. */
const SNAPSHOT_VERSION = 3;
const DIGEST_BYTES = 4;
const MAGIC = "NDSS";
const SNAPSHOT_FILES: CacheFileKind = { prefix: "startup-", suffix: ".snap" };

/**
 * Key of a corpus folder as `stat` sees it, with the index options and format it will be indexed with.
 * Undefined when the folder cannot be listed (the full load then reports why).
 */
export async function corpusStatKey(
  corpusDir: string,
  options: ResolvedIndexOptions,
): Promise<string | undefined> {
  let names: string[];
  try {
    names = (await readdir(corpusDir)).filter(isCorpusFile).sort();
  } catch {
    return undefined;
  }
  const hash = createHash("sha256");
  hash.update(`newsdesk-startup:${SNAPSHOT_VERSION}:${INDEX_FORMAT_VERSION}:${JSON.stringify(options)}\n`);
  // The folder itself too: articles carry their file's path (errors, status), which a move changes.
  hash.update(`${path.resolve(corpusDir)}\n`);
  for (const name of names) {
    try {
      const info = await stat(path.join(corpusDir, name));
      hash.update(`${name}\u0000${info.size}\u0000${info.mtimeMs}\u0000${info.ino}\n`);
    } catch {
      return undefined;
    }
  }
  return hash.digest("hex");
}

export function snapshotFileFor(cacheDir: string, statKey: string): string {
  return path.join(cacheDir, `${SNAPSHOT_FILES.prefix}${statKey.slice(0, 32)}${SNAPSHOT_FILES.suffix}`);
}

type Meta = Omit<Article, "paragraphs"> & { n: number };

/**
 * Layout: "NDSS", u32 header length, JSON header; JSON of the articles without paragraphs; u32 byte
 * end of each article's text; u32 byte end (within its article) of each paragraph; then each article's
 * paragraphs joined, as UTF-8; then a CRC-32 of all that precedes it. The snapshot's articles are
 * served verbatim as quotes, so a length check is not enough: a same-length edit ("18 years" → "81
 * years") must be refused before anything is served (CRC-32 catches every such change, as in the
 * index cache). Loading decodes each paragraph from the one buffer.
 */
export function serializeSnapshot(statKey: string, snapshot: StartupSnapshot): Buffer {
  const metas: Meta[] = [];
  const texts: Buffer[] = [];
  const paragraphEnds: number[] = [];
  const articleEnds = new Uint32Array(snapshot.articles.length);
  let bytes = 0;
  for (const [i, article] of snapshot.articles.entries()) {
    const { paragraphs, ...meta } = article;
    metas.push({ ...meta, n: paragraphs.length });
    const text = Buffer.from(paragraphs.join(""), "utf8");
    let end = 0;
    for (const p of paragraphs) {
      end += Buffer.byteLength(p, "utf8");
      paragraphEnds.push(end);
    }
    texts.push(text);
    bytes += text.length;
    articleEnds[i] = bytes;
  }
  const metaBytes = Buffer.from(JSON.stringify(metas), "utf8");
  const header = Buffer.from(
    JSON.stringify({
      version: SNAPSHOT_VERSION,
      statKey,
      contentKey: snapshot.contentKey,
      articles: snapshot.articles.length,
      paragraphs: paragraphEnds.length,
      metaBytes: metaBytes.length,
      textBytes: bytes,
    }),
    "utf8",
  );
  const start = Buffer.alloc(8);
  start.write(MAGIC, 0, "latin1");
  start.writeUInt32LE(header.length, 4);
  const ends = Uint32Array.from(paragraphEnds);
  const body = Buffer.concat([
    start,
    header,
    metaBytes,
    Buffer.from(articleEnds.buffer, articleEnds.byteOffset, articleEnds.byteLength),
    Buffer.from(ends.buffer, ends.byteOffset, ends.byteLength),
    ...texts,
  ]);
  const digest = Buffer.alloc(DIGEST_BYTES);
  digest.writeUInt32LE(crc32(body) >>> 0, 0);
  return Buffer.concat([body, digest]);
}

/** A snapshot file that is damaged: it must not be served, and the start reads the corpus instead. */
export class SnapshotFileError extends NewsdeskError {
  constructor(message: string) {
    super("snapshot_file_invalid", message);
    this.name = "SnapshotFileError";
  }
}

/**
 * The snapshot in `bytes` when it is one for this stat key (undefined for another version or key).
 * Throws SnapshotFileError when it is one but damaged: truncated, padded, or any byte changed.
 */
export function deserializeSnapshot(bytes: Buffer, statKey: string): StartupSnapshot | undefined {
  if (bytes.length < 8 + DIGEST_BYTES || bytes.toString("latin1", 0, 4) !== MAGIC) {
    throw new SnapshotFileError("it is not a snapshot file");
  }
  // The checksum first: nothing of a damaged file, not even its header, is believed.
  const bodyLength = bytes.length - DIGEST_BYTES;
  if (crc32(bytes.subarray(0, bodyLength)) >>> 0 !== bytes.readUInt32LE(bodyLength)) {
    throw new SnapshotFileError("its content checksum does not match (the file was altered or damaged)");
  }
  let at = 8 + bytes.readUInt32LE(4);
  const header = JSON.parse(bytes.toString("utf8", 8, at)) as {
    version: number;
    statKey: string;
    contentKey: string;
    articles: number;
    paragraphs: number;
    metaBytes: number;
    textBytes: number;
  };
  if (header.version !== SNAPSHOT_VERSION || header.statKey !== statKey) return undefined;
  const expected = at + header.metaBytes + 4 * (header.articles + header.paragraphs) + header.textBytes;
  if (bodyLength !== expected) throw new SnapshotFileError("its sections do not add up to its length");
  const metas = JSON.parse(bytes.toString("utf8", at, at + header.metaBytes)) as Meta[];
  at += header.metaBytes;
  // Copies: the sections need not be 4-byte aligned in the file.
  const u32 = (count: number) => {
    const out = new Uint32Array(count);
    Buffer.from(out.buffer).set(bytes.subarray(at, at + 4 * count));
    at += 4 * count;
    return out;
  };
  const articleEnds = u32(header.articles);
  const paragraphEnds = u32(header.paragraphs);
  const articles: Article[] = new Array(metas.length);
  let start = at;
  let p = 0;
  for (let i = 0; i < metas.length; i++) {
    const { n, ...meta } = metas[i]!;
    const paragraphs: string[] = new Array(n);
    // One string per paragraph, as JSON.parse gives: a paragraph of Latin-1 text stays a one-byte
    // string even when its neighbours hold curly quotes (slices of one article string would all be
    // two-byte, which costs heap in proportion to the archive).
    for (let k = 0; k < n; k++) {
      paragraphs[k] = bytes.toString(
        "utf8",
        start + (k === 0 ? 0 : paragraphEnds[p - 1]!),
        start + paragraphEnds[p]!,
      );
      p++;
    }
    start = at + articleEnds[i]!;
    articles[i] = { ...meta, paragraphs } as Article;
  }
  return { contentKey: header.contentKey, articles };
}

/**
 * Reads the snapshot of a stat key; undefined when there is none or it does not fit. A damaged one is
 * told to `onDamaged` (the caller logs it and reads the corpus, whose full read rewrites the snapshot).
 */
export async function readStartupSnapshot(
  cacheDir: string,
  statKey: string,
  onDamaged?: (file: string, why: string) => void,
): Promise<StartupSnapshot | undefined> {
  let bytes: Buffer;
  try {
    // One read call: the promise API reads large files in 512 KiB round trips through the thread pool,
    // and at start-up there is nothing else for this thread to do.
    bytes = readFileSync(snapshotFileFor(cacheDir, statKey));
  } catch {
    return undefined;
  }
  try {
    return deserializeSnapshot(bytes, statKey);
  } catch (error) {
    onDamaged?.(
      snapshotFileFor(cacheDir, statKey),
      error instanceof SnapshotFileError ? error.message : "its header cannot be read",
    );
    return undefined;
  }
}

/**
 * Writes the snapshot (atomically, keeping only the newest `keep` snapshots; see writeCacheFile).
 * Never throws: a snapshot is an accelerator, and the caller has already served the full load.
 */
export async function writeStartupSnapshot(
  cacheDir: string,
  statKey: string,
  snapshot: StartupSnapshot,
  keep = 2,
): Promise<boolean> {
  try {
    await writeCacheFile(
      snapshotFileFor(cacheDir, statKey),
      serializeSnapshot(statKey, snapshot),
      SNAPSHOT_FILES,
      keep,
    );
    return true;
  } catch {
    return false;
  }
}
