/** Longest normalised question kept (votes and gaps are grouped by it; a pasted page needs no more). */
const MAX_NORMALIZED_CHARS = 500;

/**
 * The question as votes and coverage gaps group it: the same words asked with other capitals,
 * punctuation or spacing ("Who runs the ferry?" and "who runs the ferry") are one question. Filters
 * stay in it ("ferry from:courier" is another question than "ferry"). Pure.
 */
export function normalizeQuestion(question: string): string {
  return question
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}:]+/gu, " ")
    .trim()
    .slice(0, MAX_NORMALIZED_CHARS)
    .trim();
}
