import { boilerplateOf } from "./boilerplate.js";
import type { ParagraphIndex } from "./paragraph-index.js";
import { loadRelatedWords } from "./related-words.js";
import { vocabularyOf } from "./vocabulary.js";

/**
 * Builds now what answering would otherwise build on first use: the vocabulary's radix tree for typo
 * and partial-word look-ups (~70 ms at 445k paragraphs, where it was one question's 63 ms in the bench's
 * first pass) the related-words table and the boilerplate flags (~1 s at 1.13M paragraphs). Called before an index goes live, so no asker pays for it.
 */
export function warmIndex(index: ParagraphIndex): void {
  vocabularyOf(index);
  loadRelatedWords();
  boilerplateOf(index);
}
