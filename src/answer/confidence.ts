import {
  type AnalyzedQuery,
  type ArticleRestriction,
  DEFAULT_ENGINE_OPTIONS,
  daysFromAsk,
  type ParagraphIndex,
  type RankedDoc,
  swappedNames,
  tokenize,
} from "../search/index.js";
import { CONFIDENCE_MODEL } from "./confidence-model.js";
import type { Confidence } from "./types.js";

/**
 * The evidence that a found answer's first passage answers: what confidence is a function of.
 * Each is 0–1.
 */
export interface ConfidenceFeatures {
  /** Share of the question's information (idf mass, unknown names counted missing) the first passage covers. */
  coverage: number;
  /**
   * Agreement across coverage (AskMSR-style redundancy): of the next few distinct articles' best
   * passages, the share that state one of the first passage's candidate answers — a name or a number it
   * writes that the question does not.
   */
  agreement: number;
  /** Lead of the first passage over the best passage of another article: 1 − their score ratio. */
  gap: number;
  /** Share of the question's names (and numbers) the first passage or its title holds. */
  names: number;
  /**
   * How near the first passage's article is to the time asked about: 2^(−days / half-life), days from
   * the question's time span or before the day of asking (daysFromAsk); 1 when either has no date.
   */
  recency: number;
}

/** What confidenceFeatures reads beside the ranking (defaults: DEFAULT_ENGINE_OPTIONS). */
export interface ConfidenceContext {
  agreementArticles?: number;
  recencyHalfLife?: number;
  /** The ask's day and time span (askContext's restriction). */
  restriction?: ArticleRestriction;
}

/** Term ids of the first passage's candidate answers: names and numbers it writes that the question lacks. */
function candidateTerms(index: ParagraphIndex, query: AnalyzedQuery, doc: number): Set<number> {
  const asked = new Set(query.tokens.map((t) => t.term));
  const text = index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!]!;
  const out = new Set<number>();
  for (const t of tokenize(text)) {
    if (t.stop || asked.has(t.term) || !(t.capitalized || t.numeric)) continue;
    const id = index.termIds.get(t.term);
    if (id !== undefined) out.add(id);
  }
  return out;
}

function docHolds(index: ParagraphIndex, doc: number, ids: ReadonlySet<number>): Set<number> {
  const held = new Set<number>();
  for (let i = index.docTokenStart[doc]!; i < index.docTokenStart[doc + 1]!; i++) {
    const id = index.docTokens[i]!;
    if (ids.has(id)) held.add(id);
  }
  return held;
}

/** Whether a paragraph or its article's title and dek holds one of a group's terms. */
function holdsGroup(index: ParagraphIndex, doc: number, termIds: readonly number[]): boolean {
  for (let i = index.docTokenStart[doc]!; i < index.docTokenStart[doc + 1]!; i++) {
    if (termIds.includes(index.docTokens[i]!)) return true;
  }
  const a = index.docArticle[doc]!;
  for (let i = index.articleTitleStart[a]!; i < index.articleTitleStart[a + 1]!; i++) {
    if (termIds.includes(index.articleTitleTokens[i]!)) return true;
  }
  return false;
}

/**
 * The evidence for a ranking's first passage. `coverage` is the share of the question it covers (as the
 * answer's floor computes it).
 */
export function confidenceFeatures(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  ranked: readonly RankedDoc[],
  coverage: number,
  context: ConfidenceContext = {},
): ConfidenceFeatures {
  const agreementArticles = context.agreementArticles ?? DEFAULT_ENGINE_OPTIONS.agreementArticles;
  const halfLife = context.recencyHalfLife ?? DEFAULT_ENGINE_OPTIONS.confidenceRecencyHalfLife;
  const first = ranked[0]!;
  const firstArticle = index.docArticle[first.doc]!;
  // The best passage of each of the next few articles.
  const others: RankedDoc[] = [];
  const seen = new Set<number>([firstArticle]);
  for (const r of ranked) {
    const a = index.docArticle[r.doc]!;
    if (seen.has(a)) continue;
    seen.add(a);
    others.push(r);
    if (others.length >= agreementArticles) break;
  }
  const gap = others[0] && first.score > 0 ? Math.max(0, 1 - others[0].score / first.score) : 1;
  const candidates = candidateTerms(index, query, first.doc);
  let agreement = 0;
  if (candidates.size > 0 && others.length > 0) {
    const votes = new Map<number, number>();
    for (const r of others)
      for (const id of docHolds(index, r.doc, candidates)) votes.set(id, (votes.get(id) ?? 0) + 1);
    agreement = Math.max(0, ...votes.values()) / agreementArticles;
  }
  const swapped = new Set(swappedNames(query));
  let nameCount = 0;
  let namesHeld = 0;
  query.groups.forEach((g, i) => {
    if (g.weight <= 1) return;
    nameCount++;
    if (g.expansions.length === 0 || swapped.has(i)) return;
    if (
      holdsGroup(
        index,
        first.doc,
        g.expansions.map((e) => e.termId),
      )
    )
      namesHeld++;
  });
  const days = daysFromAsk(index, firstArticle, context.restriction);
  const recency = days === undefined ? 1 : 2 ** (-days / halfLife);
  return {
    coverage,
    agreement,
    gap,
    names: nameCount > 0 ? namesHeld / nameCount : 1,
    recency,
  };
}

/** The model's probability that the first passage answers (logistic over the features). */
export function confidenceScore(f: ConfidenceFeatures, model = CONFIDENCE_MODEL): number {
  const w = model.weights;
  const z =
    model.bias +
    w.coverage * f.coverage +
    w.agreement * f.agreement +
    w.gap * f.gap +
    w.names * f.names +
    w.recency * f.recency;
  return 1 / (1 + Math.exp(-z));
}

/**
 * High when the calibrated probability reaches the model's threshold — and never when the question
 * names something no article writes (an unknown or swapped name): then no passage can be about it.
 */
export function confidenceOf(
  query: AnalyzedQuery,
  f: ConfidenceFeatures,
  model = CONFIDENCE_MODEL,
): Confidence {
  const unknownName = query.groups.some((g) => g.weight > 1 && g.expansions.length === 0);
  if (unknownName || swappedNames(query).length > 0) return "low";
  return confidenceScore(f, model) >= model.threshold ? "high" : "low";
}
