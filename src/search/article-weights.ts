import { dayNumber } from "../corpus/index.js";
import type { ParagraphIndex } from "../index-store/index.js";
import type { ResolvedEngineOptions } from "./engine-options.js";
import type { TimeSpan } from "./time-phrases.js";

/**
 * What the day of asking and the asker's filters make of each article: a weight in [0, 1] that the
 * first stage multiplies its scores by (0: never a candidate) and the final ranking multiplies the
 * passage's score by (strengths: recencyWeight, recencyHalfLife, spanWeight and spanHalfLife of
 * DEFAULT_ENGINE_OPTIONS). Restricting in the first stage, not after it, matters: at archive scale the best
 * 100 paragraphs of a question can all be from articles published after the asking.
 */
/** The restrictions and preferences of one ask, days as day numbers (see corpus/dates.ts). */
export interface ArticleRestriction {
  /** Day of asking: later articles are excluded; the recency prior counts age from it. */
  asked?: number;
  /** Inclusive bounds of a date filter: articles without a date are left out (nothing places them inside). */
  after?: number;
  before?: number;
  /**
   * Leave out articles without a date: the day of asking was chosen (`--as-of`), and nothing says an
   * undated article was published by then. Without it, the day of asking is the clock's and undated
   * articles (in the corpus now, so published by now) stay.
   */
  datedOnly?: boolean;
  /** Publications and sections (any of each), folded as `foldName` folds them. */
  publications?: readonly string[];
  sections?: readonly string[];
  /** Bylines (any of them), folded the same way. */
  bylines?: readonly string[];
  /**
   * A channel's scope: the article must match each list given (any of its values) besides the filters
   * above, so a question's own filters narrow within the scope, never widen it.
   */
  scope?: {
    publications?: readonly string[];
    sections?: readonly string[];
    bylines?: readonly string[];
  };
  /** The span the question's time phrases name. */
  span?: TimeSpan;
  /**
   * A follow-up's story: the ids of the articles its thread cited. Other articles keep
   * 1 − threadStoryWeight of their weight, so the thread's story wins unless another article matches
   * the follow-up's own words much better.
   */
  story?: ReadonlySet<string>;
  /**
   * The day the thread's latest answer was asked: articles published after it could not have been
   * cited then, so the story's preference does not hold them back (the story moved on to them).
   */
  storyAsked?: number;
}

/** Lower case, letters and digits only: "CNN.com" and "cnn com" both read "cnncom". */
export function foldName(value: string): string {
  return value
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

interface ArticleFacts {
  /** Day number of each article's `published`, NaN when it has none (or none that reads as a date). */
  published: Float64Array;
  /** Folded publication and URL host of each article, for `from:`. */
  publication: string[];
  section: string[];
  byline: string[];
}

const facts = new WeakMap<ParagraphIndex, ArticleFacts>();

function factsOf(index: ParagraphIndex): ArticleFacts {
  let known = facts.get(index);
  if (!known) {
    const n = index.articles.length;
    const published = new Float64Array(n);
    const publication: string[] = [];
    const section: string[] = [];
    const byline: string[] = [];
    for (let a = 0; a < n; a++) {
      const article = index.articles[a]!;
      published[a] = dayNumber(article.published) ?? Number.NaN;
      let host = "";
      try {
        if (article.url) host = new URL(article.url).hostname.replace(/^www\./, "");
      } catch {
        // A malformed URL names no host.
      }
      publication.push(`${foldName(article.publication)} ${foldName(host)}`);
      section.push(foldName(article.section ?? ""));
      byline.push(foldName(article.byline ?? ""));
    }
    known = { published, publication, section, byline };
    facts.set(index, known);
  }
  return known;
}

function matchesAny(value: string, wanted: readonly string[] | undefined): boolean {
  if (!wanted || wanted.length === 0) return true;
  return wanted.some((w) => w.length > 0 && value.includes(w));
}

/** True when the ask restricts or prefers anything (else the engine runs as without dates). */
function restricts(r: ArticleRestriction | undefined): boolean {
  return (
    r !== undefined &&
    (r.asked !== undefined ||
      r.after !== undefined ||
      r.before !== undefined ||
      r.datedOnly === true ||
      r.span !== undefined ||
      (r.publications?.length ?? 0) > 0 ||
      (r.sections?.length ?? 0) > 0 ||
      (r.bylines?.length ?? 0) > 0 ||
      r.scope !== undefined ||
      (r.story?.size ?? 0) > 0)
  );
}

function inScope(scope: ArticleRestriction["scope"], publication: string, section: string, byline: string) {
  return (
    !scope ||
    (matchesAny(publication, scope.publications) &&
      matchesAny(section, scope.sections) &&
      matchesAny(byline, scope.bylines))
  );
}

const decay = (weight: number, days: number, halfLife: number) =>
  1 - weight + weight * 2 ** (-Math.max(0, days) / Math.max(1e-9, halfLife));

/**
 * Per article, the weight of an ask (see above), or undefined when the ask neither restricts nor
 * prefers anything. Articles without a `published` date pass the day of asking (nothing says they are
 * from the future) and get the prior's middle value: as if one half-life old or outside; a date filter
 * or `datedOnly` leaves them out.
 */
export function articleWeights(
  index: ParagraphIndex,
  restriction: ArticleRestriction | undefined,
  options: ResolvedEngineOptions,
): Float32Array | undefined {
  if (!restricts(restriction)) return undefined;
  const r = restriction!;
  const { published, publication, section, byline } = factsOf(index);
  const { recencyWeight, recencyHalfLife, spanWeight, spanHalfLife, threadStoryWeight } = options;
  const story = r.story && r.story.size > 0 ? r.story : undefined;
  const n = published.length;
  const weights = new Float32Array(n);
  const datedOnly = r.datedOnly === true || r.after !== undefined || r.before !== undefined;
  for (let a = 0; a < n; a++) {
    const day = published[a]!;
    const dated = !Number.isNaN(day);
    if (!dated && datedOnly) continue;
    if (dated && r.asked !== undefined && day > r.asked) continue;
    if (dated && r.after !== undefined && day < r.after) continue;
    if (dated && r.before !== undefined && day > r.before) continue;
    if (!matchesAny(publication[a]!, r.publications) || !matchesAny(section[a]!, r.sections)) continue;
    if (!matchesAny(byline[a]!, r.bylines) || !inScope(r.scope, publication[a]!, section[a]!, byline[a]!))
      continue;
    let w = 1;
    if (r.span) {
      if (spanWeight > 0) {
        w = decay(spanWeight, dated ? daysAway(day, r) : spanHalfLife, spanHalfLife);
      }
    } else if (r.asked !== undefined && recencyWeight > 0) {
      w = decay(recencyWeight, dated ? daysAway(day, r) : recencyHalfLife, recencyHalfLife);
    }
    const newer = dated && r.storyAsked !== undefined && day > r.storyAsked;
    if (story && !newer && !story.has(index.articles[a]!.id)) w *= 1 - threadStoryWeight;
    weights[a] = w;
  }
  return weights;
}

/**
 * How far an article stands from the time an ask is about, in days: outside the span the question's time
 * phrases name, else before the day of asking. Undefined when the ask names no time or the article has
 * no date (then nothing is known either way).
 */
export function daysFromAsk(
  index: ParagraphIndex,
  article: number,
  restriction: ArticleRestriction | undefined,
): number | undefined {
  if (restriction?.span === undefined && restriction?.asked === undefined) return undefined;
  const day = factsOf(index).published[article];
  if (day === undefined || Number.isNaN(day)) return undefined;
  return daysAway(day, restriction);
}

/** Whether an article has a `published` date that reads as one. */
export function isDated(index: ParagraphIndex, article: number): boolean {
  return !Number.isNaN(factsOf(index).published[article] ?? Number.NaN);
}

/**
 * Days a dated article (day number `day`) stands from the time an ask is about: outside the span its time
 * phrases name, else before its day of asking. The ask names one or the other.
 */
function daysAway(day: number, r: ArticleRestriction): number {
  return r.span ? Math.max(r.span.from - day, day - r.span.to, 0) : Math.max(0, r.asked! - day);
}
