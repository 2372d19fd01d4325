import type { ParagraphIndex } from "./paragraph-index.js";

/**
 * A zeroed, termId-indexed Int32Array per index, made on first use and kept with the index (a WeakMap,
 * so it goes with it): marking a question's terms there lets a pass over a candidate's words find them
 * with one typed read instead of a hash look-up. Callers reset what they set before returning. Each
 * user creates its own, so one user's marks never show through another's.
 */
export function createTermScratch(): (index: ParagraphIndex) => Int32Array {
  const scratches = new WeakMap<ParagraphIndex, Int32Array>();
  return (index) => {
    let scratch = scratches.get(index);
    if (!scratch) {
      scratch = new Int32Array(index.terms.length);
      scratches.set(index, scratch);
    }
    return scratch;
  };
}

/**
 * A zeroed, doc-indexed Uint8Array per index, made on first use and kept with the index: flags per
 * paragraph (read once and kept, or set and reset within one call) with a typed read instead of a Set.
 * Each user creates its own.
 */
export function createDocScratch(): (index: ParagraphIndex) => Uint8Array {
  const scratches = new WeakMap<ParagraphIndex, Uint8Array>();
  return (index) => {
    let scratch = scratches.get(index);
    if (!scratch) {
      scratch = new Uint8Array(index.docCount);
      scratches.set(index, scratch);
    }
    return scratch;
  };
}
