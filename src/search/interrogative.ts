import { splitSentences } from "./sentences.js";

// A sentence that asks: it ends with a question mark, maybe inside closing quotes or brackets.
const ASKS_RE = /\?["'”’)\]]*$/u;

/**
 * Whether a paragraph only asks: every sentence is a question. Quizzes, roundups ("Which show was
 * green lit…?") and reader prompts restate a question in its own words without answering it, so such
 * a paragraph matches a question better than any answer does.
 */
export function onlyAsks(text: string): boolean {
  if (!text.includes("?")) return false;
  const sentences = splitSentences(text);
  return sentences.length > 0 && sentences.every(({ start, end }) => ASKS_RE.test(text.slice(start, end)));
}
