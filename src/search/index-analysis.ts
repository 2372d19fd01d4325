import { SENTENCE_TOKEN, STOP_TOKEN } from "../index-store/index.js";
import { forEachWordSpan, isPlainText } from "./analyze.js";
import type { IndexedWord, TermVocabulary, WrittenWordIds } from "./index-words.js";
import { plainWordEnd, plainWordStart } from "./plain-words.js";
import { type SentenceRange, splitSentences } from "./sentences.js";

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
  const reading = new TextReading(text, words, into, sentences ? splitSentences(text) : []);
  if (isPlainText(text)) {
    // Plain text (most of a corpus) read here, without a call through forEachWordSpan's visit per word.
    for (let start = plainWordStart(text, 0); start < text.length; ) {
      const end = plainWordEnd(text, start);
      reading.word(start, end);
      start = plainWordStart(text, end);
    }
  } else forEachWordSpan(text, (start, end) => reading.word(start, end));
  return reading.content;
}

/** One text's words read into `into`: where its next sentence starts, and how many words are terms. */
class TextReading {
  content = 0;
  private nextSentence = 1;

  constructor(
    private readonly text: string,
    private readonly words: WrittenWordIds,
    private readonly into: TermSink,
    private readonly sentences: readonly SentenceRange[],
  ) {}

  /** The word written at text.slice(start, end), after a SENTENCE_TOKEN if a sentence starts before it. */
  word(start: number, end: number): void {
    const sentences = this.sentences;
    if (this.nextSentence < sentences.length && start >= sentences[this.nextSentence]!.start) {
      this.into.push(SENTENCE_TOKEN);
      while (this.nextSentence < sentences.length && start >= sentences[this.nextSentence]!.start)
        this.nextSentence++;
    }
    // Where the word is written, not the word: the table reads it in place (index-words.ts).
    const id = this.words.idOf(this.text, start, end);
    this.into.push(id);
    if (id !== STOP_TOKEN) this.content++;
  }
}
