import { type ParagraphIndex, SENTENCE_TOKEN } from "../index-store/index.js";
import { DEFAULT_ENGINE_OPTIONS, type ResolvedEngineOptions } from "./engine-options.js";

/**
 * Boilerplate: paragraphs that are the page around a story rather than the story (ad surveys, newsletter
 * promos, "Contact … at …" lines, photo credits, bylines, datelines). They are recognised by two general
 * signals, never by lists of phrases: repetition across articles (the same words, stop words included,
 * in many distinct articles) and shape (a few words that end no sentence). Thresholds:
 * DEFAULT_ENGINE_OPTIONS.boilerplate*.
 */
type BoilerplateOptions = Pick<
  ResolvedEngineOptions,
  "boilerplateRepeatsShort" | "boilerplateRepeats" | "boilerplateShortWords" | "boilerplateCreditWords"
>;

// A sentence's end: . ! ? or … maybe followed by closing quotes or brackets, then white space.
const SENTENCE_END_RE = /[.!?…]["'”’)\]]*\s*$/u;

/** Words of a paragraph in the forward index (sentence marks aside). */
function wordCount(index: ParagraphIndex, doc: number): number {
  let n = 0;
  const to = index.docTokenStart[doc + 1]!;
  for (let i = index.docTokenStart[doc]!; i < to; i++) if (index.docTokens[i] !== SENTENCE_TOKEN) n++;
  return n;
}

/**
 * A 30-bit hash of a paragraph's words (term ids, stop words and sentence marks included), so paragraphs
 * that differ only in case or punctuation share it. Small integers keep the count fast where a wider key
 * was far slower at archive scale (docs/performance.md); a collision adds one article to a count, and the
 * thresholds ask for 5.
 */
function paragraphKey(index: ParagraphIndex, doc: number): number {
  let a = 0x811c9dc5;
  const to = index.docTokenStart[doc + 1]!;
  for (let i = index.docTokenStart[doc]!; i < to; i++) a = Math.imul(a ^ index.docTokens[i]!, 0x01000193);
  a ^= a >>> 15;
  return (a >>> 2) & 0x3fffffff;
}

/**
 * Per doc, 1 when its paragraph is boilerplate, else 0: one pass over the forward index (no text is
 * re-read but each paragraph's last characters), counting for each paragraph's words the distinct
 * articles that hold them.
 */
export function detectBoilerplate(
  index: ParagraphIndex,
  options: BoilerplateOptions = DEFAULT_ENGINE_OPTIONS,
): Uint8Array {
  const flags = new Uint8Array(index.docCount);
  const keys = new Int32Array(index.docCount);
  // (key, article) packed in one float (30 + 23 bits, exact), sorted: equal keys are adjacent, and so are
  // their articles, so one walk counts the distinct articles of each key: much faster than a Map of
  // every key at archive scale (docs/performance.md).
  const packed = new Float64Array(index.docCount);
  const ARTICLE_SPACE = 0x800000;
  let n = 0;
  for (let doc = 0; doc < index.docCount; doc++) {
    if (index.docTokenStart[doc + 1]! === index.docTokenStart[doc]!) continue;
    const key = paragraphKey(index, doc);
    keys[doc] = key;
    packed[n++] = key * ARTICLE_SPACE + (index.docArticle[doc]! % ARTICLE_SPACE);
  }
  const sorted = packed.subarray(0, n).sort();
  // Only keys held by enough articles to matter are kept.
  const count = new Map<number, number>();
  for (let i = 0; i < n; ) {
    const key = Math.floor(sorted[i]! / ARTICLE_SPACE);
    let articles = 0;
    let last = -1;
    for (; i < n && Math.floor(sorted[i]! / ARTICLE_SPACE) === key; i++) {
      if (sorted[i] !== last) articles++;
      last = sorted[i]!;
    }
    if (articles >= Math.min(options.boilerplateRepeats, options.boilerplateRepeatsShort))
      count.set(key, articles);
  }
  for (let doc = 0; doc < index.docCount; doc++) {
    const words = wordCount(index, doc);
    if (words === 0) continue;
    const repeats = count.get(keys[doc]!) ?? 1;
    if (
      repeats >= options.boilerplateRepeats ||
      (repeats >= options.boilerplateRepeatsShort && words <= options.boilerplateShortWords)
    ) {
      flags[doc] = 1;
      continue;
    }
    if (words <= options.boilerplateCreditWords) {
      const text = index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!]!;
      if (!SENTENCE_END_RE.test(text.slice(-8))) flags[doc] = 1;
    }
  }
  return flags;
}

const flagsByIndex = new WeakMap<ParagraphIndex, Map<string, Uint8Array>>();

/** detectBoilerplate, once per index and thresholds (warmIndex runs it with the defaults before an index goes live). */
export function boilerplateOf(
  index: ParagraphIndex,
  options: BoilerplateOptions = DEFAULT_ENGINE_OPTIONS,
): Uint8Array {
  let byOptions = flagsByIndex.get(index);
  if (!byOptions) {
    byOptions = new Map();
    flagsByIndex.set(index, byOptions);
  }
  const key = `${options.boilerplateRepeatsShort} ${options.boilerplateRepeats} ${options.boilerplateShortWords} ${options.boilerplateCreditWords}`;
  let flags = byOptions.get(key);
  if (!flags) {
    flags = detectBoilerplate(index, options);
    byOptions.set(key, flags);
  }
  return flags;
}
