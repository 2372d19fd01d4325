import { dayNumber } from "../corpus/index.js";
import { isQuestionWord, readTimePhrases, type Token, tokenize } from "../search/index.js";
import { parseAskFilters } from "./ask-filters.js";
import type { ThreadTurn } from "./types.js";

/**
 * Reading a follow-up with its thread. A follow-up takes its subject and its missing words from the
 * conversation when it cannot stand alone — it refers back by pronoun ("who did she replace?"), opens
 * as a continuation ("and when…", "what about last year?") or has fewer than two words of its own —
 * and is answered as asked when it brings its own subject. The rule reads grammar (pronouns,
 * continuations, how many words), never topics. Pure.
 */

/** Pronouns that stand for someone named earlier in the conversation: the cited story's subject. */
const PERSON_REFERENCES: ReadonlySet<string> = new Set("he him his himself she her hers herself".split(" "));
/** Pronouns that stand for something (or a group) named earlier: what the earlier question asked about. */
const THING_REFERENCES: ReadonlySet<string> = new Set(
  "they them their theirs themselves it its itself".split(" "),
);
const BACK_REFERENCES: ReadonlySet<string> = new Set([...PERSON_REFERENCES, ...THING_REFERENCES]);
/** First words that continue the question before ("and who…", "but why…", "also…"). */
const CONTINUATIONS: ReadonlySet<string> = new Set(["and", "but", "also", "so", "then", "or"]);
/** Second words that, after "what" or "how", ask the question before about something else ("what about…"). */
const ABOUT: ReadonlySet<string> = new Set(["about", "of"]);
/** Fewer words of its own than this (stop words aside) and a question leans on its thread. */
export const MIN_OWN_WORDS = 2;
/** Earlier questions whose words a follow-up carries: its topic's first question and the latest one. */
const MAX_SUBJECT_NAMES = 2;
/** Longest "Reading this as" label, in characters. */
const READ_AS_CHARS = 80;

export type FollowUpKind = "pronoun" | "continuation" | "short" | "own";

/** Why a question needs its thread ("pronoun", "continuation", "short"), or "own" when it stands alone. */
export function followUpKind(text: string): FollowUpKind {
  return kindOf(tokenize(text));
}

function kindOf(tokens: readonly Token[]): FollowUpKind {
  if (tokens.some((t) => BACK_REFERENCES.has(t.folded))) return "pronoun";
  const first = tokens[0]?.folded ?? "";
  if (CONTINUATIONS.has(first)) return "continuation";
  if ((first === "what" || first === "how") && ABOUT.has(tokens[1]?.folded ?? "")) return "continuation";
  const own = tokens.filter((_t, i) => !isQuestionWord(tokens, i)).length;
  return own < MIN_OWN_WORDS ? "short" : "own";
}

/** A turn's question without its filter tokens and time phrases: the words it asked about. */
export function topicText(turn: ThreadTurn): string {
  const { question } = parseAskFilters(turn.question);
  const day = dayNumber(turn.asked);
  return day === null ? question : readTimePhrases(question, day).text;
}

/** The content words of a text as written, in order (for a "Reading this as" label). */
function contentWords(text: string): string {
  return tokenize(text)
    .filter((_t, i, all) => !isQuestionWord(all, i))
    .map((t) => text.slice(t.start, t.end))
    .join(" ");
}

export interface ThreadReading {
  /** What the follow-up carries, as a search text (weighted below its own words). */
  carried: string;
  /** The label shown: the cited subject's name, or the earlier question's words. */
  readAs: string;
}

/**
 * What a follow-up carries from `turns` (oldest first): the words of the conversation's topic — the
 * latest turn that stood alone, and the latest turn when it was itself a follow-up — and the names of
 * the subjects of the articles the latest turn cited (`subjectsOf`). Undefined when the question
 * stands alone or nothing precedes it.
 */
export function readThread(
  question: string,
  turns: readonly ThreadTurn[],
  subjectsOf: (cited: readonly string[]) => string[],
): ThreadReading | undefined {
  const tokens = tokenize(question);
  const kind = kindOf(tokens);
  if (turns.length === 0 || kind === "own") return undefined;
  let topic = turns.length - 1;
  while (topic > 0 && followUpKind(topicText(turns[topic]!)) !== "own") topic--;
  const latest = turns[turns.length - 1]!;
  const asked = [turns[topic]!, ...(topic < turns.length - 1 ? [latest] : [])].map(topicText);
  const names = subjectsOf(latest.cited ?? []).slice(0, MAX_SUBJECT_NAMES);
  // "he" or "she" stands for someone: the subject's name is what it lacks, when the cited articles give
  // one. "it" or "they" stands for something the earlier question asked about ("what is he taking for
  // it?" after "Did Biden test positive for Covid?"), so those words are carried too; so is the whole
  // question for an ellipsis. The questions go first: a name at the very start of a text is not read as
  // a name (it may just be capitalised).
  const person = tokens.some((t) => PERSON_REFERENCES.has(t.folded));
  const thing = tokens.some((t) => THING_REFERENCES.has(t.folded));
  const words = person && !thing && names.length > 0 ? [] : asked;
  const carried = [...words, ...names].join(" \n ").trim();
  if (carried === "") return undefined;
  // The label names what the pronoun was read as: the subject for "she", the question's words for "it".
  const byName = names.length > 0 && (kind !== "pronoun" || person);
  const label = byName ? names.join(", ") : contentWords(asked[0]!) || asked[0]!;
  const readAs = label.length > READ_AS_CHARS ? `${label.slice(0, READ_AS_CHARS - 1)}…` : label;
  return { carried, readAs };
}

/** Passages a turn keeps as cited: the first page's, which is what a reader saw. */
export const MAX_CITED_PER_TURN = 3;

/** The turn an answer adds to its conversation: what its reply's metadata (or the shell) keeps. */
export function turnOf(answer: {
  question: string;
  asked?: string;
  filters?: ThreadTurn["filters"];
  passages: readonly { articleId: string; paragraph: number }[];
}): ThreadTurn {
  const turn: ThreadTurn = { question: answer.question };
  if (answer.asked) turn.asked = answer.asked;
  if (answer.filters) turn.filters = answer.filters;
  turn.cited = answer.passages.slice(0, MAX_CITED_PER_TURN).map((p) => `${p.articleId}#${p.paragraph}`);
  return turn;
}
