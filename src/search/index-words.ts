import { STOP_TOKEN } from "../index-store/index.js";
import { analyzeWord, type Token } from "./analyze.js";

/** What the builder reads of a word: its term, and its folded form (the term's surface). */
export type IndexedWord = Pick<Token, "term" | "folded">;

/** Gives the term id of a word, adding the word's term when it is new. */
export interface TermVocabulary {
  idOf(word: IndexedWord): number;
}

const EMPTY = -1;
const FIRST_SLOTS = 1 << 16;
/** An entry's fields, side by side in `entries`: its hash, where its characters start in the pool, their count, its id. */
const HASH = 0;
const START = 1;
const LENGTH = 2;
const ID = 3;
const FIELDS = 4;

/**
 * One build's table from a word as written to its id in the forward index (its term's id, or
 * STOP_TOKEN): each word of the corpus costs one look-up here, where analysing it (a memo keyed by the
 * word) and then finding its term in the vocabulary cost two look-ups in large maps. The words are read
 * in place — hashed and compared from the text, never cut out of it — and only a word not seen before is
 * sliced, analysed and given to the vocabulary, which so sees each new written word in the order a build
 * reads it: first uses, and the ids and surfaces they give, are the same as without the table.
 *
 * Open addressing with linear probing, kept at most half full; the words' characters in one pool.
 */
export class WrittenWordIds {
  private slots = new Int32Array(FIRST_SLOTS).fill(EMPTY);
  private entries = new Int32Array(FIELDS * FIRST_SLOTS);
  private entryCount = 0;
  private pool = new Uint16Array(FIRST_SLOTS);
  private poolLength = 0;

  constructor(private readonly vocabulary: TermVocabulary) {}

  /** The id of the word written at text.slice(start, end). */
  idOf(text: string, start: number, end: number): number {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    const slots = this.slots;
    const mask = slots.length - 1;
    const entries = this.entries;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slots[slot]!;
      if (at === EMPTY) return this.add(slot, hash, text, start, end);
      // >>> 0: ids are unsigned (STOP_TOKEN is 2³² − 1), the entries signed.
      if (entries[at + HASH] === hash && this.written(at, text, start, end)) return entries[at + ID]! >>> 0;
    }
  }

  /** Whether the entry at `at` is the word written at text.slice(start, end). */
  private written(at: number, text: string, start: number, end: number): boolean {
    const length = end - start;
    if (this.entries[at + LENGTH] !== length) return false;
    const pool = this.pool;
    const from = this.entries[at + START]!;
    for (let i = 0; i < length; i++) if (pool[from + i] !== text.charCodeAt(start + i)) return false;
    return true;
  }

  private add(slot: number, hash: number, text: string, start: number, end: number): number {
    const info = analyzeWord(text.slice(start, end));
    const id = info.stop ? STOP_TOKEN : this.vocabulary.idOf(info);
    if (FIELDS * (this.entryCount + 1) > this.entries.length) this.entries = doubled(this.entries);
    const at = FIELDS * this.entryCount++;
    this.entries[at + HASH] = hash;
    this.entries[at + START] = this.keep(text, start, end);
    this.entries[at + LENGTH] = end - start;
    this.entries[at + ID] = id;
    this.slots[slot] = at;
    if (2 * this.entryCount > this.slots.length) this.grow();
    return id;
  }

  /** Copies a word's characters into the pool; returns where they start. */
  private keep(text: string, start: number, end: number): number {
    const from = this.poolLength;
    while (from + (end - start) > this.pool.length) this.pool = doubled(this.pool);
    for (let i = start; i < end; i++) this.pool[this.poolLength++] = text.charCodeAt(i);
    return from;
  }

  /** Twice the slots, every entry placed again. */
  private grow(): void {
    const slots = new Int32Array(2 * this.slots.length).fill(EMPTY);
    const mask = slots.length - 1;
    for (let at = 0; at < FIELDS * this.entryCount; at += FIELDS) {
      let slot = this.entries[at + HASH]! & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = at;
    }
    this.slots = slots;
  }
}

function doubled<T extends Int32Array | Uint16Array>(array: T): T {
  const bigger = new (array.constructor as new (n: number) => T)(2 * array.length);
  bigger.set(array);
  return bigger;
}
