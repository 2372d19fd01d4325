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
