/**
 * What one corpus file may cost the loader, far above what a real export reaches (the bench archive's
 * sizes are in docs/hardening.md). A file over a limit is a listed corpus error naming it, never a
 * crash: a reload keeps the last good index, a start names the file.
 */
export interface CorpusLimits {
  /** Largest Markdown article file, bytes. */
  maxFileBytes: number;
  /** Largest JSONL export after decompression, bytes (bounds a gzip bomb of many lines). */
  maxUnpackedBytes: number;
  /** Longest JSONL line (one article), bytes (bounds a gzip bomb of one line). */
  maxLineBytes: number;
  /** Longest paragraph, characters. */
  maxParagraphChars: number;
  /** Most paragraphs in one article. */
  maxParagraphs: number;
  /** A read that makes no progress for this long fails (a hung mount), ms. */
  readStallMs: number;
}

const MiB = 1024 * 1024;

export const CORPUS_LIMITS: Readonly<CorpusLimits> = Object.freeze({
  maxFileBytes: 4 * MiB,
  maxUnpackedBytes: 4096 * MiB,
  maxLineBytes: 4 * MiB,
  maxParagraphChars: 100_000,
  maxParagraphs: 10_000,
  readStallMs: 30_000,
});

export function resolveCorpusLimits(limits: Partial<CorpusLimits> = {}): Readonly<CorpusLimits> {
  return { ...CORPUS_LIMITS, ...limits };
}

/** "4 MiB" / "100,000": limits as people read them in error messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${Math.round((bytes / MiB) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}

/** The paragraph count and lengths of one article within the limits, or what is over. */
export function paragraphProblem(paragraphs: readonly string[], limits: CorpusLimits): string | undefined {
  if (paragraphs.length > limits.maxParagraphs) {
    return `the article has ${paragraphs.length.toLocaleString("en-US")} paragraphs, more than the limit of ${limits.maxParagraphs.toLocaleString("en-US")}`;
  }
  for (let i = 0; i < paragraphs.length; i++) {
    if (paragraphs[i]!.length > limits.maxParagraphChars) {
      return `paragraph ${i + 1} has ${paragraphs[i]!.length.toLocaleString("en-US")} characters, more than the limit of ${limits.maxParagraphChars.toLocaleString("en-US")}`;
    }
  }
  return undefined;
}
