import { stemmer } from "stemmer";
import { foldText } from "./fold.js";
import { baseForm } from "./irregular-verbs.js";
import { plainWordEnd, plainWordStart } from "./plain-words.js";
import { isStopWord } from "./stop-words.js";

/** One word of a text, located in the original string so excerpts can mark it verbatim. */
export interface Token {
  /** Index form: folded, possessive dropped, Porter-stemmed (numbers and acronyms unstemmed). */
  term: string;
  /** Folded surface form before stemming (for hints and prefix matching). */
  folded: string;
  /** Offsets in the original text: text.slice(start, end) is the word as written. */
  start: number;
  end: number;
  /** Position among all words of the text, stop words included (for proximity). */
  position: number;
  stop: boolean;
  /** Written with a capital, or an acronym: a likely name. */
  capitalized: boolean;
  /** Holds a digit: a number, a year, a score. */
  numeric: boolean;
}

// Dotted acronyms first ("U.N.", "U.S."), then numbers with separators ("1,000", "3.5", "18th"),
// then words with inner apostrophes ("Kazakhstan’s", "don't").
const TOKEN_RE =
  /(?:\p{L}\.){2,}|\p{N}+(?:[.,]\p{N}+)*\p{L}*|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
const ACRONYM_RE = /^(?:\p{L}\.){2,}$/u;
const DIGIT_RE = /\p{N}/u;
const UPPER_START_RE = /^\p{Lu}/u;
const ALL_CAPS_RE = /^[\p{Lu}\p{N}]{2,5}$/u;
const BRITISH_IZE_RE = /^(.{3,}[^aeiou])is(e|ed|es|ing|ation|ations)$/;

/** What analysis says about one written word; cached by the word as written. */
export interface WordInfo {
  term: string;
  folded: string;
  stop: boolean;
  capitalized: boolean;
  numeric: boolean;
}

const wordCache = new Map<string, WordInfo>();
const WORD_CACHE_LIMIT = 300_000;

/** Index form of a folded word that is not an acronym. */
function termOf(folded: string): string {
  let word = folded;
  if (DIGIT_RE.test(word)) {
    // "1,000" and "1000" are the same number; "3.5" keeps its point.
    return word.replace(/,/g, "");
  }
  if (word.endsWith("'s")) word = word.slice(0, -2);
  word = baseForm(word.replace(/'/g, ""));
  // British -ise spellings meet American -ize ones before stemming ("organising" ~ "organized").
  word = word.replace(BRITISH_IZE_RE, "$1iz$2");
  if (word.length <= 2) return word;
  const stem = stemmer(word);
  // A stem under three letters would meet a two-letter word ("using" → "us" meets "US", "ones" → "on"
  // meets "on"); giving back the e Porter drops keeps them apart and joins the word's own forms ("use",
  // "one", "die" for "dies").
  return stem.length < 3 ? `${stem}e` : stem;
}

/** What analysis says of one word as written (`raw`: a word tokenize reads). Memoised. */
export function analyzeWord(raw: string): WordInfo {
  const cached = wordCache.get(raw);
  if (cached !== undefined) return cached;
  const acronym = ACRONYM_RE.test(raw);
  const folded = acronym ? foldText(raw.replace(/\./g, "")) : foldText(raw);
  const numeric = DIGIT_RE.test(raw);
  const capsWord = acronym || ALL_CAPS_RE.test(raw);
  const term = acronym ? folded : termOf(folded);
  // "US", "IT" or "U.S." written in capitals are names, not the pronouns.
  const stop = !capsWord && !numeric && (isStopWord(folded) || isStopWord(folded.replace(/'s$/, "")));
  const info: WordInfo = {
    term,
    folded,
    stop: stop || term.length === 0,
    capitalized: capsWord || UPPER_START_RE.test(raw),
    numeric,
  };
  if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
  wordCache.set(raw, info);
  return info;
}

/*
 * On plain text (isPlainText) a letter is [A-Za-z], a digit [0-9], and no character is a mark or outside
 * the BMP, so TOKEN_RE with these ASCII classes and without the u flag matches exactly what it matches
 * with the Unicode properties; plain-words.ts reads that regex's words by hand, faster than either regex,
 * on the plain text most questions and paragraphs are. test/search/equivalence.test.ts holds the two
 * tokenizers to the same tokens.
 */
// ASCII, plus the typographic punctuation of news text (no-break space, dashes, curly quotes, ellipsis).
const PLAIN_TEXT_RE = /^[\x00-\x7f\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026]*$/;

/** Whether tokenize may read words as plain-words.ts does: the text has no letter, digit or mark beyond ASCII. */
export function isPlainText(text: string): boolean {
  return PLAIN_TEXT_RE.test(text);
}

/** Splits a text into located, folded, stemmed words. Never throws. */
export function tokenize(text: string): Token[] {
  return collect(text, forEachWordSpan);
}

/** What a visit of forEachWord is told of each word: its analysis and where it is written. */
export type WordVisit = (info: WordInfo, start: number, end: number) => void;

/** What a visit of forEachWordSpan is told of each word: where it is written, text.slice(start, end). */
export type SpanVisit = (start: number, end: number) => void;

/**
 * The words of `text` in order, as tokenize reads them, without a Token object per word: building the
 * index reads every word of the corpus once and keeps only its term (docs/performance.md).
 */
export function forEachWord(text: string, visit: WordVisit): void {
  forEachWordSpan(text, (start, end) => visit(analyzeWord(text.slice(start, end)), start, end));
}

/**
 * Where each word of `text` is written, in order, as tokenize reads them, without reading the word: the
 * index builder looks a written word up in its own table (index-words.ts) before analysing it.
 */
export function forEachWordSpan(text: string, visit: SpanVisit): void {
  if (isPlainText(text)) forEachPlainSpan(text, visit);
  else forEachUnicodeSpan(text, visit);
}

/**
 * The general tokenizer, for any text. TOKEN_RE is kept at module level and reset before each use
 * instead of copied per call (a copy is garbage): tokenising never re-enters itself.
 */
export function tokenizeUnicode(text: string): Token[] {
  return collect(text, forEachUnicodeSpan);
}

/** The tokenizer for plain text (see isPlainText); on other text its tokens may differ. */
export function tokenizePlain(text: string): Token[] {
  return collect(text, forEachPlainSpan);
}

function collect(text: string, each: (text: string, visit: SpanVisit) => void): Token[] {
  const tokens: Token[] = [];
  each(text, (start, end) => {
    const info = analyzeWord(text.slice(start, end));
    tokens.push({
      term: info.term,
      folded: info.folded,
      start,
      end,
      position: tokens.length,
      stop: info.stop,
      capitalized: info.capitalized,
      numeric: info.numeric,
    });
  });
  return tokens;
}

function forEachUnicodeSpan(text: string, visit: SpanVisit): void {
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    // A visit that tokenises moves the shared regex: where this text's next word starts is kept.
    const next = TOKEN_RE.lastIndex;
    visit(m.index, m.index + m[0].length);
    TOKEN_RE.lastIndex = next;
  }
}

function forEachPlainSpan(text: string, visit: SpanVisit): void {
  // Each word starts at the first ASCII letter or digit after the one before (every alternative of the
  // plain regex starts with one, and any one starts a match); plainWordEnd ends it as the regex would.
  for (let start = plainWordStart(text, 0); start < text.length; ) {
    const end = plainWordEnd(text, start);
    visit(start, end);
    start = plainWordStart(text, end);
  }
}

/** The index terms of a text: its non-stop words, in order (repeats kept, for term frequency). */
export function indexTerms(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) if (!token.stop) out.push(token.term);
  return out;
}
