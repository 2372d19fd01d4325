import type { ParagraphIndex } from "./paragraph-index.js";

/** A bounded memo per index: what only depends on an (immutable) index and a key. */
export interface IndexMemo<K, V> {
  get(index: ParagraphIndex, key: K): V | undefined;
  /** Remembers a value; a full memo is cleared first (recent keys are what recur across questions). */
  set(index: ParagraphIndex, key: K, value: V): void;
}

/**
 * Creates a memo kept with each index (a WeakMap, so it goes with the index after a reload) and holding
 * at most `limit` keys. Clearing when full instead of evicting the least recent costs no bookkeeping on
 * the hot path of answering, and a working set that fits stays warm.
 */
export function createIndexMemo<K, V>(limit: number): IndexMemo<K, V> {
  const memos = new WeakMap<ParagraphIndex, Map<K, V>>();
  return {
    get: (index, key) => memos.get(index)?.get(key),
    set(index, key, value) {
      let memo = memos.get(index);
      if (!memo) {
        memo = new Map();
        memos.set(index, memo);
      }
      if (memo.size >= limit) memo.clear();
      memo.set(key, value);
    },
  };
}

/**
 * Index memos per pair of numeric options, each made on first use. Values computed under other options
 * must not mix, and a key string with the options in it would format the numbers (a float-to-string
 * conversion) for every look-up; two number-keyed maps cost nothing of the kind.
 */
export function createIndexMemoFamily<K, V>(limit: number): (a: number, b: number) => IndexMemo<K, V> {
  const family = new Map<number, Map<number, IndexMemo<K, V>>>();
  return (a, b) => {
    let byB = family.get(a);
    if (!byB) {
      byB = new Map();
      family.set(a, byB);
    }
    let memo = byB.get(b);
    if (!memo) {
      memo = createIndexMemo(limit);
      byB.set(b, memo);
    }
    return memo;
  };
}
