import { tokenize } from "./analyze.js";
import { documentFrequency, idf, type ParagraphIndex, SENTENCE_TOKEN } from "./paragraph-index.js";
import type { AnalyzedQuery } from "./query.js";
import type { ScoredDoc } from "./top-k.js";

/** Options of the second stage, which sees the candidates' text (MiniSearch-style indexes do not store positions). */
export interface RerankOptions {
  /** Exponent on the share of the question's idf mass a passage (with its title) matches. Default 1. */
  coveragePower?: number;
  /** Weight of the proximity of matched question words. Default 0.5. */
  proximityWeight?: number;
  /**
   * Weight of the lead prior: news puts what matters first, so a paragraph gains w × its article's best
   * score, fading with its rank among the article's substantive paragraphs. Default 0.3.
   */
  leadWeight?: number;
  /**
   * Weight of the article's relevance (its whole-article BM25 score relative to the best article's),
   * so a paragraph of an article about the question outranks a stray paragraph elsewhere. Default 2.
   */
  articleWeight?: number;
  /** How fast the lead prior fades with the paragraph's rank: ×(1 + w/(1+rank)^decay). Default 0.5. */
  leadDecay?: number;
  /**
   * Weight of the story's subject: the share of the title's words that the question does not use
   * (idf-weighted) found in the paragraph. A question that describes a story without naming it
   * ("which show was renewed?") is answered where the story names its subject. Default 0.
   */
  subjectWeight?: number;
  /**
   * Weight of the best single sentence's share of the question (idf mass of the distinct question
   * words it holds): a question usually paraphrases one sentence of its answer. Default 1.
   */
  sentenceWeight?: number;
  /** Words apart beyond which two matches no longer count as near. Default 12. */
  proximityWindow?: number;
}

export interface RankedDoc extends ScoredDoc {
  /** First-stage BM25F score. */
  bm25: number;
  /** Share (0–1) of the question's idf mass matched by the paragraph or its article's title and dek. */
  coverage: number;
}

/** Maps each index term of the query to its group, so one pass over a passage finds all matches. */
export function groupOfTerm(query: AnalyzedQuery): Map<string, number> {
  const map = new Map<string, number>();
  query.groups.forEach((group, g) => {
    for (const e of group.expansions) if (!map.has(e.term)) map.set(e.term, g);
  });
  return map;
}

/**
 * Re-scores first-stage candidates with what only the text shows: how much of the question a passage
 * covers (distinct words, weighted by idf — many repeats of one word do not cover a question) and how
 * close together the matched words stand (phrases and near-phrases).
 */
export function rerank(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  candidates: readonly ScoredDoc[],
  options: RerankOptions = {},
  articleScore: ReadonlyMap<number, number> = new Map(),
): RankedDoc[] {
  const coveragePower = options.coveragePower ?? 1;
  const proximityWeight = options.proximityWeight ?? 0.5;
  const window = options.proximityWindow ?? 12;
  const groups = query.groups;
  const termGroup = groupOfTerm(query);
  const idGroup = new Map<number, number>();
  query.groups.forEach((group, g) => {
    for (const e of group.expansions) if (!idGroup.has(e.termId)) idGroup.set(e.termId, g);
  });
  const totalIdf = groups.reduce((sum, g) => sum + g.idf, 0) || 1;
  // Per article: question words in its title/dek, and the title words the question does not use
  // (the story's subject — often what a "which …?" question asks for).
  const titles = new Map<
    number,
    { groups: Set<number>; novel: Map<number, number>; novelIdf: number; knownIdf: number }
  >();
  const leadWeight = options.leadWeight ?? 0.3;
  const articleWeight = options.articleWeight ?? 2;
  const leadDecay = options.leadDecay ?? 0.5;
  const subjectWeight = options.subjectWeight ?? 0;
  const sentenceWeight = options.sentenceWeight ?? 1;

  const features = candidates.map(({ doc, score }) => {
    const articleIndex = index.docArticle[doc]!;
    const article = index.articles[articleIndex]!;
    let title = titles.get(articleIndex);
    if (!title) {
      title = { groups: new Set<number>(), novel: new Map<number, number>(), novelIdf: 0, knownIdf: 0 };
      for (const t of tokenize(`${article.title}\n${article.dek ?? ""}`)) {
        if (t.stop) continue;
        const g = termGroup.get(t.term);
        if (g !== undefined) {
          if (!title.groups.has(g)) title.knownIdf += groups[g]!.idf;
          title.groups.add(g);
          continue;
        }
        const id = index.termIds.get(t.term);
        if (id !== undefined && !title.novel.has(id)) {
          const w = idf(index.docCount, documentFrequency(index, id));
          title.novel.set(id, w);
          title.novelIdf += w;
        }
      }
      titles.set(articleIndex, title);
    }
    const inTitle = title.groups;
    const positions: number[][] = groups.map(() => []);
    const from = index.docTokenStart[doc]!;
    const to = index.docTokenStart[doc + 1]!;
    const novelSeen = new Set<number>();
    let novel = 0;
    let sentenceIdf = 0;
    let bestSentence = 0;
    const sentenceGroups = new Set<number>();
    for (let i = from; i <= to; i++) {
      const id = i < to ? index.docTokens[i]! : SENTENCE_TOKEN;
      if (id === SENTENCE_TOKEN) {
        if (sentenceIdf > bestSentence) bestSentence = sentenceIdf;
        sentenceIdf = 0;
        sentenceGroups.clear();
        continue;
      }
      const g = idGroup.get(id);
      if (g !== undefined) {
        positions[g]!.push(i - from);
        if (!sentenceGroups.has(g)) {
          sentenceGroups.add(g);
          sentenceIdf += groups[g]!.idf;
        }
      } else if (title.novel.has(id) && !novelSeen.has(id)) {
        novelSeen.add(id);
        novel += title.novel.get(id)!;
      }
    }
    // Weighted by how much of the title the question leaves unsaid: a question that names the
    // story's subject needs no help finding where the story names it.
    const unsaid = title.novelIdf / (title.novelIdf + title.knownIdf || 1);
    const subject = title.novelIdf > 0 ? (novel / title.novelIdf) * unsaid : 0;
    const matched = new Set<number>(inTitle);
    for (let g = 0; g < groups.length; g++) if (positions[g]!.length > 0) matched.add(g);
    let covered = 0;
    for (const g of matched) covered += groups[g]!.idf;

    let proximity = 0;
    let pairs = 0;
    for (let a = 0; a < groups.length; a++) {
      const pa = positions[a]!;
      if (pa.length === 0) continue;
      for (let b = a + 1; b < groups.length; b++) {
        const pb = positions[b]!;
        if (pb.length === 0) continue;
        pairs++;
        const d = minDistance(pa, pb);
        if (d <= window) proximity += Math.min(groups[a]!.idf, groups[b]!.idf) / d;
      }
    }
    if (pairs > 0) proximity /= Math.sqrt(pairs);
    return {
      doc,
      score,
      articleIndex,
      coverage: covered / totalIdf,
      proximity,
      subject,
      sentence: bestSentence / totalIdf,
    };
  });

  // Each article's best base score: the lead prior lends the lead a share of its article's relevance.
  const base = features.map(
    (f) =>
      (f.score * f.coverage ** coveragePower + proximityWeight * f.proximity) *
      (1 + subjectWeight * f.subject) *
      (1 + sentenceWeight * f.sentence),
  );
  const articleBest = new Map<number, number>();
  for (const [i, f] of features.entries()) {
    articleBest.set(f.articleIndex, Math.max(articleBest.get(f.articleIndex) ?? 0, base[i]!));
  }
  const ranked: RankedDoc[] = features.map(({ doc, score, articleIndex, coverage }, i) => {
    const lead = (leadWeight * articleBest.get(articleIndex)!) / (1 + leadRank(index, doc)) ** leadDecay;
    const final = (base[i]! + lead) * (1 + articleWeight * (articleScore.get(articleIndex) ?? 0));
    return { doc, score: final, bm25: score, coverage };
  });
  ranked.sort((x, y) => y.score - x.score || x.doc - y.doc);
  return ranked;
}

/** Shortest paragraph, in words, that counts as body text for the lead prior (not a dateline or credit). */
const SUBSTANTIVE_WORDS = 8;

/**
 * Rank of a paragraph among its article's substantive paragraphs (0 for the lead). Datelines, bylines
 * and photo credits that open many scraped articles ("CNN —") do not push the lead down.
 */
function leadRank(index: ParagraphIndex, doc: number): number {
  const first = doc - index.docParagraph[doc]!;
  let rank = 0;
  for (let d = first; d < doc; d++) {
    if (index.docTokenStart[d + 1]! - index.docTokenStart[d]! >= SUBSTANTIVE_WORDS) rank++;
  }
  return rank;
}

/** Smallest |x − y| over two ascending position lists (merge walk). */
function minDistance(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let best = Number.POSITIVE_INFINITY;
  while (i < a.length && j < b.length) {
    const d = a[i]! - b[j]!;
    const abs = d < 0 ? -d : d;
    if (abs < best) best = abs;
    if (d < 0) i++;
    else j++;
  }
  return Math.max(1, best);
}
