import { type ParagraphIndex, SENTENCE_TOKEN } from "./paragraph-index.js";

/**
 * Options of boilerplate detection: paragraphs that are the page around a story rather than the story
 * (ad surveys, newsletter promos, "Contact … at …" lines, photo credits, bylines, datelines). They are
 * recognised by two general signals, never by lists of phrases: repetition across articles (the same
 * words, stop words included, in many distinct articles) and shape (a few words that end no sentence).
 */
export interface BoilerplateOptions {
  /** Distinct articles holding a short paragraph's exact words at and above which it is boilerplate. */
  minRepeatsShort: number;
  /** Distinct articles holding any paragraph's exact words at and above which it is boilerplate. */
  minRepeats: number;
  /** Most words of a "short" paragraph (for minRepeatsShort). */
  shortWords: number;
  /** Most words of a credit-like paragraph: this few words, not ending as a sentence ends. */
  creditWords: number;
}

/**
 * Defaults, each measured on the archive (25,888 articles): a paragraph repeated word for word in 5+
 * articles and at most 12 words long is a heading, credit or label ("Boston", "Iowa: 9", "Contributing:
 * …"); in 20+ articles at any length a promo or footer ("Contact … at (302) …"); two to four copies are
 * often the same story syndicated or updated, whose paragraphs do answer, so they are kept. A paragraph of
 * at most 4 words that ends no sentence is a byline, credit or dateline ("Karen Gilchrist", "Paris CNN —").
 */
export const DEFAULT_BOILERPLATE_OPTIONS: Readonly<BoilerplateOptions> = Object.freeze({
  minRepeatsShort: 5,
  minRepeats: 20,
  shortWords: 12,
  creditWords: 4,
});

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
 * that differ only in case or punctuation share it. Small integers keep the count map fast (a 53-bit key
 * took 8 s at 1.13M paragraphs); a collision adds one article to a count, and the thresholds ask for 5.
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
  options: BoilerplateOptions = DEFAULT_BOILERPLATE_OPTIONS,
): Uint8Array {
  const flags = new Uint8Array(index.docCount);
  const keys = new Int32Array(index.docCount);
  // (key, article) packed in one float (30 + 23 bits, exact), sorted: equal keys are adjacent, and so are
  // their articles, so one walk counts the distinct articles of each key. A Map over every key took 2 s
  // at 1.13M paragraphs; this takes a tenth of that.
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
    if (articles >= Math.min(options.minRepeats, options.minRepeatsShort)) count.set(key, articles);
  }
  for (let doc = 0; doc < index.docCount; doc++) {
    const words = wordCount(index, doc);
    if (words === 0) continue;
    const repeats = count.get(keys[doc]!) ?? 1;
    if (
      repeats >= options.minRepeats ||
      (repeats >= options.minRepeatsShort && words <= options.shortWords)
    ) {
      flags[doc] = 1;
      continue;
    }
    if (words <= options.creditWords) {
      const text = index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!]!;
      if (!SENTENCE_END_RE.test(text.slice(-8))) flags[doc] = 1;
    }
  }
  return flags;
}

const flagsByIndex = new WeakMap<ParagraphIndex, Uint8Array>();

/** detectBoilerplate with the defaults, once per index (warmIndex runs it before an index goes live). */
export function boilerplateOf(index: ParagraphIndex): Uint8Array {
  let flags = flagsByIndex.get(index);
  if (!flags) {
    flags = detectBoilerplate(index);
    flagsByIndex.set(index, flags);
  }
  return flags;
}
