import { type SentenceRange, splitSentences, type Token, tokenize } from "../search/index.js";

/** A paragraph's words (as `tokenize` reads them) and sentences. */
export interface ParagraphWords {
  tokens: readonly Token[];
  sentences: readonly SentenceRange[];
}

/**
 * Words and sentences of recently quoted paragraphs. Tokenising and sentence splitting were most of an
 * excerpt's work, and one answer reads its passages' words three times (the excerpt, the corrections,
 * the confidence evidence); the same paragraphs also answer many questions (a story everyone asks
 * about, More and Share re-asking a question). The result depends on the text alone. Bounded: cleared
 * when full.
 */
const memo = new Map<string, ParagraphWords>();
const MEMO_LIMIT = 2048;

/** The words and sentences of `text`, from the memo when it was read lately. Treat as read-only. */
export function paragraphWords(text: string): ParagraphWords {
  const cached = memo.get(text);
  if (cached) return cached;
  const result = { tokens: tokenize(text), sentences: splitSentences(text) };
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(text, result);
  return result;
}
