import { dayNumber, dayOfInstant, dayString, formatDay } from "../corpus/index.js";
import { type ArticleRestriction, foldName, readTimePhrases, type TimeSpan } from "../search/index.js";
import { noFilters, parseAskFilters } from "./ask-filters.js";
import { followUpKind, readThread } from "./follow-up.js";
import type { AnswerOptions, AskFilters, FollowUpReading } from "./types.js";

/** What an ask's date, filters and time phrases make of its question. */
export interface AskContext {
  /** The words to search for: the question without filter tokens and time phrases. */
  text: string;
  day?: number;
  filters?: AskFilters;
  phrases: string[];
  restriction?: ArticleRestriction;
  /** A filter or date that could not be read, as the sentence to answer with. */
  problem?: string;
  /** The problem is a filter of the question (not the day of asking). */
  badFilter?: boolean;
  /**
   * A question asked in a thread: how the thread was read, and the words it carries into the search
   * (follow-up.ts). Its filters carry over unless the question names its own — even when it brings its
   * own subject; its day is its own.
   */
  thread?: { reading: FollowUpReading; carried?: string };
}

/** The subject names of cited passages ("articleId#paragraph"); none without an index. */
export type SubjectsOf = (cited: readonly string[]) => string[];

function askedDay(asked: string | Date | undefined): number | undefined | null {
  if (asked === undefined) return undefined;
  if (asked instanceof Date) return Number.isNaN(asked.getTime()) ? null : dayOfInstant(asked);
  return dayNumber(asked) ?? null;
}

/**
 * Reads an ask's date of asking, its filters (typed in the question and given as options) and, when it
 * has a date, its time phrases: the words left to search for and the restriction of the articles. Pure.
 */
export function askContext(
  question: string,
  options: AnswerOptions,
  subjectsOf: SubjectsOf = () => [],
): AskContext {
  const day = askedDay(options.asked);
  if (day === null) {
    return {
      text: question,
      phrases: [],
      problem: "The day of asking is not a date; give it as YYYY-MM-DD.",
    };
  }
  const typed = parseAskFilters(question);
  const times: { text: string; phrases: string[]; span?: TimeSpan } =
    day === undefined ? { text: typed.question, phrases: [] } : readTimePhrases(typed.question, day);
  const thread = threadOf(times.text, options, subjectsOf);
  const given =
    thread?.filters && noFilters(options.filters) && noFilters(typed.filters)
      ? thread.filters
      : (options.filters ?? {});
  const filters: AskFilters = {};
  const publications = [...(given.publications ?? []), ...(typed.filters.publications ?? [])];
  const sections = [...(given.sections ?? []), ...(typed.filters.sections ?? [])];
  const bylines = [...(given.bylines ?? []), ...(typed.filters.bylines ?? [])];
  if (publications.length > 0) filters.publications = publications;
  if (sections.length > 0) filters.sections = sections;
  if (bylines.length > 0) filters.bylines = bylines;
  // Both bounds apply: the later start and the earlier end.
  const after = [given.after, typed.filters.after]
    .filter((d): d is string => d !== undefined)
    .sort()
    .pop();
  const before = [given.before, typed.filters.before].filter((d): d is string => d !== undefined).sort()[0];
  if (after) filters.after = after;
  if (before) filters.before = before;
  const restriction: ArticleRestriction = {};
  if (day !== undefined) restriction.asked = day;
  if (filters.publications) restriction.publications = filters.publications.map(foldName);
  if (filters.sections) restriction.sections = filters.sections.map(foldName);
  if (filters.bylines) restriction.bylines = filters.bylines.map(foldName);
  const scope = scopeOf(options.scope);
  if (scope) restriction.scope = scope;
  const afterDay = dayNumber(filters.after);
  const beforeDay = dayNumber(filters.before);
  if (afterDay !== null) restriction.after = afterDay;
  if (beforeDay !== null) restriction.before = beforeDay;
  if (options.datedOnly === true) restriction.datedOnly = true;
  if (times.span) restriction.span = times.span;
  if (thread?.story) restriction.story = thread.story;
  if (thread?.storyAsked !== undefined) restriction.storyAsked = thread.storyAsked;
  const context: AskContext = { text: times.text, phrases: times.phrases, restriction };
  if (day !== undefined) context.day = day;
  if (!noFilters(filters)) context.filters = filters;
  const problem =
    typed.problem ??
    (given.after && afterDay === null
      ? "The after filter is not a date; give it as YYYY-MM-DD."
      : undefined) ??
    (given.before && beforeDay === null
      ? "The before filter is not a date; give it as YYYY-MM-DD."
      : undefined) ??
    emptyRange(filters, afterDay, beforeDay, day);
  if (problem) {
    context.problem = problem;
    context.badFilter = true;
  }
  if (thread) {
    const reading: FollowUpReading = { ...thread.reading };
    if (thread.filters && given === thread.filters) reading.filtersCarried = true;
    context.thread = thread.carried ? { reading, carried: thread.carried } : { reading };
  }
  return context;
}

/**
 * The sentence for a date range with no days in it (`after:2024 before:2020`), or for one that starts
 * after the day of asking (nothing published by then can be that late); undefined for a usable range.
 */
function emptyRange(
  filters: AskFilters,
  afterDay: number | null,
  beforeDay: number | null,
  asked: number | undefined,
): string | undefined {
  if (afterDay === null) return undefined;
  const after = `after:${filters.after} (from ${formatDay(filters.after!)})`;
  if (beforeDay !== null && afterDay > beforeDay) {
    return `That date range is empty: ${after} starts later than before:${filters.before} (up to ${formatDay(filters.before!)}) ends; swap or widen them.`;
  }
  if (asked !== undefined && afterDay > asked) {
    return `That date range is empty: ${after} starts after the day of asking, ${formatDay(dayString(asked))}, and nothing published later is quoted.`;
  }
  return undefined;
}

/** A channel's scope, folded for the engine; undefined when it restricts nothing. */
function scopeOf(scope: AskFilters | undefined): ArticleRestriction["scope"] {
  const folded: NonNullable<ArticleRestriction["scope"]> = {};
  if (scope?.publications?.length) folded.publications = scope.publications.map(foldName);
  if (scope?.sections?.length) folded.sections = scope.sections.map(foldName);
  if (scope?.bylines?.length) folded.bylines = scope.bylines.map(foldName);
  return Object.keys(folded).length > 0 ? folded : undefined;
}

/** What a thread gives a question asked in it (ask-context.ts's reading of follow-up.ts's rule). */
interface ThreadRead {
  reading: FollowUpReading;
  carried?: string;
  filters?: AskFilters;
  story?: Set<string>;
  storyAsked?: number;
}

/** How a question asked in a thread reads it: undefined outside a thread. */
function threadOf(text: string, options: AnswerOptions, subjectsOf: SubjectsOf): ThreadRead | undefined {
  const thread = options.thread;
  if (!thread) return undefined;
  // A question with its own subject needed the thread only for its filters: that the thread could not
  // be read is no news to its reader.
  if ("unread" in thread)
    return followUpKind(text) === "own" ? undefined : { reading: { unread: thread.unread } };
  const latest = thread.turns[thread.turns.length - 1];
  const filters = latest?.filters && !noFilters(latest.filters) ? latest.filters : undefined;
  const read = readThread(text, thread.turns, subjectsOf);
  // The thread's filters are the conversation's frame ("before:2022-07-01" set the period asked about):
  // they carry even into a question with its own subject, which carries no words and no story.
  if (!read) return filters ? { reading: {}, filters } : { reading: {} };
  // The story: the articles the latest answer cited, as of the day it was asked.
  const story = new Set((latest?.cited ?? []).map((id) => id.slice(0, Math.max(0, id.lastIndexOf("#")))));
  story.delete("");
  const storyAsked = dayNumber(latest?.asked);
  return {
    reading: { readAs: read.readAs, carried: read.carried },
    carried: read.carried,
    ...(filters ? { filters } : {}),
    ...(story.size > 0 ? { story } : {}),
    ...(story.size > 0 && storyAsked !== null ? { storyAsked } : {}),
  };
}
