import { stemmer } from "stemmer";
import { foldText } from "./fold.js";
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

const termCache = new Map<string, string>();
const TERM_CACHE_LIMIT = 200_000;

/** Index form of a folded word that is not an acronym. */
function termOf(folded: string): string {
  const cached = termCache.get(folded);
  if (cached !== undefined) return cached;
  let word = folded;
  if (DIGIT_RE.test(word)) {
    // "1,000" and "1000" are the same number; "3.5" keeps its point.
    word = word.replace(/,/g, "");
  } else {
    if (word.endsWith("'s")) word = word.slice(0, -2);
    word = word.replace(/'/g, "");
    // British -ise spellings meet American -ize ones before stemming ("organising" ~ "organized").
    word = word.replace(BRITISH_IZE_RE, "$1iz$2");
    word = word.length > 2 ? stemmer(word) : word;
  }
  if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
  termCache.set(folded, word);
  return word;
}

/** Splits a text into located, folded, stemmed words. Never throws. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  for (const match of text.matchAll(TOKEN_RE)) {
    const raw = match[0];
    const start = match.index;
    const acronym = ACRONYM_RE.test(raw);
    const folded = acronym ? foldText(raw.replace(/\./g, "")) : foldText(raw);
    const numeric = DIGIT_RE.test(raw);
    const capsWord = acronym || ALL_CAPS_RE.test(raw);
    const term = acronym ? folded : termOf(folded);
    // "US", "IT" or "U.S." written in capitals are names, not the pronouns.
    const stop = !capsWord && !numeric && (isStopWord(folded) || isStopWord(folded.replace(/'s$/, "")));
    tokens.push({
      term,
      folded,
      start,
      end: start + raw.length,
      position: position++,
      stop: stop || term.length === 0,
      capitalized: capsWord || UPPER_START_RE.test(raw),
      numeric,
    });
  }
  return tokens;
}

/** The index terms of a text: its non-stop words, in order (repeats kept, for term frequency). */
export function indexTerms(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) if (!token.stop) out.push(token.term);
  return out;
}
