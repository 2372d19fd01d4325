import SearchableMap from "minisearch/SearchableMap";
import type { ParagraphIndex } from "../index-store/index.js";
import type { Expansion } from "./expansion.js";

/**
 * Everything the engine keeps beside an (immutable) index: memos of what depends on the index and a key
 * alone, the vocabulary tree, and the scratch arrays that let a pass over a candidate's words find the
 * question's with one typed read instead of a hash look-up. One object per index, made on first use
 * (or by warmIndex before the index goes live) and dropped with the index (a WeakMap).
 *
 * Scratch arrays are zero between uses: whoever marks entries resets them before returning, whatever
 * happens (withMarks) — a mark left behind would hide or mislabel its entry for every later question.
 * Each user has its own array, so one user's marks never show through another's.
 */
export interface IndexState {
  /** The index's terms in MiniSearch's radix tree (term → termId), for typo and prefix look-ups. */
  readonly vocabulary: () => SearchableMap<number>;
  /** Whether the vocabulary tree has been built. */
  readonly hasVocabulary: () => boolean;

  /** Typo corrections of unknown words, per (edit distance, weight), by term. */
  readonly fuzzy: MemoFamily<string, readonly Expansion[]>;
  /** Related words (WordNet) of a folded question word that the index holds, closest first, by the word. */
  readonly related: Memo<string, readonly RelatedTerm[]>;
  /** Names a paragraph writes, by doc × 3 + name mode. */
  readonly names: Memo<number, ReadonlySet<number>>;
  /** The same by word position (1 where the paragraph's word is a name), by doc × 3 + name mode. */
  readonly nameFlags: Memo<number, Uint8Array>;
  /** Index term id of a written word (−1: none), by the word. */
  readonly wordIds: Memo<string, number>;
  /** Term ids of a paragraph's words written with a capital or a digit (stop words not), by doc. */
  readonly writtenNames: Memo<number, ReadonlySet<number>>;
  /** Names any paragraph of an article writes, by article. */
  readonly articleNames: Memo<number, ReadonlySet<number>>;
  /** A paragraph's names read with its article, by doc. */
  readonly docNames: Memo<number, ReadonlySet<number>>;
  /** Salient names of an article, per (topicShare, minParagraphs), by article × 2 + places. */
  readonly salient: MemoFamily<number, ReadonlySet<number>>;
  /** An article's principal subject (term id, −1 for none), per minParagraphs, by article. */
  readonly subjects: MemoFamily<number, number>;
  /** termId → term class bits (number, time), 0 while not read yet. */
  readonly termClasses: Uint8Array;
  /** doc → whether its paragraph only asks: 0 not read yet, else ASKS or ANSWERS (rerank.ts). */
  readonly askFlags: Uint8Array;

  /** termId → 1 for the question's own terms, while query analysis drops related words it asks. */
  readonly askedTerms: Int32Array;
  /** termId → 1 + question word, while rerank reads the candidates. */
  readonly rerankGroups: Int32Array;
  /** termId → question-word marks, while the answer-type boost reads the candidates. */
  readonly answerMarks: Int32Array;
  /** termId → 1 for the question's terms, while the answer keeps the passages that hold one. */
  readonly questionTerms: Uint8Array;
  /** doc → 1 while the first stage gathers candidates. */
  readonly seenDocs: Uint8Array;
  /** doc → idf mass and question word stamp, while the coverage bound walks the postings. */
  readonly boundMass: Float64Array;
  readonly boundStamp: Int32Array;
}

/** A related word the index holds: its term id, the term, and its paragraph idf. */
export interface RelatedTerm {
  readonly termId: number;
  readonly term: string;
  readonly idf: number;
}

const states = new WeakMap<ParagraphIndex, IndexState>();

/** The state kept with `index`, made on first use. */
export function indexState(index: ParagraphIndex): IndexState {
  let state = states.get(index);
  if (!state) {
    state = createIndexState(index);
    states.set(index, state);
  }
  return state;
}

function createIndexState(index: ParagraphIndex): IndexState {
  let vocabulary: SearchableMap<number> | undefined;
  const terms = index.terms.length;
  const docs = index.docCount;
  return {
    vocabulary() {
      if (!vocabulary) {
        vocabulary = new SearchableMap<number>();
        for (let id = 0; id < index.terms.length; id++) vocabulary.set(index.terms[id]!, id);
      }
      return vocabulary;
    },
    hasVocabulary: () => vocabulary !== undefined,
    fuzzy: new MemoFamily(4096),
    // A word's related terms in the corpus depend on the index alone: reading the WordNet list against
    // the vocabulary (most of it words a small corpus never uses) was a share of every question's analysis.
    related: new Memo(8192),
    // A paragraph's names depend on its text alone, reading them is the boost's main work, and the
    // same paragraphs are candidates for many questions.
    names: new Memo(8192),
    nameFlags: new Memo(8192),
    wordIds: new Memo(100_000),
    writtenNames: new Memo(8192),
    articleNames: new Memo(4096),
    docNames: new Memo(8192),
    salient: new MemoFamily(4096),
    subjects: new MemoFamily(65_536),
    termClasses: new Uint8Array(terms),
    askFlags: new Uint8Array(docs),
    askedTerms: new Int32Array(terms),
    rerankGroups: new Int32Array(terms),
    answerMarks: new Int32Array(terms),
    questionTerms: new Uint8Array(terms),
    seenDocs: new Uint8Array(docs),
    boundMass: new Float64Array(docs),
    boundStamp: new Int32Array(docs),
  };
}

/**
 * A bounded memo: at most `limit` keys, cleared when full. Clearing instead of evicting the least recent
 * costs no bookkeeping on the hot path, and a working set that fits stays warm.
 */
export class Memo<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly limit: number) {}
  get(key: K): V | undefined {
    return this.map.get(key);
  }
  set(key: K, value: V): void {
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
  }
}

/**
 * Memos per pair of numeric options, each made on first use: values computed under other options must
 * not mix, and a key string with the options in it would format the numbers for every look-up.
 */
export class MemoFamily<K, V> {
  private readonly family = new Map<number, Map<number, Memo<K, V>>>();
  constructor(private readonly limit: number) {}
  of(a: number, b: number): Memo<K, V> {
    let byB = this.family.get(a);
    if (!byB) {
      byB = new Map();
      this.family.set(a, byB);
    }
    let memo = byB.get(b);
    if (!memo) {
      memo = new Memo(this.limit);
      byB.set(b, memo);
    }
    return memo;
  }
}

/**
 * Runs `body` with marks set on a scratch array and always resets them: `body` records each entry it
 * marks in `touched` (the first time), and every one of them is zeroed when it returns or throws.
 */
export function withMarks<A extends Int32Array | Uint8Array | Float64Array, T>(
  scratch: A,
  body: (scratch: A, touched: number[]) => T,
): T {
  const touched: number[] = [];
  try {
    return body(scratch, touched);
  } finally {
    for (const id of touched) scratch[id] = 0;
  }
}
