/**
 * Button values: what a click needs to act without server-side state. Slack caps a value at
 * 2 000 characters, so the question is cut to fit (see BUTTON_QUESTION_LIMIT).
 */
import { isDayString } from "../corpus/index.js";
import { cut } from "./mrkdwn.js";

export const MAX_ACTION_VALUE_CHARS = 2000;
/** Longest question carried by a button; a longer one is cut to this many characters. */
export const BUTTON_QUESTION_LIMIT = 1500;

/** The longest article id (the corpus schema's), so the longest passage id a vote can name. */
const MAX_ARTICLE_ID_CHARS = 200;

/**
 * A day a value may carry: "YYYY-MM-DD" naming a real day. A value's fields are only ever ours, but
 * one that is not (forged, or garbled on the way) must neither be asked as of "2024-99-99" nor stored.
 */
const isDay = isDayString;
/** A count a value may carry (offset, rank): a whole number a store and an array index can hold. */
const isCount = (value: unknown, min: number): value is number =>
  Number.isSafeInteger(value) && (value as number) >= min;

/** "Share" and "More": re-ask `question` starting at passage `offset`. */
export interface PageValue {
  question: string;
  offset: number;
  /** The day the question was first asked ("YYYY-MM-DD"): More and Share answer as of that day. */
  asked?: string;
  /** The page is of the question's story timeline, not of its passages. */
  timeline?: boolean;
}

export interface FeedbackValue {
  question: string;
  vote: "up" | "down";
  /**
   * The passage voted on — the page's first, what the asker judged — as `articleId#paragraph`, whole
   * (an article id has at most 200 characters, so it always fits; the question is what gets cut).
   */
  passage?: string;
  /** Its rank in the answer, 1-based. */
  rank?: number;
  /** The day the question was asked ("YYYY-MM-DD"). */
  asked?: string;
}

/**
 * A question cut to a button's limit and quoted as JSON: what every value of one answer's buttons
 * starts from. Made once per answer and handed to each encoder, so the question — the longest part of
 * every value — is quoted once, not once per button.
 */
export interface QuotedQuestion {
  /** The question, cut to BUTTON_QUESTION_LIMIT. */
  text: string;
  /** JSON.stringify(text). */
  json: string;
}

export function quoteQuestion(question: string): QuotedQuestion {
  const text = cut(question, BUTTON_QUESTION_LIMIT);
  return { text, json: JSON.stringify(text) };
}

/**
 * `build(quoted question)` with the question cut until the value fits. `build` writes the JSON of the
 * value's object by hand around the quoted question, as JSON.stringify would (same keys, same order).
 */
function fitQuestion(build: (quoted: string) => string, question: QuotedQuestion): string {
  let q = question.text;
  let value = build(question.json);
  // JSON escaping can grow the text; shrink until it fits.
  while (value.length > MAX_ACTION_VALUE_CHARS && q.length > 0) {
    const scaled = Math.floor((q.length * (MAX_ACTION_VALUE_CHARS - 50)) / value.length);
    q = cut(q, Math.min(q.length - 1, scaled));
    value = build(JSON.stringify(q));
  }
  return value;
}

/** `quoted`: quoteQuestion(value.question), when the caller has it already. */
export function encodePageValue(value: PageValue, quoted = quoteQuestion(value.question)): string {
  const offset = JSON.stringify(value.offset);
  const asked =
    value.asked !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value.asked) ? `,"a":"${value.asked}"` : "";
  const timeline = value.timeline ? `,"t":1` : "";
  return fitQuestion((q) => `{"q":${q},"o":${offset}${asked}${timeline}}`, quoted);
}

export function decodePageValue(raw: string): PageValue | null {
  const data = parse(raw);
  if (typeof data?.q !== "string" || !isCount(data.o, 0)) return null;
  const value: PageValue = { question: cut(data.q, BUTTON_QUESTION_LIMIT), offset: data.o };
  if (isDay(data.a)) value.asked = data.a;
  if (data.t === 1) value.timeline = true;
  return value;
}

/** `quoted`: quoteQuestion(value.question), when the caller has it already (👍 and 👎 share it). */
export function encodeFeedbackValue(value: FeedbackValue, quoted = quoteQuestion(value.question)): string {
  const vote = JSON.stringify(value.vote);
  const passage = value.passage === undefined ? "" : `,"p":${JSON.stringify(value.passage)}`;
  const rank = value.rank === undefined ? "" : `,"r":${JSON.stringify(value.rank)}`;
  const asked =
    value.asked !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value.asked) ? `,"a":"${value.asked}"` : "";
  return fitQuestion((q) => `{"q":${q},"v":${vote}${passage}${rank}${asked}}`, quoted);
}

export function decodeFeedbackValue(raw: string): FeedbackValue | null {
  const data = parse(raw);
  if (typeof data?.q !== "string" || (data.v !== "up" && data.v !== "down")) return null;
  const value: FeedbackValue = { question: cut(data.q, BUTTON_QUESTION_LIMIT), vote: data.v };
  // Buttons of older messages carry every passage shown (ids cut at 80 characters): the first is the one.
  const passage = Array.isArray(data.p) ? data.p[0] : data.p;
  if (typeof passage === "string" && passage !== "") value.passage = passage;
  if (isCount(data.r, 1)) value.rank = data.r;
  if (isDay(data.a)) value.asked = data.a;
  return value;
}

/** "Ask the research desk": the question, its day, and the passages it was answered with. */
export interface DeskValue {
  question: string;
  asked?: string;
  /** `articleId#paragraph` of the passages tried (at most MAX_DESK_PASSAGES). */
  tried: string[];
}

/** Passages a desk button carries: the page's, which fit (ids are at most ~210 characters each). */
export const MAX_DESK_PASSAGES = 5;

export function encodeDeskValue(value: DeskValue, quoted = quoteQuestion(value.question)): string {
  const tried = JSON.stringify(value.tried.slice(0, MAX_DESK_PASSAGES));
  const asked =
    value.asked !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value.asked) ? `,"a":"${value.asked}"` : "";
  return fitQuestion((q) => `{"q":${q},"t":${tried}${asked}}`, quoted);
}

export function decodeDeskValue(raw: string): DeskValue | null {
  const data = parse(raw);
  if (typeof data?.q !== "string" || !Array.isArray(data.t)) return null;
  const tried = data.t.filter((id): id is string => typeof id === "string").slice(0, MAX_DESK_PASSAGES);
  const value: DeskValue = { question: cut(data.q, BUTTON_QUESTION_LIMIT), tried };
  if (isDay(data.a)) value.asked = data.a;
  return value;
}

/** "articleId#paragraph" as its two parts, or undefined when it is not one. */
export function splitPassageId(id: string): { articleId: string; paragraph: number } | undefined {
  const hash = id.lastIndexOf("#");
  const paragraph = Number(id.slice(hash + 1));
  if (hash < 1 || hash > MAX_ARTICLE_ID_CHARS || !isCount(paragraph, 1)) return undefined;
  return { articleId: id.slice(0, hash), paragraph };
}

function parse(raw: string): Record<string, unknown> | null {
  try {
    const data: unknown = JSON.parse(raw);
    return data && typeof data === "object" && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
