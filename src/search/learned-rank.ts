import { documentFrequency, type ParagraphIndex } from "../index-store/index.js";
import { tokenize } from "./analyze.js";
import type { BoostedDoc } from "./answer-type/boost.js";
import { holdsMoney, typeNounMatch } from "./answer-type/type-noun.js";
import { type ArticleRestriction, daysFromAsk, isDated } from "./article-weights.js";
import type { ResolvedEngineOptions } from "./engine-options.js";
import { askedEntities, docEntityMask, entityKinds } from "./entity-tags.js";
import { idf } from "./formula.js";
import type { AnalyzedQuery } from "./query.js";
import { articleEvidence } from "./ranker-articles.js";
import type { RankerModel } from "./ranker-features.js";
import { contentFirst, type RankedDoc } from "./rerank.js";
import { ensembleScore } from "./tree-ensemble.js";

export { RANKER_FEATURES, type RankerFeature, type RankerModel } from "./ranker-features.js";

/**
 * The learned combination (learning to rank): the best `learnedDepth` passages of the ranking are
 * re-ordered by boosted regression trees (LambdaMART) over the re-ranker's features, redundancy across
 * coverage, the passage's entities, place and age, and features of the corpus. The model is data
 * (ranker-model.json), fitted by scripts/train-ranker.ts on the shared dev sets with cross-validation
 * grouped by set and question; the figures are in docs/quality.md.
 */

/**
 * Titles at and above this share of shared words (beyond the question's) tell the same story. Part of a
 * feature's definition that the committed model was fitted with, so a constant, not a tuning option.
 */
const STORY_OVERLAP = 0.2;
/** Words either side of a question word within which a candidate answer stands "near" it. */
const NEAR_WORDS = 8;
/** Articles counted at most by `articlesNear`, `storyArticles` and the like (their scale's 1). */
const COUNT_CAP = 10;
/** Paragraphs of an article at which `articleLength` reads 1. */
const LONG_ARTICLE = 40;
/** Articles of a corpus at which `corpusSize` (log10) reads 1. */
const LARGE_CORPUS = 100_000;

/**
 * Feature rows of the first `depth` passages of a ranking, best first (RANKER_FEATURES order).
 * Redundancy: each distinct article among them votes with weight 1/(1 + its rank among the articles);
 * a passage's candidate answers are the names and numbers it writes that the question does not; its
 * `agreement` is the largest share of the other articles' vote that one of them gets (held anywhere in
 * that article's passages among the top), `agreementAny` the share holding any of them, and
 * `agreementWords` the same as `agreement` over every rarer word it writes, weighted by idf.
 * `articleSupport`: how many of its article's passages are among the top; `story`: the vote share of
 * other articles whose title and dek share words with its own beyond the question's (the same story).
 */
export function rankerFeatures(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  ranked: readonly BoostedDoc[],
  depth: number,
  restriction?: ArticleRestriction,
): Float64Array[] {
  const n = Math.min(depth, ranked.length);
  const top = ranked.slice(0, n);
  const facts = topFacts(index, query, top, restriction);
  return top.map((r, i) => featureRow(index, query, facts, r, i, restriction));
}

/** What every row reads of the question and the top passages together. */
interface TopFacts {
  /** Term ids of the question's words and their expansions. */
  readonly asked: ReadonlySet<number>;
  readonly articles: TopArticles;
  /** How many passages the top holds. */
  readonly passageCount: number;
  /** Each top article's title and dek words beyond the question's, for story grouping. */
  readonly titleWords: readonly ReadonlySet<number>[];
  readonly totalVote: number;
  readonly maxScore: number;
  readonly maxBm25: number;
  readonly maxProximity: number;
  /** Term id of the wh-phrase's noun ("which team"), −1 for none. */
  readonly nounId: number;
  readonly near: ReturnType<typeof nearAgreement>;
  readonly aggregate: number[][];
  readonly asks: { flags: number[]; entities: number };
  readonly corpus: { dated: number; size: number };
}

/** Articles of the top in order of their first passage, how many passages each has there, and their words. */
interface TopArticles {
  readonly order: ReadonlyMap<number, number>;
  readonly words: readonly ReadonlySet<number>[];
  readonly passages: readonly number[];
}

/** Each distinct article's vote: 1/(1 + its rank among the top's articles). */
const voteOf = (k: number) => 1 / (1 + k);

function topFacts(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  top: readonly BoostedDoc[],
  restriction?: ArticleRestriction,
): TopFacts {
  const asked = askedTermIds(index, query);
  const articles = topArticles(index, top);
  let totalVote = 0;
  for (let k = 0; k < articles.order.size; k++) totalVote += voteOf(k);
  let maxScore = 0;
  let maxBm25 = 0;
  let maxProximity = 0;
  for (const r of top) {
    maxScore = Math.max(maxScore, r.score);
    maxBm25 = Math.max(maxBm25, r.bm25);
    maxProximity = Math.max(maxProximity, r.features.proximity);
  }
  const nounTerm = query.typeNoun?.noun;
  return {
    asked,
    articles,
    passageCount: top.length,
    titleWords: titleWordsOf(index, articles, asked),
    totalVote,
    maxScore,
    maxBm25,
    maxProximity,
    nounId: nounTerm ? (index.termIds.get(nounTerm) ?? -1) : -1,
    near: nearAgreement(index, top, asked, query.answerType),
    aggregate: articleEvidence(index, query, top, restriction),
    asks: askedKinds(query),
    corpus: corpusFacts(index),
  };
}

function askedTermIds(index: ParagraphIndex, query: AnalyzedQuery): Set<number> {
  const asked = new Set<number>();
  for (const g of query.groups) for (const e of g.expansions) asked.add(e.termId);
  for (const t of query.tokens) {
    const id = index.termIds.get(t.term);
    if (id !== undefined) asked.add(id);
  }
  return asked;
}

function topArticles(index: ParagraphIndex, top: readonly BoostedDoc[]): TopArticles {
  const order = new Map<number, number>();
  const words: Set<number>[] = [];
  const passages: number[] = [];
  for (const r of top) {
    const a = index.docArticle[r.doc]!;
    let k = order.get(a);
    if (k === undefined) {
      k = order.size;
      order.set(a, k);
      words.push(new Set());
      passages.push(0);
    }
    passages[k]!++;
    const held = words[k]!;
    for (let i = index.docTokenStart[r.doc]!; i < index.docTokenStart[r.doc + 1]!; i++) {
      const id = index.docTokens[i]! | 0;
      if (id >= 0) held.add(id);
    }
  }
  return { order, words, passages };
}

function titleWordsOf(
  index: ParagraphIndex,
  articles: TopArticles,
  asked: ReadonlySet<number>,
): Set<number>[] {
  const titleWords: Set<number>[] = [];
  for (const [a] of articles.order) {
    const words = new Set<number>();
    for (let i = index.articleTitleStart[a]!; i < index.articleTitleStart[a + 1]!; i++) {
      const id = index.articleTitleTokens[i]! | 0;
      if (id >= 0 && !asked.has(id)) words.add(id);
    }
    titleWords.push(words);
  }
  return titleWords;
}

/** Whether two top articles tell the same story: their titles' own words overlap by STORY_OVERLAP. */
function sameStory(titleWords: readonly ReadonlySet<number>[], x: number, y: number): boolean {
  const a = titleWords[x]!;
  const b = titleWords[y]!;
  if (a.size === 0 || b.size === 0) return false;
  let shared = 0;
  for (const id of a) if (b.has(id)) shared++;
  return shared / (a.size + b.size - shared) >= STORY_OVERLAP;
}

/** One passage's row, in RANKER_FEATURES order. */
function featureRow(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  facts: TopFacts,
  r: BoostedDoc,
  i: number,
  restriction?: ArticleRestriction,
): Float64Array {
  const k = facts.articles.order.get(index.docArticle[r.doc]!)!;
  const others = facts.totalVote - voteOf(k);
  const text = index.articles[index.docArticle[r.doc]!]!.paragraphs[index.docParagraph[r.doc]!]!;
  const votes = wordVotes(index, facts, text, k);
  const story = storyVotes(facts, k);
  const articleCount = facts.articles.order.size;
  const share = (x: number) => (others > 0 ? x / others : 0);
  const f = r.features;
  const ratio = facts.maxScore > 0 ? r.score / facts.maxScore : 0;
  const isAsked = (id: number) => facts.asked.has(id);
  const { near, asks } = facts;
  return Float64Array.of(
    ratio,
    ratio > 0 ? Math.max(0, 1 + Math.log(ratio) / 5) : 0,
    1 / (1 + i),
    r.coverage,
    f.matchShare,
    f.sentence,
    facts.maxProximity > 0 ? f.proximity / facts.maxProximity : 0,
    facts.maxBm25 > 0 ? r.bm25 / facts.maxBm25 : 0,
    f.article,
    f.lead < 0 ? 0 : 1 / (1 + f.lead),
    votes.names > 0 ? 1 : 0,
    share(votes.agreement),
    share(votes.anyVote),
    share(votes.agreementWords),
    Math.min(1, (facts.articles.passages[k]! - 1) / 4),
    share(story.vote),
    Math.min(1, r.answerShare ?? 0),
    Math.min(1, r.subjectShare ?? 0),
    facts.nounId >= 0 ? typeNounMatch(index, r.doc, facts.nounId, isAsked) : 0,
    query.typeNoun?.money === true && holdsMoney(text) ? 1 : 0,
    ...placeAndAge(index, r.doc, restriction),
    facts.corpus.dated,
    facts.corpus.size,
    articleCount /
      Math.max(
        1,
        facts.articles.passages.reduce((sum, p) => sum + p, 0),
      ),
    Math.min(1, story.count / COUNT_CAP),
    ...asks.flags,
    (docEntityMask(index, r.doc) & asks.entities) !== 0 ? 1 : 0,
    entityKinds(docEntityMask(index, r.doc)),
    Math.min(1, near.articles[i]! / COUNT_CAP),
    near.vote[i]!,
    near.winner[i]!,
    ...near.novel[i]!,
    ...facts.aggregate[i]!,
  );
}

/**
 * How the other top articles vote for the words a passage writes beyond the question's: the largest
 * vote one of its names gets, the vote of the articles holding any of them, the largest idf-weighted
 * vote of any word, and how many names it writes.
 */
function wordVotes(
  index: ParagraphIndex,
  facts: TopFacts,
  text: string,
  k: number,
): { agreement: number; agreementWords: number; names: number; anyVote: number } {
  const { asked, articles } = facts;
  const articleCount = articles.order.size;
  const maxIdf = Math.log(1 + index.docCount);
  let agreement = 0;
  let agreementWords = 0;
  let names = 0;
  const anyHolders = new Set<number>();
  const seen = new Set<number>();
  for (const t of tokenize(text)) {
    if (t.stop) continue;
    const id = index.termIds.get(t.term);
    if (id === undefined || asked.has(id) || seen.has(id)) continue;
    seen.add(id);
    const name = t.capitalized || t.numeric;
    if (name) names++;
    let vote = 0;
    for (let o = 0; o < articleCount; o++) {
      if (o === k || !articles.words[o]!.has(id)) continue;
      vote += voteOf(o);
      if (name) anyHolders.add(o);
    }
    if (vote === 0) continue;
    if (name && vote > agreement) agreement = vote;
    const weighted = (vote * idf(index.docCount, documentFrequency(index, id))) / maxIdf;
    if (weighted > agreementWords) agreementWords = weighted;
  }
  let anyVote = 0;
  for (const o of anyHolders) anyVote += voteOf(o);
  return { agreement, agreementWords, names, anyVote };
}

/** The vote of the other top articles that tell the same story, and how many they are. */
function storyVotes(facts: TopFacts, k: number): { vote: number; count: number } {
  let vote = 0;
  let count = 0;
  for (let o = 0; o < facts.articles.order.size; o++) {
    if (o !== k && sameStory(facts.titleWords, k, o)) {
      vote += voteOf(o);
      count++;
    }
  }
  return { vote, count };
}

/** The passage's place in its article and the article's age on the day asked (0–1 each). */
function placeAndAge(index: ParagraphIndex, doc: number, restriction?: ArticleRestriction): number[] {
  const a = index.docArticle[doc]!;
  const paragraphs = index.articleDocStart[a + 1]! - index.articleDocStart[a]!;
  const p = index.docParagraph[doc]!;
  const days = daysFromAsk(index, a, restriction);
  return [
    paragraphs > 1 ? p / (paragraphs - 1) : 0,
    1 / (1 + p),
    Math.min(1, paragraphs / LONG_ARTICLE),
    days === undefined ? 0 : 2 ** (-days / 14),
    days === undefined ? 0 : 2 ** (-days / 90),
    days === undefined ? 0 : 1,
  ];
}

const corpusMemo = new WeakMap<ParagraphIndex, { dated: number; size: number }>();

/** Features of the corpus itself: the share of its articles that are dated, and its size (log scale). */
function corpusFacts(index: ParagraphIndex): { dated: number; size: number } {
  let facts = corpusMemo.get(index);
  if (!facts) {
    let dated = 0;
    for (let a = 0; a < index.articles.length; a++) if (isDated(index, a)) dated++;
    facts = {
      dated: dated / Math.max(1, index.articles.length),
      size: Math.min(1, Math.log10(1 + index.articles.length) / Math.log10(LARGE_CORPUS)),
    };
    corpusMemo.set(index, facts);
  }
  return facts;
}

/** The question's asked kind as four flags (time, number, name, place) and the entity types it asks. */
function askedKinds(query: AnalyzedQuery): { flags: number[]; entities: number } {
  const t = query.answerType;
  return {
    flags: [t === "time" ? 1 : 0, t === "number" ? 1 : 0, t === "name" ? 1 : 0, t === "place" ? 1 : 0],
    entities: askedEntities(t, query.typeNoun),
  };
}

/** Candidates whose votes make `nearWinner`: the first passages, as confidence's winner share reads them. */
const WINNER_VOTERS = 10;

/**
 * Per passage of `top`, redundancy across coverage read on its candidate answers (the names and numbers
 * it writes that the question does not, within NEAR_WORDS of a question word): `articles`, the most
 * distinct other articles among them whose passages write one of them near the question's words too;
 * `vote`, the largest share of the other articles' passages' score (relative to the best) that writes one
 * of them near the question's words; `winner`, whether it writes the candidate the first WINNER_VOTERS
 * passages vote for most by score (0–1 each but `articles`, a count).
 */
function nearAgreement(
  index: ParagraphIndex,
  top: readonly BoostedDoc[],
  asked: ReadonlySet<number>,
  answerType: AnalyzedQuery["answerType"],
): { articles: number[]; vote: number[]; winner: number[]; novel: number[][] } {
  const maxScore = top.reduce((m, r) => Math.max(m, r.score), 0);
  const ratio = (i: number) => (maxScore > 0 ? top[i]!.score / maxScore : 0);
  const named = top.map((r) => nearNames(index, r.doc, nearTerms(index, r.doc, asked)));
  const nearOf = named.map((n) => n.ids);
  const holders = new Map<number, Set<number>>();
  const votes = new Map<number, Map<number, number>>();
  const winnerVotes = new Map<number, number>();
  top.forEach((r, i) => {
    const a = index.docArticle[r.doc]!;
    for (const id of nearOf[i]!) {
      const set = holders.get(id) ?? new Set<number>();
      set.add(a);
      holders.set(id, set);
      const byArticle = votes.get(id) ?? new Map<number, number>();
      byArticle.set(a, (byArticle.get(a) ?? 0) + ratio(i));
      votes.set(id, byArticle);
      if (i < WINNER_VOTERS) winnerVotes.set(id, (winnerVotes.get(id) ?? 0) + ratio(i));
    }
  });
  let winner = -1;
  let winnerVote = 0;
  for (const [id, v] of winnerVotes) {
    if (v > winnerVote) {
      winner = id;
      winnerVote = v;
    }
  }
  const articleVote = new Map<number, number>();
  top.forEach((r, i) => {
    const a = index.docArticle[r.doc]!;
    articleVote.set(a, (articleVote.get(a) ?? 0) + ratio(i));
  });
  const totalVote = [...articleVote.values()].reduce((t, v) => t + v, 0);
  const articles: number[] = [];
  const vote: number[] = [];
  const won: number[] = [];
  top.forEach((r, i) => {
    const a = index.docArticle[r.doc]!;
    const others = totalVote - articleVote.get(a)!;
    let best = 0;
    let bestVote = 0;
    for (const id of nearOf[i]!) {
      const set = holders.get(id)!;
      best = Math.max(best, set.size - (set.has(a) ? 1 : 0));
      const v = [...votes.get(id)!].reduce((t, [o, x]) => (o === a ? t : t + x), 0);
      bestVote = Math.max(bestVote, v);
    }
    articles.push(best);
    vote.push(others > 0 ? bestVote / others : 0);
    won.push(winner >= 0 && nearOf[i]!.has(winner) ? 1 : 0);
  });
  return { articles, vote, winner: won, novel: novelty(index, top, named, answerType) };
}

/** Distinct candidate answers at which `novelNear` reads 1. */
const NOVEL_CAP = 5;

/**
 * What a passage adds to the question near its words: how many candidate answers (`novelNear`), whether
 * one is of the asked kind (`novelKind`: a number for "how many", a name for "who"/"which"/"where", either
 * otherwise), and its count against the best of its own article's candidates (`novelInArticle`: the
 * paragraph of an article that answers, not the one that restates the question).
 */
function novelty(
  index: ParagraphIndex,
  top: readonly BoostedDoc[],
  named: readonly NearNames[],
  answerType: AnalyzedQuery["answerType"],
): number[][] {
  const bestOf = new Map<number, number>();
  top.forEach((r, i) => {
    const a = index.docArticle[r.doc]!;
    bestOf.set(a, Math.max(bestOf.get(a) ?? 0, named[i]!.ids.size));
  });
  return top.map((r, i) => {
    const n = named[i]!;
    const kind =
      answerType === "number"
        ? n.numbers
        : answerType === "name" || answerType === "place"
          ? n.names
          : n.ids.size;
    const best = bestOf.get(index.docArticle[r.doc]!)!;
    return [Math.min(1, n.ids.size / NOVEL_CAP), kind > 0 ? 1 : 0, best > 0 ? n.ids.size / best : 0];
  });
}

interface NearNames {
  ids: Set<number>;
  /** Distinct numbers and distinct capitalised words among them. */
  numbers: number;
  names: number;
}

/** The names and numbers a paragraph writes among `near` (its terms near the question's words). */
function nearNames(index: ParagraphIndex, doc: number, near: ReadonlySet<number>): NearNames {
  const text = index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!]!;
  const out: NearNames = { ids: new Set<number>(), numbers: 0, names: 0 };
  for (const t of tokenize(text)) {
    if (t.stop || !(t.capitalized || t.numeric)) continue;
    const id = index.termIds.get(t.term);
    if (id === undefined || !near.has(id) || out.ids.has(id)) continue;
    out.ids.add(id);
    if (t.numeric) out.numbers++;
    else out.names++;
  }
  return out;
}

/** Terms of a paragraph, not the question's, within NEAR_WORDS positions of one of the question's words. */
function nearTerms(index: ParagraphIndex, doc: number, asked: ReadonlySet<number>): Set<number> {
  const from = index.docTokenStart[doc]!;
  const to = index.docTokenStart[doc + 1]!;
  const hits: number[] = [];
  for (let i = from; i < to; i++) {
    const id = index.docTokens[i]! | 0;
    if (id >= 0 && asked.has(id)) hits.push(i);
  }
  const out = new Set<number>();
  for (const h of hits) {
    for (let i = Math.max(from, h - NEAR_WORDS); i < Math.min(to, h + NEAR_WORDS + 1); i++) {
      const id = index.docTokens[i]! | 0;
      if (id >= 0 && !asked.has(id)) out.add(id);
    }
  }
  return out;
}

/** The model's score of one feature row. */
export function modelScore(model: RankerModel, row: ArrayLike<number>): number {
  return ensembleScore(model, row);
}

/**
 * Orders the first rows.length passages by model scores `z` (ties keep their order) and gives them the
 * score e^z, so score ratios read as the model's odds; the rest keep their order below them, scaled
 * down to stay there.
 */
export function orderByScores(ranked: readonly RankedDoc[], z: readonly number[]): RankedDoc[] {
  const n = z.length;
  const order = [...Array(n).keys()].sort((a, b) => z[b]! - z[a]! || a - b);
  const zMax = n > 0 ? z[order[0]!]! : 0;
  const head = order.map((i) => ({ ...ranked[i]!, score: Math.exp(z[i]! - zMax) }));
  const tail = ranked.slice(n);
  if (tail.length === 0) return head;
  const floor = Math.exp(z[order[n - 1]!]! - zMax);
  const last = ranked[n - 1]?.score ?? 1;
  const scale = last > 0 ? (0.999 * floor) / last : 0;
  return [...head, ...tail.map((r) => ({ ...r, score: r.score * scale }))];
}

/**
 * The learned re-ordering of a ranking's best `learnedDepth` passages, then the rule that a passage
 * holding none of the question's words is not first (contentFirst). Unchanged without a model or depth.
 */
export function learnedOrder(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  ranked: RankedDoc[],
  options: ResolvedEngineOptions,
  restriction?: ArticleRestriction,
): RankedDoc[] {
  const model = options.learnedRanker;
  if (!model || options.learnedDepth < 2 || ranked.length < 2) return ranked;
  const rows = rankerFeatures(index, query, ranked, options.learnedDepth, restriction);
  const z = rows.map((row) => modelScore(model, row));
  return contentFirst(index, query, orderByScores(ranked, z));
}
