import { dayNumber, dayOfInstant } from "../corpus/index.js";
import { type ArticleRestriction, foldName, readTimePhrases } from "../search/index.js";
import { noFilters, parseAskFilters } from "./ask-filters.js";
import type { AnswerOptions, AskFilters } from "./types.js";

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
}

function askedDay(asked: string | Date | undefined): number | undefined | null {
  if (asked === undefined) return undefined;
  if (asked instanceof Date) return Number.isNaN(asked.getTime()) ? null : dayOfInstant(asked);
  return dayNumber(asked) ?? null;
}

/**
 * Reads an ask's date of asking, its filters (typed in the question and given as options) and, when it
 * has a date, its time phrases: the words left to search for and the restriction of the articles. Pure.
 */
export function askContext(question: string, options: AnswerOptions): AskContext {
  const day = askedDay(options.asked);
  if (day === null) {
    return {
      text: question,
      phrases: [],
      problem: "The day of asking is not a date; give it as YYYY-MM-DD.",
    };
  }
  const typed = parseAskFilters(question);
  const given = options.filters ?? {};
  const filters: AskFilters = {};
  const publications = [...(given.publications ?? []), ...(typed.filters.publications ?? [])];
  const sections = [...(given.sections ?? []), ...(typed.filters.sections ?? [])];
  if (publications.length > 0) filters.publications = publications;
  if (sections.length > 0) filters.sections = sections;
  // Both bounds apply: the later start and the earlier end.
  const after = [given.after, typed.filters.after]
    .filter((d): d is string => d !== undefined)
    .sort()
    .pop();
  const before = [given.before, typed.filters.before].filter((d): d is string => d !== undefined).sort()[0];
  if (after) filters.after = after;
  if (before) filters.before = before;
  const times =
    day === undefined ? { text: typed.question, phrases: [] } : readTimePhrases(typed.question, day);
  const restriction: ArticleRestriction = {};
  if (day !== undefined) restriction.asked = day;
  if (filters.publications) restriction.publications = filters.publications.map(foldName);
  if (filters.sections) restriction.sections = filters.sections.map(foldName);
  const afterDay = dayNumber(filters.after);
  const beforeDay = dayNumber(filters.before);
  if (afterDay !== null) restriction.after = afterDay;
  if (beforeDay !== null) restriction.before = beforeDay;
  if ("span" in times && times.span) restriction.span = times.span;
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
      : undefined);
  if (problem) context.problem = problem;
  return context;
}
