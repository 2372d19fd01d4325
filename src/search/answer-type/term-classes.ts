import type { ParagraphIndex } from "../../index-store/index.js";
import { indexTerms } from "../analyze.js";
import { NUMBER_WORDS, TIME_WORDS } from "./question-type.js";

/**
 * What kind of candidate answer an index term is — a number, a time — read from the term itself, once
 * per index and term id (IndexState.termClasses: class bits, 0 while not yet read).
 */
const CLASS_KNOWN = 1;
export const CLASS_NUMBER = 2;
export const CLASS_TIME = 4;
const NUMBER_TERMS = new Set(indexTerms([...NUMBER_WORDS].join(" ")));
export const TIME_TERMS = new Set(indexTerms([...TIME_WORDS].join(" ")));
export const DIGIT_RE = /\p{N}/u;
const YEAR_RE = /^(1[0-9]|20)\d\d$/;

/** A term's class bits (CLASS_NUMBER, CLASS_TIME), read into `cache` on first sight. */
export function termClass(index: ParagraphIndex, cache: Uint8Array, id: number): number {
  let c = cache[id]!;
  if (c === 0) {
    const term = index.terms[id]!;
    const digits = DIGIT_RE.test(term);
    c = CLASS_KNOWN;
    if (digits || NUMBER_TERMS.has(term)) c |= CLASS_NUMBER;
    if (TIME_TERMS.has(term) || (digits && YEAR_RE.test(term))) c |= CLASS_TIME;
    cache[id] = c;
  }
  return c;
}
