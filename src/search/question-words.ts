import type { Token } from "./analyze.js";

/**
 * Degree words that, right after "how", ask for an amount rather than name a topic: "how many years",
 * "how much did it cost", "how old was she", "how long did it last". The word itself is part of the
 * asking ("many" in the question is no evidence that a passage saying "many analysts" answers it); the
 * noun after it ("years") stays a content word.
 */
export const HOW_DEGREE_WORDS: ReadonlySet<string> = new Set(
  "many much old long far big large tall high often wide deep heavy few".split(" "),
);

/**
 * Whether the question's token at `i` asks rather than names: a stop word, or a degree word right
 * after "how" ("how many", "how much", "how old").
 */
export function isQuestionWord(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i]!;
  if (token.stop) return true;
  return i > 0 && tokens[i - 1]!.folded === "how" && HOW_DEGREE_WORDS.has(token.folded);
}
