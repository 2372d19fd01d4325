import { dayNumber, dayString } from "../corpus/index.js";
import { ERROR_CODES } from "../errors.js";
import type { ParagraphIndex } from "../index-store/index.js";
import {
  type EngineOptions,
  foldName,
  groupOfTerm,
  type StoryArticle,
  storyArticles,
} from "../search/index.js";
import { askContext } from "./ask-context.js";
import { citeParagraph, correctionOf } from "./cite-paragraph.js";
import { notFoundHint } from "./hint.js";
import type { Answer, AnswerLog, AnswerOptions, Timeline, TimelineEntry } from "./types.js";

/** Lines of a timeline page: one screen in Slack, with More for the rest. */
export const TIMELINE_PAGE = 15;
/** Articles the story's ranking considers; a story with more strong articles lists its best ones. */
const STORY_DEPTH = 300;

/**
 * What "covers the story strongly" means: an article whose whole-text match of the words is at least
 * STRONG_SCORE of the best article's, that holds every word the archive knows (STRONG_COVERAGE of their
 * weight) and that names them in at least STRONG_MENTIONS paragraphs. Measured on the shared news and
 * archive sets, not tuned to any question: docs/workflows.md ("How strong is strong") has the method
 * and the counts.
 */
export const STRONG_SCORE = 0.8;
export const STRONG_COVERAGE = 0.99;
export const STRONG_MENTIONS = 2;
/**
 * Words whose rarest word is in at least this share of the articles name no story (a word in every
 * article: the publication's name, "said"): one sentence says so instead of listing half the archive.
 */
export const NO_STORY_SHARE = 0.75;

/** Whether a ranked article covers the story strongly (see STRONG_SCORE). */
export function isStrong(
  article: StoryArticle,
  best: number,
  mentions: (article: number) => number,
): boolean {
  return (
    article.score >= STRONG_SCORE * best &&
    article.coverage >= STRONG_COVERAGE &&
    mentions(article.article) >= STRONG_MENTIONS
  );
}

interface Line {
  article: number;
  score: number;
  day: number | null;
  /** Same-story articles of the same outlet and day folded into this line. */
  updates: number;
}

/**
 * The lines of a story, oldest first, undated apart at the end: one per strong article, except that the
 * same outlet's strong articles of one day (updates of one story) are one line, its strongest.
 */
function linesOf(index: ParagraphIndex, strong: readonly StoryArticle[]): Line[] {
  const byOutletDay = new Map<string, Line>();
  const lines: Line[] = [];
  // Strongest first, so the line of an outlet's day is its strongest article.
  for (const s of strong) {
    const article = index.articles[s.article]!;
    const day = dayNumber(article.published);
    const key = day === null ? undefined : `${foldName(article.publication)} ${day}`;
    const same = key === undefined ? undefined : byOutletDay.get(key);
    if (same) {
      same.updates++;
      continue;
    }
    const line: Line = { article: s.article, score: s.score, day, updates: 0 };
    if (key !== undefined) byOutletDay.set(key, line);
    lines.push(line);
  }
  return lines.sort((x, y) => {
    if (x.day === null || y.day === null)
      return x.day === null ? (y.day === null ? y.score - x.score : 1) : -1;
    return x.day - y.day || y.score - x.score || x.article - y.article;
  });
}

function positiveInt(value: number | undefined, fallback: number, min: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(min, Math.floor(value));
}

/**
 * A story's timeline (see Timeline), as an Answer with `timeline` set and no passages: what the
 * surfaces render and page with More. Pure (the day of asking comes in `options`, from the caller's
 * clock) and total: a stage that throws is a bug, answered "could not be processed" and logged.
 */
export function storyTimeline(
  index: ParagraphIndex,
  words: string,
  options: AnswerOptions = {},
  engine: EngineOptions = {},
  log?: AnswerLog,
): Answer {
  const text = typeof words === "string" ? words : String(words ?? "");
  try {
    return buildTimeline(index, text, options, engine);
  } catch (err) {
    log?.error({ code: "ANSWER_FAILED", err }, "building a timeline failed");
    const failed: Answer = { question: text.slice(0, 2000), found: false, passages: [], hasMore: false };
    failed.timeline = { entries: [], offset: 0, total: 0, undated: 0 };
    failed.hint = ERROR_CODES.ANSWER_FAILED.user;
    return failed;
  }
}

function buildTimeline(
  index: ParagraphIndex,
  words: string,
  options: AnswerOptions,
  engine: EngineOptions,
): Answer {
  const maxChars = positiveInt(options.maxQuestionChars, 2000, 1);
  const limit = positiveInt(options.limit, TIMELINE_PAGE, 1);
  const offset = positiveInt(options.offset, 0, 0);
  const maxExcerptChars = positiveInt(options.maxExcerptChars, 300, 20);
  const asked = words.length > maxChars ? words.slice(0, maxChars) : words;
  const timeline: Timeline = { entries: [], offset, total: 0, undated: 0 };
  const answer: Answer = { question: asked, found: false, passages: [], hasMore: false, timeline };
  if (words.length > maxChars) answer.truncated = { originalLength: words.length, limit: maxChars };
  const context = askContext(asked, options);
  if (context.day !== undefined) answer.asked = dayString(context.day);
  if (context.filters) answer.filters = context.filters;
  if (context.problem) {
    if (context.badFilter) answer.badFilter = true;
    answer.hint = context.problem;
    return answer;
  }
  const ranking = storyArticles(index, context.text, engine, context.restriction, STORY_DEPTH);
  if (ranking.articles.length === 0) {
    answer.hint = notFoundHint(index, ranking.query);
    return answer;
  }
  if (ranking.rarestShare >= NO_STORY_SHARE) {
    timeline.noStory = true;
    answer.hint = `Those words are in ${Math.round(ranking.rarestShare * 100)}% of the articles, so they name no one story; add a name, a place or an event.`;
    return answer;
  }
  const best = ranking.articles[0]!.score;
  const lines = linesOf(
    index,
    ranking.articles.filter((a) => isStrong(a, best, ranking.mentions)),
  );
  timeline.total = lines.length;
  timeline.undated = lines.filter((l) => l.day === null).length;
  const termGroup = groupOfTerm(ranking.query);
  const groupIdf = ranking.query.groups.map((g) => g.idf);
  timeline.entries = lines.slice(offset, offset + limit).map(
    (line): TimelineEntry => ({
      ...citeParagraph(
        index,
        line.article,
        index.docParagraph[ranking.bestDoc(line.article)]!,
        { termGroup, groupIdf },
        maxExcerptChars,
      ),
      updates: line.updates,
      ...correctionOf(index, line.article),
    }),
  );
  if (timeline.entries.length === 0) {
    answer.hint =
      offset > 0
        ? "There is no more of that timeline; ask again to start over."
        : "No article covers those words strongly enough for a timeline.";
    return answer;
  }
  answer.found = true;
  answer.hasMore = lines.length > offset + limit;
  return answer;
}
