import { type Token, tokenize } from "../analyze.js";
import { HOW_DEGREE_WORDS } from "../question-words.js";
import { splitSentences } from "../sentences.js";

/** Question classification: what kind of answer a question asks for, from its wh-form. */

/** What a question asks for (a place is a name written after a locative preposition). */
export type AnswerType = "name" | "place" | "number" | "time";

export const NUMBER_WORDS = new Set(
  `one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
  seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand
  million billion trillion dozen dozens hundreds thousands millions billions half percent`.split(/\s+/),
);
export const TIME_WORDS = new Set(
  `january february march april may june july august september october november december jan feb mar apr
  jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday spring summer
  autumn fall winter today tomorrow yesterday ago century centuries decade decades week weeks month months
  year years weekend morning evening night`.split(/\s+/),
);
/** Heads after "what/which" that ask for an amount. */
const NUMBER_HEADS = new Set(
  `percentage percent number amount magnitude age size temperature price cost score rate share proportion
  population distance height weight length speed total`.split(/\s+/),
);
/** Heads after "what/which" that ask for a time. */
const TIME_HEADS = new Set("year years decade century month day date time period era season".split(" "));
const NAME_WORDS = new Set(["name", "named", "called"]);
/** Heads after "what/which" that ask for a place. */
const PLACE_HEADS = new Set(
  `country countries state states city cities town towns area region province county continent nation
  island islands place places capital location village district territory`.split(/\s+/),
);
const WH_WORDS = new Set(["who", "whom", "whose", "which", "what", "where", "when", "how"]);

/**
 * The kind of answer a question asks for, from its wh-form: who → a name; which + noun → a name;
 * which/what + a year, date or amount noun → a time or number, + a place noun (state, country…) → a
 * place; what … name/called → a name; where → a place; when → a time; how many/much/old… → a number. Null when the form says nothing (what
 * did…, what + other nouns, how…, yes/no questions).
 * A question with a preamble ("… this week. Which state…?") is read from its last wh-sentence.
 */
export function answerTypeOf(question: string, tokens?: readonly Token[]): AnswerType | null {
  return answerTypeOfSentences(
    tokens
      ? questionSentences(question, tokens)
      : splitSentences(question).map((s) => tokenize(question.slice(s.start, s.end))),
  );
}

/**
 * A question's words by sentence. A sentence's words are the question's words within its range:
 * sentences part at white space, which no word holds, so tokenising the whole question once gives the
 * same words as each sentence alone.
 */
export function questionSentences(question: string, tokens: readonly Token[]): Token[][] {
  return splitSentences(question).map((s) => tokens.filter((t) => t.start >= s.start && t.end <= s.end));
}

/** answerTypeOf over a question already split into its sentences' words. */
export function answerTypeOfSentences(sentences: readonly (readonly Token[])[]): AnswerType | null {
  for (let s = sentences.length - 1; s >= 0; s--) {
    const words = sentences[s]!.map((t) => t.folded);
    const at = words.findIndex((w) => WH_WORDS.has(w));
    if (at < 0) continue;
    const wh = words[at]!;
    const next = words[at + 1];
    if (wh === "who" || wh === "whom" || wh === "whose") return "name";
    if (wh === "where") return "place";
    if (wh === "when") return "time";
    if (wh === "how") return next !== undefined && HOW_DEGREE_WORDS.has(next) ? "number" : null;
    // which/what: the head noun is the next word.
    if (next === undefined) return null;
    if (NUMBER_HEADS.has(next)) return "number";
    if (TIME_HEADS.has(next)) return "time";
    if (PLACE_HEADS.has(next)) return "place";
    // "What" + noun asks for a description as often as for a name ("what chloroplast structure…"),
    // unless it asks for a name outright ("what is the name of…", "what is it called").
    if (wh === "what") return words.slice(at).some((w) => NAME_WORDS.has(w)) ? "name" : null;
    return "name";
  }
  return null;
}
