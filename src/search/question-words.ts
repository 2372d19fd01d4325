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

/**
 * Personal pronouns that, in a question, stand for the story's subject ("who dismissed him", "how many
 * years did she get"): stop words, never matched, but a passage that names the subject satisfies them.
 */
export const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(
  "he him his himself she her hers herself".split(" "),
);

/**
 * Whether a question's words hold a pronoun standing for the story's subject: a personal pronoun with
 * no name before it in the question. A pronoun refers back: in "What did Lavoisier conclude … in his
 * experiments?" "his" is Lavoisier's, whom the question names; in "who dismissed him from the KNB?" the
 * name comes after it and "him" is the story's subject.
 */
export function hasSubjectPronoun(tokens: readonly Token[]): boolean {
  for (const t of tokens) {
    if (SUBJECT_PRONOUNS.has(t.folded)) return true;
    if (t.capitalized && t.position > 0 && !t.stop && !t.numeric) return false;
  }
  return false;
}
