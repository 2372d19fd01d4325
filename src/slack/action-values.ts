/**
 * Button values: what a click needs to act without server-side state. Slack caps a value at
 * 2 000 characters, so the question is cut to fit (see BUTTON_QUESTION_LIMIT).
 */
import { cut } from "./mrkdwn.js";

export const MAX_ACTION_VALUE_CHARS = 2000;
/** Longest question carried by a button; a longer one is cut to this many characters. */
export const BUTTON_QUESTION_LIMIT = 1500;
/** Feedback carries at most this many passage ids, each at most PASSAGE_ID_LIMIT characters. */
const FEEDBACK_PASSAGE_LIMIT = 20;
const PASSAGE_ID_LIMIT = 80;

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
  /** `articleId#paragraph` of each passage shown. */
  passages: string[];
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
  if (typeof data?.q !== "string" || !Number.isInteger(data.o) || (data.o as number) < 0) return null;
  const value: PageValue = { question: data.q, offset: data.o as number };
  if (typeof data.a === "string" && /^\d{4}-\d{2}-\d{2}$/.test(data.a)) value.asked = data.a;
  if (data.t === 1) value.timeline = true;
  return value;
}

/** A feedback value's passage ids, at most FEEDBACK_PASSAGE_LIMIT cut to PASSAGE_ID_LIMIT, as a JSON array. */
export function quotePassageIds(passages: readonly string[]): string {
  return JSON.stringify(passages.slice(0, FEEDBACK_PASSAGE_LIMIT).map((id) => cut(id, PASSAGE_ID_LIMIT)));
}

/**
 * `quoted` and `quotedIds`: quoteQuestion(value.question) and quotePassageIds(value.passages), when the
 * caller has them already (👍 and 👎 share both).
 */
export function encodeFeedbackValue(
  value: FeedbackValue,
  quoted = quoteQuestion(value.question),
  quotedIds = quotePassageIds(value.passages),
): string {
  const vote = JSON.stringify(value.vote);
  return fitQuestion((q) => `{"q":${q},"v":${vote},"p":${quotedIds}}`, quoted);
}

export function decodeFeedbackValue(raw: string): FeedbackValue | null {
  const data = parse(raw);
  if (typeof data?.q !== "string" || (data.v !== "up" && data.v !== "down") || !Array.isArray(data.p)) {
    return null;
  }
  const passages = data.p.filter((id): id is string => typeof id === "string");
  return { question: data.q, vote: data.v, passages };
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
