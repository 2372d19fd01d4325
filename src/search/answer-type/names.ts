import type { ParagraphIndex } from "../../index-store/index.js";
import { tokenize } from "../analyze.js";
import { indexState } from "../index-state.js";
import { TIME_TERMS } from "./term-classes.js";

/**
 * Name extraction: which words a paragraph writes as names (capitalised, not only because they open a
 * sentence), as places (after a locative preposition), or read with its article. Kept per index.
 */

// A word written with a capital, at a word start: a capital letter not preceded by a letter, mark or
// digit, then the rest of the word. Found as a capital, then the look-behind by hand and the rest of the
// word with a sticky regex: a global regex with the look-behind would try it at every character.
const UPPER_RE = /\p{Lu}/gu;
const WORD_CHAR_RE = /[\p{L}\p{M}\p{N}]/u;
const WORD_REST_RE = /[\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}\p{N}]+)*/uy;
const SENTENCE_END_RE = /[.!?…]["'”’)\]]*\s*$|^\s*["'“‘([]?\s*$/u;
// A locative preposition within the three words before a name (names of a place, or of a name that
// began after one: "in New York", "from the northern Philippines").
const PLACE_BEFORE_RE =
  /\b(?:in|at|from|near|into|across|throughout|outside|inside|off|of)\s+(?:\S+\s+){0,2}$/iu;
const NEXT_CAPITAL_RE = /^\s+["'“‘]?\p{Lu}/u;

/** Which capitalised words count: names, names after a locative preposition, or every capitalised word. */
export type NameMode = 0 | 1 | 2;
export const NAMES: NameMode = 0;
export const PLACES: NameMode = 1;
const CAPITALS: NameMode = 2;

/**
 * Term ids a paragraph writes as names: with a capital, not only because a sentence opens with them
 * ("Officials said" is no name; "Squid Game is back" is). Time words ("Monday", "June") name no one.
 * PLACES: only names after a locative preposition; CAPITALS: every capitalised word, sentence openers too.
 */
function namesOf(index: ParagraphIndex, text: string, mode: NameMode): Set<number> {
  const names = new Set<number>();
  const upper = new RegExp(UPPER_RE);
  for (let m = upper.exec(text); m !== null; m = upper.exec(text)) {
    const at = m.index;
    if (at > 0) {
      // The character before, whole when it is the low half of a surrogate pair.
      const low = text.charCodeAt(at - 1);
      const from = low >= 0xdc00 && low <= 0xdfff && at > 1 ? at - 2 : at - 1;
      if (WORD_CHAR_RE.test(text.slice(from, at))) continue;
    }
    WORD_REST_RE.lastIndex = at + m[0].length;
    WORD_REST_RE.exec(text);
    const end = WORD_REST_RE.lastIndex;
    upper.lastIndex = end;
    if (mode === PLACES && !PLACE_BEFORE_RE.test(text.slice(Math.max(0, at - 30), at))) continue;
    const before = text.slice(Math.max(0, at - 4), at);
    if (
      mode !== CAPITALS &&
      SENTENCE_END_RE.test(before) &&
      !NEXT_CAPITAL_RE.test(text.slice(end, end + 4))
    ) {
      continue;
    }
    const id = termIdOf(index, text.slice(at, end));
    if (id >= 0) names.add(id);
  }
  return names;
}

/**
 * Names of recently read paragraphs, per index: a paragraph's names depend on its text alone (and on
 * whether only places count), reading them is the answer-type boost's main work, and the same
 * paragraphs are candidates for many questions. Bounded: cleared when full.
 */

export function namesOfDoc(index: ParagraphIndex, doc: number, mode: NameMode): ReadonlySet<number> {
  const key = doc * 3 + mode;
  let names = indexState(index).names.get(key);
  if (names === undefined) {
    names = namesOf(
      index,
      index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!]!,
      mode,
    );
    indexState(index).names.set(key, names);
  }
  return names;
}

/**
 * namesOfDoc by word position: 1 where the paragraph's word (from its first) is one of its names. The
 * answer-type boost reads every word of its candidates, and a typed read per word costs less than a Set
 * look-up. Kept like the names (bounded: cleared when full).
 */

export function nameFlagsOfDoc(index: ParagraphIndex, doc: number, mode: NameMode): Uint8Array {
  const key = doc * 3 + mode;
  let flags = indexState(index).nameFlags.get(key);
  if (flags === undefined) {
    const names = namesOfDoc(index, doc, mode);
    const from = index.docTokenStart[doc]!;
    const to = index.docTokenStart[doc + 1]!;
    flags = new Uint8Array(to - from);
    for (let i = from; i < to; i++) {
      const id = index.docTokens[i]! | 0;
      if (id >= 0 && names.has(id)) flags[i - from] = 1;
    }
    indexState(index).nameFlags.set(key, flags);
  }
  return flags;
}

/**
 * Term ids of the paragraph's words written with a capital or holding a digit, stop words left out:
 * the candidate answers the confidence evidence looks for near the question's words. Depends on the
 * paragraph's text alone; tokenising the ten first passages was a quarter of an answer's work, so it
 * is kept like the names (bounded: cleared when full).
 */
export function writtenNamesOfDoc(index: ParagraphIndex, doc: number): ReadonlySet<number> {
  let names = indexState(index).writtenNames.get(doc);
  if (names === undefined) {
    const set = new Set<number>();
    for (const t of tokenize(index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!]!)) {
      if (t.stop || !(t.capitalized || t.numeric)) continue;
      const id = index.termIds.get(t.term);
      if (id !== undefined) set.add(id);
    }
    names = set;
    indexState(index).writtenNames.set(doc, names);
  }
  return names;
}

/** Index term id of a written word, or −1 for a stop word, a time word or a word the index lacks. */
function termIdOf(index: ParagraphIndex, word: string): number {
  let id = indexState(index).wordIds.get(word);
  if (id === undefined) {
    const token = tokenize(word)[0];
    id =
      token === undefined || token.stop || TIME_TERMS.has(token.term)
        ? -1
        : (index.termIds.get(token.term) ?? -1);
    indexState(index).wordIds.set(word, id);
  }
  return id;
}

/** Names of recently read articles (what any of their paragraphs writes as one), and of paragraphs read with them. */

function articleNames(index: ParagraphIndex, article: number): ReadonlySet<number> {
  let names = indexState(index).articleNames.get(article);
  if (names === undefined) {
    const set = new Set<number>();
    for (let doc = index.articleDocStart[article]!; doc < index.articleDocStart[article + 1]!; doc++) {
      for (const id of namesOfDoc(index, doc, NAMES)) set.add(id);
    }
    names = set;
    indexState(index).articleNames.set(article, names);
  }
  return names;
}

/**
 * A paragraph's names read with its article: a capitalised word that opens a sentence ("Adele is
 * returning", "China is home to…") is a name when the article writes it as one elsewhere.
 * Used for salience (which names an article puts forward and whether a paragraph writes one), where it
 * helps; not for answer-type matching, where it ranked worse (docs/quality.md, "Tried and left out").
 */
export function namesInArticle(index: ParagraphIndex, doc: number): ReadonlySet<number> {
  let names = indexState(index).docNames.get(doc);
  if (names === undefined) {
    const known = articleNames(index, index.docArticle[doc]!);
    const set = new Set(namesOfDoc(index, doc, NAMES));
    for (const id of namesOfDoc(index, doc, CAPITALS)) if (known.has(id)) set.add(id);
    names = set;
    indexState(index).docNames.set(doc, names);
  }
  return names;
}
