/**
 * Button values: what a click needs to act without server-side state. Slack caps a value at
 * 2 000 characters, so the question is cut to fit (see BUTTON_QUESTION_LIMIT).
 */
import { cut } from "./mrkdwn.js";

export const MAX_ACTION_VALUE_CHARS = 2000;
/** Longest question carried by a button; a longer one is cut to this many characters. */
export const BUTTON_QUESTION_LIMIT = 1500;
/** Feedback carries at most this many passage ids, each at most PASSAGE_ID_LIMIT characters. */
export const FEEDBACK_PASSAGE_LIMIT = 20;
const PASSAGE_ID_LIMIT = 80;

/** "Share" and "More": re-ask `question` starting at passage `offset`. */
export interface PageValue {
  question: string;
  offset: number;
}

export interface FeedbackValue {
  question: string;
  vote: "up" | "down";
  /** `articleId#paragraph` of each passage shown. */
  passages: string[];
}

function fitQuestion(build: (question: string) => string, question: string): string {
  let q = cut(question, BUTTON_QUESTION_LIMIT);
  let value = build(q);
  // JSON escaping can grow the text; shrink until it fits.
  while (value.length > MAX_ACTION_VALUE_CHARS && q.length > 0) {
    const scaled = Math.floor((q.length * (MAX_ACTION_VALUE_CHARS - 50)) / value.length);
    q = cut(q, Math.min(q.length - 1, scaled));
    value = build(q);
  }
  return value;
}

export function encodePageValue(value: PageValue): string {
  return fitQuestion((q) => JSON.stringify({ q, o: value.offset }), value.question);
}

export function decodePageValue(raw: string): PageValue | null {
  const data = parse(raw);
  if (typeof data?.q !== "string" || !Number.isInteger(data.o) || (data.o as number) < 0) return null;
  return { question: data.q, offset: data.o as number };
}

export function encodeFeedbackValue(value: FeedbackValue): string {
  const p = value.passages.slice(0, FEEDBACK_PASSAGE_LIMIT).map((id) => cut(id, PASSAGE_ID_LIMIT));
  return fitQuestion((q) => JSON.stringify({ q, v: value.vote, p }), value.question);
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
