import { splitSentences } from "./sentences.js";

// A sentence that asks: it ends with a question mark, maybe inside closing quotes or brackets.
const ASKS_RE = /\?["'”’)\]]*$/u;
// The same, at the end of a whole paragraph (trailing white space allowed, as its last sentence drops it).
const ENDS_ASKING_RE = /\?["'”’)\]]*\s*$/u;

/**
 * Whether a paragraph only asks: every sentence is a question. Quizzes, roundups ("Which show was
 * green lit…?") and reader prompts restate a question in its own words without answering it, so such
 * a paragraph matches a question better than any answer does.
 */
export function onlyAsks(text: string): boolean {
  // The last sentence runs to the paragraph's end, so a paragraph that does not end asking has a sentence
  // that does not ask: most candidates are settled here without splitting them into sentences.
  if (!text.includes("?") || !ENDS_ASKING_RE.test(text)) return false;
  const sentences = splitSentences(text);
  return sentences.length > 0 && sentences.every(({ start, end }) => ASKS_RE.test(text.slice(start, end)));
}
