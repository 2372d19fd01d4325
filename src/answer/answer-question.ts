import { dayString } from "../corpus/index.js";
import { ERROR_CODES, type ErrorCode } from "../errors.js";
import type { ParagraphIndex } from "../index-store/index.js";
import {
  type AnalyzedQuery,
  coverageOfQuestion,
  type EngineOptions,
  groupOfTerm,
  keepHoldingQuestionWord,
  type RankedDoc,
  type Ranking,
  rankPassages,
  resolveEngineOptions,
} from "../search/index.js";
import { ANSWER_LIMITS } from "./answer-limits.js";
import { type AskContext, askContext } from "./ask-context.js";
import { citeParagraph, correctionOf } from "./cite-paragraph.js";
import { citedSubjects } from "./cited-subjects.js";
import { confidenceFeatures, confidenceOfScore, confidenceScore } from "./confidence.js";
import { correctionsOf } from "./corrections.js";
import { demoteVoted } from "./demote.js";
import { filterHint, restrictedOut, undatedLeftOut } from "./filter-hint.js";
import { notFoundHint } from "./hint.js";
import { undatedSentence } from "./notes.js";
import { timeVerdict } from "./time-honesty.js";
import type { Answer, AnswerLog, AnswerOptions, Passage } from "./types.js";

/** Stable code of the log line written when a stage of answering throws (a bug, not bad input). */
export const ANSWER_FAILED: ErrorCode = "ANSWER_FAILED";

const silentLog: AnswerLog = { error() {} };

/** Cuts to `limit` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, limit: number): string {
  let end = Math.max(0, limit);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end);
}

function positiveInt(value: number | undefined, fallback: number, min: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(min, Math.floor(value));
}

/**
 * `base` with a hint, set on `base` itself (made by this call for its answer) rather than copied with
 * `{ ...base, hint }`: V8 takes a slow path to clone an object while adding a key it lacks, and most
 * questions of a small corpus end here. The keys keep their order (the hint last).
 */
function withHint(base: Answer, hint: string): Answer {
  base.hint = hint;
  return base;
}

/**
 * Answers a question from the index: ranked, cited passages with verbatim excerpts, or `found: false`
 * with a hint. Pure (same index and question → same answer) and total: it never throws. A stage
 * that throws is a bug: the asker gets "could not be processed" and `log` gets the error and its stack.
 */
export function answerQuestion(
  index: ParagraphIndex,
  question: string,
  options: AnswerOptions = {},
  engine: EngineOptions = {},
  log: AnswerLog = silentLog,
): Answer {
  const raw = typeof question === "string" ? question : String(question ?? "");
  const limits = limitsOf(options);
  const asked = raw.length > limits.maxQuestionChars ? cut(raw, limits.maxQuestionChars) : raw;
  const base: Answer = { question: asked, found: false, passages: [], hasMore: false };
  if (raw.length > limits.maxQuestionChars) {
    base.truncated = { originalLength: raw.length, limit: limits.maxQuestionChars };
  }
  try {
    const context = askContext(asked, options, (cited) => citedSubjects(index, cited));
    noteContext(base, context, options);
    if (context.problem) {
      if (context.badFilter) base.badFilter = true;
      return withHint(base, context.problem);
    }
    const { offset, limit } = limits;
    const ranking = rankPassages(
      index,
      context.text,
      engine,
      offset + limit + 1,
      context.restriction,
      context.thread?.carried,
    );
    const leftOut = undatedLeftOut(index, context, engine, ranking);
    if (leftOut > 0) base.undatedLeftOut = leftOut;
    if (!ranking.ranked) {
      if (restrictedOut(index, context, engine, ranking)) base.restrictedOut = true;
      return withHint(
        base,
        filterHint(index, context, engine, ranking) ?? notFoundHint(index, ranking.query),
      );
    }
    // `ranked` is not null here (checked just above).
    return answerRanked(index, base, context, ranking as FoundRanking, options, engine, limits);
  } catch (err) {
    // A bug must not take a surface down: answer "not found", say so, and leave the detail in the log.
    log.error({ code: ANSWER_FAILED, err }, "answering a question failed");
    return withHint(base, ERROR_CODES.ANSWER_FAILED.user);
  }
}

/** How much an answer may hold: the question's length, the page of passages, the excerpts' length. */
interface AnswerSizes {
  maxQuestionChars: number;
  limit: number;
  offset: number;
  maxExcerptChars: number;
}

function limitsOf(options: AnswerOptions): AnswerSizes {
  return {
    maxQuestionChars: positiveInt(options.maxQuestionChars, ANSWER_LIMITS.maxQuestionChars, 1),
    limit: positiveInt(options.limit, ANSWER_LIMITS.passages, 1),
    offset: positiveInt(options.offset, 0, 0),
    maxExcerptChars: positiveInt(
      options.maxExcerptChars,
      ANSWER_LIMITS.maxExcerptChars,
      ANSWER_LIMITS.minExcerptChars,
    ),
  };
}

/** What the ask's context says on every answer: the thread's reading, the day, filters, scope, time phrases. */
function noteContext(base: Answer, context: AskContext, options: AnswerOptions): void {
  if (context.thread) base.followUp = context.thread.reading;
  if (context.day !== undefined) base.asked = dayString(context.day);
  if (context.filters) base.filters = context.filters;
  if (context.restriction?.scope && options.scope) base.scope = options.scope;
  if (context.phrases.length > 0) base.timePhrases = context.phrases;
}

/** A ranking that found passages (`ranked` not null). */
type FoundRanking = Ranking & { ranked: RankedDoc[] };

/** The answer to a question the ranking found passages for: a page of cited passages and its confidence. */
function answerRanked(
  index: ParagraphIndex,
  base: Answer,
  context: AskContext,
  ranking: FoundRanking,
  options: AnswerOptions,
  engine: EngineOptions,
  limits: AnswerSizes,
): Answer {
  const { query } = ranking;
  const { offset, limit } = limits;
  // Readers' votes: a passage voted down for this question is not first (demote.ts).
  const voted = demoteVoted(index, ranking.ranked, options.demoted);
  // Past the first page, only passages that hold a word of the question: the first page keeps the
  // best as ranked (an article's lead may paraphrase the question), but "More" of words the question
  // never used reads as noise.
  const ranked = keepHoldingQuestionWord(index, query, voted, limit);
  // Time words over articles without dates: their dates cannot answer "this week" (time-honesty.ts).
  const time = timeVerdict(index, ranking.ranked, context.phrases.length > 0);
  if (time === "nothing-dated") return withHint(base, undatedSentence(context.phrases, false));
  const page = ranked.slice(offset, offset + limit);
  // A page past the end (More after the corpus changed, a stale button): found must not promise passages.
  if (page.length === 0) {
    return withHint(base, "There are no more passages for that question; ask again to start over.");
  }
  const passages = citePage(index, query, page, offset, limits.maxExcerptChars);
  // A copy of `base` (which the catch in answerQuestion may still answer with), its keys in its order.
  // Not `{ ...base, found: true, … }`: V8 made that copy with a map on which each key added after it
  // (confidence, confidenceScore, …) cost microseconds; Object.assign's copy takes them as usual.
  const found: Answer = Object.assign({}, base);
  found.found = true;
  found.passages = passages;
  found.hasMore = ranked.length > offset + limit;
  // Readers' votes may have put another passage first: its coverage, not the ranking's best's.
  const coverage =
    (voted === ranking.ranked ? ranking.coverage : undefined) ??
    coverageOfQuestion(index, query, ranked[0]!.coverage);
  const features = featuresOf(index, context, ranking, voted, coverage, engine);
  const score = confidenceScore(features);
  found.confidence = time === "undated" ? "low" : confidenceOfScore(query, score, undefined, ranking.swapped);
  if (time === "undated") found.undated = true;
  found.confidenceScore = Math.round(score * 1000) / 1000;
  const corrections = correctionsOf(query, passages);
  if (corrections.length > 0) found.corrections = corrections;
  return found;
}

/** The page's passages, cited with their excerpts, ranks, scores and corrections notes. */
function citePage(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  page: readonly RankedDoc[],
  offset: number,
  maxExcerptChars: number,
): Passage[] {
  const termGroup = groupOfTerm(query);
  const groupIdf = query.groups.map((g) => g.idf);
  return page.map((r, i) => {
    const article = index.docArticle[r.doc]!;
    const paragraph = index.docParagraph[r.doc]!;
    const cited = citeParagraph(index, article, paragraph, { termGroup, groupIdf }, maxExcerptChars);
    const rank = offset + i + 1;
    return { rank, ...cited, score: Math.round(r.score * 1000) / 1000, ...correctionOf(index, article) };
  });
}

/** The confidence evidence of the first passage; the ranking's coverage and swapped names are read, not redone. */
function featuresOf(
  index: ParagraphIndex,
  context: AskContext,
  ranking: Ranking,
  voted: readonly RankedDoc[],
  coverage: number,
  engine: EngineOptions,
) {
  const resolved = resolveEngineOptions(engine);
  const swapped = ranking.swapped;
  return confidenceFeatures(index, ranking.query, voted, coverage, {
    agreementArticles: resolved.agreementArticles,
    recencyHalfLife: resolved.confidenceRecencyHalfLife,
    restriction: context.restriction,
    question: context.text,
    ...(swapped ? { swapped } : {}),
  });
}
