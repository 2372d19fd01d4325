import { SENTENCE_TOKEN, STOP_TOKEN } from "../index-store/index.js";
import { forEachWordSpan } from "./analyze.js";
import type { IndexedWord, TermVocabulary, WrittenWordIds } from "./index-words.js";
import { splitSentences } from "./sentences.js";

/**
 * What the builder's first pass reads from a corpus's texts — its vocabulary and forward index — and
 * the rest of the build (index-postings.ts) turns into postings. A full build makes it from every
 * text (build-index.ts); an incremental one (patch-index.ts) from the index it replaces plus the
 * articles that changed, so both end in the same code and give the same index.
 */
export interface IndexAnalysis {
  /** termId → index term, in order of first use (title, dek, then paragraphs, article by article). */
  readonly terms: string[];
  /** termId → the folded surface of the term's first use. */
  readonly surfaces: string[];
  readonly termIds: Map<string, number>;
  /** article → its title's and dek's term ids, stop words left out. */
  readonly titleIds: number[][];
  readonly dekIds: number[][];
  readonly docArticle: Uint32Array;
  readonly docParagraph: Uint32Array;
  readonly docTokenStart: Uint32Array;
  /** The forward index (ParagraphIndex.docTokens). */
  readonly docTokens: Uint32Array;
  /** doc → its words that are terms (neither stop words nor sentence marks). */
  readonly docLength: Uint32Array;
  /** doc → entity mask, with the `entityTags` option. */
  readonly docEntities?: Uint16Array;
}

/** Where term ids go: an array or a growable typed array. */
export interface TermSink {
  push(id: number): unknown;
}

/** The builder's vocabulary: ids in order of first use, each term's surface the first one written. */
export class FirstUseVocabulary implements TermVocabulary {
  readonly termIds = new Map<string, number>();
  readonly terms: string[] = [];
  readonly surfaces: string[] = [];

  idOf(word: IndexedWord): number {
    let id = this.termIds.get(word.term);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(word.term, id);
      this.terms.push(word.term);
      this.surfaces.push(surfaceOf(word));
    }
    return id;
  }
}

/** The surface a term's first use gives it (for hints). */
export function surfaceOf(word: IndexedWord): string {
  return word.folded.replace(/'s$/, "");
}

/**
 * Term ids of a text's words in order into `into`, stop words as STOP_TOKEN (they still take a
 * position), with `sentences` SENTENCE_TOKEN between sentences. Returns how many words are terms.
 */
export function analyseText(text: string, words: WrittenWordIds, into: TermSink, sentences = false): number {
  let content = 0;
  const starts = sentences ? splitSentences(text).map((r) => r.start) : [];
  let nextSentence = 1;
  // Where each word is written, not the word: the table reads it in place (index-words.ts).
  forEachWordSpan(text, (start, end) => {
    if (nextSentence < starts.length && start >= starts[nextSentence]!) {
      into.push(SENTENCE_TOKEN);
      while (nextSentence < starts.length && start >= starts[nextSentence]!) nextSentence++;
    }
    const id = words.idOf(text, start, end);
    into.push(id);
    if (id !== STOP_TOKEN) content++;
  });
  return content;
}
