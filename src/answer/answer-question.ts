import { boostAnswerType } from "../search/answer-type.js";
import { boilerplateOf } from "../search/boilerplate.js";
import { idf, type ParagraphIndex } from "../search/paragraph-index.js";
import { type AnalyzedQuery, analyzeQuery } from "../search/query.js";
import { bestCoverageBound, contentFirst, groupOfTerm, type RankedDoc } from "../search/rerank.js";
import { DEFAULT_CANDIDATES, type SearchOptions, searchAnalyzed } from "../search/search.js";
import { coverageWithoutSwapped, swappedNames } from "../search/swapped-names.js";
import { confidenceFeatures, confidenceOf } from "./confidence.js";
import { correctionsOf } from "./corrections.js";
import { buildExcerpt } from "./excerpt.js";
import { notFoundHint } from "./hint.js";
import type { Answer, AnswerOptions, Passage } from "./types.js";

/** Tuning of the engine behind the answer model (not part of the surfaces' contract). */
export interface EngineOptions extends SearchOptions {
  /**
   * Share of the question's information (idf mass of the words the corpus knows; a word it never uses cannot be quoted by any passage)
   * the best passage, with its article's title and dek, must match to count as an answer. Below it the
   * answer is `found: false`: quoting a passage that matches a minor part of the question is noise.
   * Default 0.3.
   */
  minCoverage?: number;
  /** First-stage paragraph candidates at least (more when paging deep). Default 100. */
  candidates?: number;
}

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
 * The share of the whole question a passage answers. The ranker's coverage counts only words the corpus
 * knows (an unknown common word — "removed", "public" — says nothing about whether a passage answers).
 * An unknown *name or number* is different: a question about "the NHL" or "Australia" in a corpus that
 * never names them is off-topic however well its other words match, so each one counts as a word as
 * specific as any in the corpus, that no passage covers.
 */
export function coverageOfQuestion(index: ParagraphIndex, query: AnalyzedQuery, coverage: number): number {
  // Summed in group order, as the ranker sums them (float addition). Loops, not filter and reduce: this
  // runs up to three times a question.
  let knownIdf = 0;
  let missingIdf = 0;
  for (const g of query.groups) {
    knownIdf += g.idf;
    // Weighed as the ranker weighs names: the rarest idf the corpus has, times the name's boost.
    if (g.expansions.length === 0 && g.weight > 1) missingIdf += g.weight * idf(index.docCount, 1);
  }
  if (missingIdf === 0) return coverage;
  return (coverage * knownIdf) / (knownIdf + missingIdf);
}

/**
 * Most postings read for the coverage bound before retrieval: about as many as re-ranking the candidates
 * reads words; a question of common words in a large corpus skips the bound.
 */
const BOUND_POSTINGS = 4096;

/**
 * The ranking behind an answer: the passages (score > 0) best first, or null when the best does not
 * cover `minCoverage` of the question ("not found"). `depth` is the fewest candidates to rank (a page's
 * end + 1). Excerpts and citations are the answer's business; the evaluation's tuning scores this alone.
 */
export function rankPassages(
  index: ParagraphIndex,
  question: string,
  engine: EngineOptions = {},
  depth = 0,
): { query: AnalyzedQuery; ranked: RankedDoc[] | null } {
  const candidates = Math.max(engine.candidates ?? DEFAULT_CANDIDATES, depth);
  const searchOptions = { ...engine, candidates };
  const query = analyzeQuery(index, question, searchOptions);
  const minCoverage = engine.minCoverage ?? 0.3;
  // A passage covers at most every word of the question the corpus knows (coverage 1, a hair more for
  // float sums in another order; 0 when it knows none): when even that falls short — the question hinges
  // on names the corpus never mentions — the answer is "not found" before any retrieval.
  const knownIdf = query.groups.reduce((sum, g) => sum + g.idf, 0);
  if (coverageOfQuestion(index, query, knownIdf > 0 ? 1 + 1e-9 : 0) < minCoverage)
    return { query, ranked: null };
  // Tighter when the question's postings are few (a small corpus): the most any one paragraph could
  // cover, read from the postings (see bestCoverageBound). Below the floor nothing is retrieved or
  // re-ranked — most questions asked of a small corpus are about something it does not hold.
  const bound = bestCoverageBound(index, query, BOUND_POSTINGS);
  if (bound !== undefined && coverageOfQuestion(index, query, bound) < minCoverage) {
    return { query, ranked: null };
  }
  const { ranked: candidatesRanked } = searchAnalyzed(index, query, searchOptions);
  // The best passage is one of the candidates with a positive score whatever order the answer-type
  // boost gives them (it scales scores by a factor of at least 1), and the share of the question a
  // candidate covers only grows with its coverage: when the best coverage among them is not enough,
  // the answer is "not found" without the boost — the same answer for a third less work.
  let maxCoverage = Number.NEGATIVE_INFINITY;
  let unknownCoverage = false;
  for (const r of candidatesRanked) {
    if (!(r.score > 0)) continue;
    if (Number.isNaN(r.coverage)) unknownCoverage = true;
    else if (r.coverage > maxCoverage) maxCoverage = r.coverage;
  }
  if (
    !unknownCoverage &&
    (maxCoverage === Number.NEGATIVE_INFINITY || coverageOfQuestion(index, query, maxCoverage) < minCoverage)
  ) {
    return { query, ranked: null };
  }
  const all = boostAnswerType(index, question, query, candidatesRanked, searchOptions);
  // A candidate that neither matches nor leads a relevant article (score 0) is not a passage.
  // Boilerplate (credits, promos, ad surveys: see boilerplate.ts) never answers, however well it matches.
  const boilerplate = boilerplateOf(index);
  const ranked = contentFirst(
    index,
    query,
    all.filter((r) => r.score > 0 && boilerplate[r.doc] === 0),
  );
  const best = ranked[0];
  if (!best || coverageOfQuestion(index, query, best.coverage) < minCoverage) return { query, ranked: null };
  // A name read as another name ("Atlantis" → "Atlanta") answers nothing by itself: the rest of the
  // question must still cover enough with that name counted as one no article writes.
  const swapped = swappedNames(query);
  if (swapped.length > 0 && coverageWithoutSwapped(index, query, best.doc, swapped) < minCoverage) {
    return { query, ranked: null };
  }
  return { query, ranked };
}

/**
 * `base` with a hint, set on `base` itself (made by this call for its answer) rather than copied with
 * `{ ...base, hint }`: V8 takes a slow path to clone an object and add a key it lacks, about 0.6 us a
 * not-found answer. The keys keep their order (the hint last).
 */
function withHint(base: Answer, hint: string): Answer {
  base.hint = hint;
  return base;
}

/**
 * Answers a question from the index: ranked, cited passages with verbatim excerpts, or `found: false`
 * with a hint. Pure (same index and question → same answer) and total: it never throws.
 */
export function answerQuestion(
  index: ParagraphIndex,
  question: string,
  options: AnswerOptions = {},
  engine: EngineOptions = {},
): Answer {
  const raw = typeof question === "string" ? question : String(question ?? "");
  const maxQuestionChars = positiveInt(options.maxQuestionChars, 2000, 1);
  const limit = positiveInt(options.limit, 3, 1);
  const offset = positiveInt(options.offset, 0, 0);
  const maxExcerptChars = positiveInt(options.maxExcerptChars, 300, 20);
  const asked = raw.length > maxQuestionChars ? cut(raw, maxQuestionChars) : raw;
  const base: Answer = { question: asked, found: false, passages: [], hasMore: false };
  if (raw.length > maxQuestionChars) base.truncated = { originalLength: raw.length, limit: maxQuestionChars };

  try {
    const { query, ranked } = rankPassages(index, asked, engine, offset + limit + 1);
    if (!ranked) return withHint(base, notFoundHint(index, query));
    const termGroup = groupOfTerm(query);
    const groupIdf = query.groups.map((g) => g.idf);
    const page = ranked.slice(offset, offset + limit);
    // A page past the end (More after the corpus changed, a stale button): found must not promise passages.
    if (page.length === 0) {
      return withHint(base, "There are no more passages for that question; ask again to start over.");
    }
    const passages: Passage[] = page.map((r, i) => {
      const article = index.articles[index.docArticle[r.doc]!]!;
      const paragraph = index.docParagraph[r.doc]!;
      const text = article.paragraphs[paragraph]!;
      const { excerpt, spans } = buildExcerpt(text, { termGroup, groupIdf }, maxExcerptChars);
      return {
        rank: offset + i + 1,
        articleId: article.id,
        articleTitle: article.title,
        publication: article.publication,
        url: article.url ?? null,
        published: article.published ?? null,
        corrected: article.corrected ?? null,
        paragraph: paragraph + 1,
        text,
        excerpt,
        excerptSpans: spans,
        score: Math.round(r.score * 1000) / 1000,
      };
    });
    const found: Answer = { ...base, found: true, passages, hasMore: ranked.length > offset + limit };
    const best = ranked[0]!;
    found.confidence = confidenceOf(
      query,
      confidenceFeatures(index, query, ranked, coverageOfQuestion(index, query, best.coverage)),
    );
    const corrections = correctionsOf(query, passages);
    if (corrections.length > 0) found.corrections = corrections;
    return found;
  } catch {
    // A bug must not take a surface down: answer "not found" and say so.
    return withHint(base, "That question could not be processed; try rephrasing it.");
  }
}
