import type { ParagraphIndex } from "../index-store/index.js";
import {
  type AnalyzedQuery,
  type ArticleRestriction,
  DEFAULT_ENGINE_OPTIONS,
  daysFromAsk,
  holdsMoney,
  holdsShape,
  type RankedDoc,
  swappedNames,
} from "../search/index.js";
import { candidateEvidence, contentHeld, contentWords, rankingEvidence } from "./confidence-evidence.js";
import { CONFIDENCE_MODEL, type ConfidenceModel } from "./confidence-model.js";
import { paragraphWords } from "./paragraph-words.js";
import type { Confidence } from "./types.js";

/**
 * The evidence that a found answer's first passage answers: what confidence is a function of. Each is
 * 0–1. Some exist on a single article (coverage, content, sentence, the asked type, the margin to the
 * next passage, names); agreement and the lead over other articles only where there are many (`single`
 * says which), and recency only where the ask and the article are dated (`dated` says which).
 */
export interface ConfidenceFeatures {
  /** Share of the question's information (idf mass, unknown names counted missing) the first passage covers. */
  coverage: number;
  /**
   * Share of the question's content words (those that are not names or numbers) the first passage's own
   * text holds, as typed or corrected: matching only the names, or a title, says it is about the subject,
   * not that it says what was asked ("How tall is Massimov?" over a profile of Massimov).
   */
  content: number;
  /** Share of the question's idf mass its best single sentence holds (rerank.ts). */
  sentence: number;
  /** 1 when the question asks for a name, place, number or time (its wh-form says which). */
  typed: number;
  /**
   * When typed: the share of the question beside a thing of the asked type in the passage (answerShare),
   * 0 when the question asks an amount of a shape ("how tall": a measure) or money the passage does not
   * write; else 0.
   */
  typeHeld: number;
  /** Lead over the next passage, of any article: 1 − their score ratio (1 when there is none). */
  margin: number;
  /** 1 when no other article is among the passages: agreement and gap say nothing then. */
  single: number;
  /**
   * Agreement across coverage (AskMSR-style redundancy): of the next few distinct articles' best
   * passages, the share that state one of the first passage's candidate answers — a name or a number it
   * writes that the question does not. 0 when `single`.
   */
  agreement: number;
  /**
   * Lead of the first passage over its nearest rival: the best passage of another article (1 − their
   * score ratio); over a single article, where no other article competes, the next passage (= margin).
   */
  gap: number;
  /** Share of the question's names (and numbers) the first passage or its title holds. */
  names: number;
  /** The first passage's lead prior: 1 / (1 + its rank among its article's substantive paragraphs), 0 when none. */
  lead: number;
  /** Its article's relevance to the question relative to the best article's (rerank.ts). */
  article: number;
  /** Share of the question's known words it matches, without idf (rerank.ts). */
  matchShare: number;
  /** 1 when the runner-up passage is from the same article: the choice is within one story. */
  sameArticle: number;
  /** How many articles the corpus holds, log10(n) / 6 (at most 1): a corpus fact, not evidence. */
  corpusSize: number;
  /** 1 when the ask and the first passage's article both have a date. */
  dated: number;
  /**
   * When dated, how near the first passage's article is to the time asked about: 2^(−days / half-life),
   * days from the question's time span or before the day of asking (daysFromAsk); 0 when not dated.
   */
  recency: number;
  /** Share of the question's content words (not names or numbers) that some article writes. */
  contentKnown: number;
  /** The first passage's content share relative to the best of the first five passages (1 when it leads). */
  contentBest: number;
  /** Share of the first ten passages from the first passage's article. */
  concentration: number;
  /** Lead over the third passage: 1 − their score ratio. */
  margin3: number;
  /** 1 when the question has a wh-word (who, what, where, when, why, how, which): 0 for yes/no questions. */
  wh: number;
  askTime: number;
  askNumber: number;
  askName: number;
  askPlace: number;
  /** Share of the asking sentence's content words (the last sentence with a wh-word) the passage holds. */
  askContent: number;
  /** 1 − the share of the passage's distinct words that are the question's: 0 when it only restates it. */
  novelty: number;
  /** Candidate answers (names, numbers the question lacks) within 8 words of a question word, /3, at most 1. */
  novelNear: number;
  /** Of the votes of the first ten passages for their near candidate answers, the winner's share. */
  winnerShare: number;
  /** 1 when the first passage holds the winning candidate answer. */
  firstHoldsWinner: number;
}

/** The features in the order of the model's weights (confidence-model.ts). */
export const CONFIDENCE_FEATURES = [
  "coverage",
  "content",
  "sentence",
  "typed",
  "typeHeld",
  "margin",
  "single",
  "agreement",
  "gap",
  "names",
  "lead",
  "article",
  "matchShare",
  "sameArticle",
  "corpusSize",
  "dated",
  "recency",
  "contentKnown",
  "contentBest",
  "concentration",
  "margin3",
  "wh",
  "askTime",
  "askNumber",
  "askName",
  "askPlace",
  "askContent",
  "novelty",
  "novelNear",
  "winnerShare",
  "firstHoldsWinner",
] as const satisfies readonly (keyof ConfidenceFeatures)[];

/** What confidenceFeatures reads beside the ranking (defaults: DEFAULT_ENGINE_OPTIONS). */
export interface ConfidenceContext {
  agreementArticles?: number;
  recencyHalfLife?: number;
  /** The ask's day and time span (askContext's restriction). */
  restriction?: ArticleRestriction;
  /** The question's swapped names, when the ranking already found them (else read here). */
  swapped?: readonly number[];
  /** The question as asked (its sentences: which one asks). */
  question?: string;
}

/** Term ids of the first passage's candidate answers: names and numbers it writes that the question lacks. */
function candidateTerms(index: ParagraphIndex, query: AnalyzedQuery, doc: number): Set<number> {
  const asked = new Set(query.tokens.map((t) => t.term));
  const text = index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!]!;
  const out = new Set<number>();
  for (const t of paragraphWords(text).tokens) {
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

/** Whether the paragraph writes the amount's shape or the money the question asks for (true when it asks neither). */
function holdsAskedAmount(index: ParagraphIndex, query: AnalyzedQuery, doc: number): boolean {
  const shape = query.typeNoun?.shape ?? null;
  const money = query.typeNoun?.money === true;
  if (shape === null && !money) return true;
  const text = index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!]!;
  return (shape === null || holdsShape(text, shape)) && (!money || holdsMoney(text));
}

/** Share of the question's names (and numbers) the first passage or its title holds; 1 when it has none. */
function namesHeld(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  doc: number,
  swappedIds: readonly number[],
): number {
  const swapped = new Set(swappedIds);
  let nameCount = 0;
  let held = 0;
  query.groups.forEach((g, i) => {
    if (g.weight <= 1) return;
    nameCount++;
    if (g.expansions.length === 0 || swapped.has(i)) return;
    if (
      holdsGroup(
        index,
        doc,
        g.expansions.map((e) => e.termId),
      )
    )
      held++;
  });
  return nameCount > 0 ? held / nameCount : 1;
}

/** Of the other articles' best passages, the largest share that hold one of the first's candidate answers. */
function agreementOf(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  first: RankedDoc,
  others: readonly RankedDoc[],
  agreementArticles: number,
): number {
  const candidates = candidateTerms(index, query, first.doc);
  if (candidates.size === 0 || others.length === 0) return 0;
  const votes = new Map<number, number>();
  for (const r of others)
    for (const id of docHolds(index, r.doc, candidates)) votes.set(id, (votes.get(id) ?? 0) + 1);
  return Math.max(0, ...votes.values()) / agreementArticles;
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
  const first = ranked[0]! as RankedDoc & { answerShare?: number };
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
  const ratio = (r: RankedDoc | undefined) =>
    r && first.score > 0 ? Math.max(0, 1 - r.score / first.score) : 1;
  const single = others.length === 0;
  const typed = query.answerType !== null;
  const days = daysFromAsk(index, firstArticle, context.restriction);
  const words = contentWords(query);
  return {
    coverage,
    content: contentHeld(index, query, first.doc, words),
    sentence: Math.min(1, first.features.sentence),
    typed: typed ? 1 : 0,
    typeHeld: typed && holdsAskedAmount(index, query, first.doc) ? Math.min(1, first.answerShare ?? 0) : 0,
    margin: ratio(ranked[1]),
    single: single ? 1 : 0,
    agreement: single ? 0 : agreementOf(index, query, first, others, agreementArticles),
    gap: single ? ratio(ranked[1]) : ratio(others[0]),
    names: namesHeld(index, query, first.doc, context.swapped ?? swappedNames(query)),
    lead: first.features.lead < 0 ? 0 : 1 / (1 + first.features.lead),
    article: Math.min(1, Math.max(0, first.features.article)),
    matchShare: Math.min(1, first.features.matchShare),
    sameArticle: ranked[1] && index.docArticle[ranked[1].doc] === firstArticle ? 1 : 0,
    corpusSize: Math.min(1, Math.log10(Math.max(1, index.articles.length)) / 6),
    dated: days === undefined ? 0 : 1,
    recency: days === undefined ? 0 : 2 ** (-days / halfLife),
    ...rankingEvidence(index, query, ranked, words),
    ...candidateEvidence(index, query, ranked, context.question, words),
  };
}

/**
 * The model's probability that the first passage answers: logistic over the features, with the base
 * weights plus, for a dated ask and article among several articles, the dated adjustments.
 */
export function confidenceScore(f: ConfidenceFeatures, model: ConfidenceModel = CONFIDENCE_MODEL): number {
  const kind = f.single > 0 ? "single" : f.dated > 0 ? "dated" : "base";
  const { bias, weights } = model === CONFIDENCE_MODEL ? DEFAULT_SUMS[kind] : summedWeights(model, kind);
  let z = bias;
  for (let i = 0; i < CONFIDENCE_FEATURES.length; i++) z += weights[i]! * f[CONFIDENCE_FEATURES[i]!];
  return 1 / (1 + Math.exp(-z));
}

type ModelKind = "base" | "single" | "dated";

/**
 * A model's bias and weights with a kind's adjustments added, in CONFIDENCE_FEATURES order: the same
 * sums confidenceScore would form per feature, formed once for the shipped model rather than with two
 * look-ups by name per feature and answer.
 */
function summedWeights(model: ConfidenceModel, kind: ModelKind): { bias: number; weights: Float64Array } {
  const adjust = kind === "base" ? undefined : model[kind];
  return {
    bias: model.bias + (adjust?.bias ?? 0),
    weights: Float64Array.from(
      CONFIDENCE_FEATURES,
      (k) => (model.weights[k] ?? 0) + (adjust?.weights[k] ?? 0),
    ),
  };
}

const DEFAULT_SUMS: Readonly<Record<ModelKind, { bias: number; weights: Float64Array }>> = {
  base: summedWeights(CONFIDENCE_MODEL, "base"),
  single: summedWeights(CONFIDENCE_MODEL, "single"),
  dated: summedWeights(CONFIDENCE_MODEL, "dated"),
};

/**
 * High when the calibrated probability reaches the model's threshold — and never when the question
 * names something no article writes (an unknown or swapped name): then no passage can be about it.
 */
export function confidenceOf(
  query: AnalyzedQuery,
  f: ConfidenceFeatures,
  model: ConfidenceModel = CONFIDENCE_MODEL,
  swapped: readonly number[] = swappedNames(query),
): Confidence {
  return confidenceOfScore(query, confidenceScore(f, model), model, swapped);
}

/** confidenceOf for a probability already computed (confidenceScore of the features under `model`). */
export function confidenceOfScore(
  query: AnalyzedQuery,
  score: number,
  model: ConfidenceModel = CONFIDENCE_MODEL,
  swapped: readonly number[] = swappedNames(query),
): Confidence {
  const unknownName = query.groups.some((g) => g.weight > 1 && g.expansions.length === 0);
  if (unknownName || swapped.length > 0) return "low";
  return score >= model.threshold ? "high" : "low";
}
