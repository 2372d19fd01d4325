import type { ParagraphIndex } from "../index-store/index.js";
import { boilerplateOf } from "./boilerplate.js";
import { indexState } from "./index-state.js";
import { loadRelatedWords } from "./related-words.js";

/**
 * Builds now what answering would otherwise build on first use: the index's state (its memos and scratch
 * arrays), the vocabulary's radix tree for typo and partial-word look-ups, the related-words table and the
 * boilerplate flags.
 * Called before an index goes live, so no asker pays for it (figures: docs/performance.md).
 */
export function warmIndex(index: ParagraphIndex): void {
  indexState(index).vocabulary();
  loadRelatedWords();
  boilerplateOf(index);
}
