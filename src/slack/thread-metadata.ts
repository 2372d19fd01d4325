/**
 * The conversation rides on Newsdesk's own replies: each answer posted in a thread or DM carries Slack
 * message metadata (our event type, a small payload: the question, its day, its filters, the passages
 * it cited), and a follow-up reads it back from the thread. Nothing is kept on the server, so it
 * survives restarts and works on any replica. Pure: the Web API call is thread-reader.ts's.
 */
import type { Answer, AskFilters, ThreadContext, ThreadTurn } from "../answer/index.js";
import { MAX_CITED_PER_TURN, turnOf } from "../answer/index.js";
import { dayNumber } from "../corpus/index.js";
import { slackTextToPlain, stripBotMention, wellFormed } from "./mrkdwn.js";

/** Our metadata's event type: metadata of any other type (or another app's) is never read. */
export const THREAD_EVENT_TYPE = "newsdesk_answer";
/** The question kept in a reply's metadata, in characters (the engine reads no more of a follow-up's thread). */
export const METADATA_QUESTION_CHARS = 500;
/** Earlier turns a follow-up reads (the latest ones). */
export const MAX_THREAD_TURNS = 10;
/** Filter values kept per kind, each at most FILTER_VALUE_CHARS. */
const MAX_FILTER_VALUES = 10;
const FILTER_VALUE_CHARS = 100;
const CITED_ID_CHARS = 200;

/** Why a thread could not be read, as the sentence the reply shows. */
export const UNREAD = Object.freeze({
  rateLimited:
    "I couldn't read this thread just now (Slack asked me to slow down), so I answered this question on its own.",
  failed: "I couldn't read this thread just now, so I answered this question on its own.",
  tooLong: (cap: number) =>
    `This thread is too long for me to read back (over ${cap} messages), so I answered this question on its own.`,
  none: "I found no earlier answer of mine in this thread, so I answered this question on its own.",
});

/**
 * The payload is flat, as Slack's metadata schema wants (strings, numbers, booleans): lists are joined
 * with newlines, which no question-free field (an article id, a publication, a section, a byline) contains.
 */
export interface ThreadMetadata {
  event_type: typeof THREAD_EVENT_TYPE;
  event_payload: {
    question: string;
    asked?: string;
    cited: string;
    publications?: string;
    sections?: string;
    bylines?: string;
    after?: string;
    before?: string;
  };
}

/**
 * Control characters other than the line break: no word of a search, but six characters each in JSON,
 * so that a question of them (and its filters) made metadata Slack refuses (metadata_too_large) — and
 * the answer with it.
 */
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F]/g;
const plain = (text: string) => text.replace(CONTROL, " ");

const bounded = (values: readonly string[] | undefined, max: number, chars: number) =>
  (values ?? []).slice(0, max).map((v) => plain(v.replace(/\n/g, " ")).slice(0, chars));
const joined = (values: readonly string[]) => values.join("\n");
const split = (value: unknown): string[] =>
  typeof value === "string" && value !== "" ? value.split("\n") : [];

/** The metadata of a reply that answered `answer` (what a later follow-up reads back). */
export function threadMetadata(answer: Answer): ThreadMetadata {
  const turn = turnOf(answer);
  const payload: ThreadMetadata["event_payload"] = {
    question: plain(turn.question.slice(0, METADATA_QUESTION_CHARS)),
    cited: joined(bounded(turn.cited, MAX_CITED_PER_TURN, CITED_ID_CHARS)),
  };
  if (turn.asked) payload.asked = turn.asked;
  const filters = boundedFilters(turn.filters);
  if (filters?.publications) payload.publications = joined(filters.publications);
  if (filters?.sections) payload.sections = joined(filters.sections);
  if (filters?.bylines) payload.bylines = joined(filters.bylines);
  if (filters?.after) payload.after = filters.after;
  if (filters?.before) payload.before = filters.before;
  // A lone surrogate in the question (a paste) has no UTF-8 form: U+FFFD, as in the reply itself.
  return { event_type: THREAD_EVENT_TYPE, event_payload: wellFormed(payload) };
}

function boundedFilters(filters: AskFilters | undefined): AskFilters | undefined {
  if (!filters) return undefined;
  const out: AskFilters = {};
  const publications = bounded(filters.publications, MAX_FILTER_VALUES, FILTER_VALUE_CHARS);
  const sections = bounded(filters.sections, MAX_FILTER_VALUES, FILTER_VALUE_CHARS);
  const bylines = bounded(filters.bylines, MAX_FILTER_VALUES, FILTER_VALUE_CHARS);
  if (publications.length > 0) out.publications = publications;
  if (sections.length > 0) out.sections = sections;
  if (bylines.length > 0) out.bylines = bylines;
  if (typeof filters.after === "string") out.after = filters.after.slice(0, 10);
  if (typeof filters.before === "string") out.before = filters.before.slice(0, 10);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Who "we" are in a thread: our bot's id and our app's id, as Slack stamps our messages. */
export interface SelfIds {
  botId?: string | undefined;
  appId?: string | undefined;
}

/** A message as conversations.replies returns it (only the fields read here). */
export interface RepliedMessage {
  ts?: unknown;
  user?: unknown;
  text?: unknown;
  bot_id?: unknown;
  app_id?: unknown;
  subtype?: unknown;
  metadata?: unknown;
}

/** Whether Slack says this app posted `message`: its bot id, or its app id, is ours. */
export function postedBySelf(message: RepliedMessage, self: SelfIds): boolean {
  if (self.botId && message.bot_id === self.botId) return true;
  return Boolean(self.appId && message.app_id === self.appId && message.bot_id !== undefined);
}

const isString = (v: unknown): v is string => typeof v === "string";
const DAY = /^\d{4}-\d{2}(-\d{2})?$/;
/**
 * A day (or month) the metadata may carry: a real one. "2024-99-99" carried over would have the
 * follow-up told that a filter its asker never typed is not a date.
 */
const isDay = (v: unknown): v is string =>
  isString(v) && DAY.test(v) && dayNumber(v.length === 7 ? `${v}-01` : v) !== null;

/** The turn a message's metadata holds, when it is ours and well formed; undefined otherwise. */
export function turnOfMessage(message: RepliedMessage, self: SelfIds): ThreadTurn | undefined {
  if (!postedBySelf(message, self)) return undefined;
  const metadata = message.metadata as { event_type?: unknown; event_payload?: unknown } | undefined;
  if (metadata?.event_type !== THREAD_EVENT_TYPE) return undefined;
  const p = metadata.event_payload as Record<string, unknown> | undefined;
  if (!p || !isString(p.question) || p.question.trim() === "") return undefined;
  const turn: ThreadTurn = { question: p.question.slice(0, METADATA_QUESTION_CHARS) };
  if (isDay(p.asked)) turn.asked = p.asked;
  const filters = boundedFilters({
    publications: split(p.publications),
    sections: split(p.sections),
    bylines: split(p.bylines),
    ...(isDay(p.after) ? { after: p.after } : {}),
    ...(isDay(p.before) ? { before: p.before } : {}),
  });
  if (filters) turn.filters = filters;
  turn.cited = bounded(split(p.cited), MAX_CITED_PER_TURN, CITED_ID_CHARS);
  return turn;
}

/** Whether Slack timestamp `a` ("1749556800.000123": seconds, a fraction) is before `b`. */
export function tsBefore(a: string, b: string): boolean {
  const [aSeconds = "", aFraction = ""] = a.split(".", 2);
  const [bSeconds = "", bFraction = ""] = b.split(".", 2);
  if (aSeconds !== bSeconds) {
    const [x, y] = [Number(aSeconds), Number(bSeconds)];
    return Number.isFinite(x) && Number.isFinite(y) ? x < y : aSeconds < bSeconds;
  }
  const width = Math.max(aFraction.length, bFraction.length);
  return aFraction.padEnd(width, "0") < bFraction.padEnd(width, "0");
}

/** Slack's direct-message conversation ids start with D (channels C, private channels G). */
const DIRECT_CHANNEL = /^D/;

/**
 * Whether a thread's root, written by a person, was a question put to Newsdesk though no answer of ours
 * in the thread says so: in a DM every message is one (a question answered at the top level, then
 * followed up in its own thread); in a channel only one that mentions us (answered where no metadata
 * stays: replies:ephemeral). Anyone else's post in a channel is no earlier question of this thread.
 */
function rootAskedUs(
  root: RepliedMessage,
  channel: string,
  botUserId: string,
): root is RepliedMessage & {
  text: string;
} {
  if (!isString(root.user) || !isString(root.text) || root.bot_id !== undefined || root.subtype) return false;
  return (
    DIRECT_CHANNEL.test(channel) ||
    root.text.includes(`<@${botUserId}>`) ||
    root.text.includes(`<@${botUserId}|`)
  );
}

/**
 * The conversation a follow-up (`beforeTs`) in `channel` belongs to, from its thread's messages (oldest
 * first): the turns of our own answers in it; else its root, when that asked us (rootAskedUs), as the
 * first question; else nothing, and the follow-up is answered alone with a sentence saying so.
 */
export function threadContextOf(
  messages: readonly RepliedMessage[],
  self: SelfIds & { botUserId: string },
  beforeTs: string | undefined,
  channel: string,
): ThreadContext {
  // Only what came before: the follow-up itself is no earlier turn, nor is an answer posted after it (a
  // page of More reads the thread as its follow-up was read).
  const earlier = messages.filter((m) =>
    beforeTs !== undefined && isString(m.ts) ? tsBefore(m.ts, beforeTs) : m.ts !== beforeTs,
  );
  const turns = earlier.flatMap((m) => turnOfMessage(m, self) ?? []);
  if (turns.length > 0) return { turns: turns.slice(-MAX_THREAD_TURNS) };
  const root = earlier[0];
  if (root && rootAskedUs(root, channel, self.botUserId)) {
    const question = slackTextToPlain(stripBotMention(root.text, self.botUserId))
      .slice(0, METADATA_QUESTION_CHARS)
      .trim();
    if (question !== "") {
      const seconds = Number(root.ts);
      const asked = Number.isFinite(seconds)
        ? new Date(seconds * 1000).toISOString().slice(0, 10)
        : undefined;
      return { turns: [{ question, ...(asked ? { asked } : {}), cited: [] }] };
    }
  }
  return { unread: UNREAD.none };
}
