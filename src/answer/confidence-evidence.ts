import type { ParagraphIndex } from "../index-store/index.js";
import {
  type AnalyzedQuery,
  questionSentences,
  type RankedDoc,
  withQuestionTerms,
  writtenNamesOfDoc,
} from "../search/index.js";

/** Pieces of confidence's evidence (confidence.ts) that read the ranking beyond its first passage. */

/**
 * The question's content words (not names or numbers), for reading the share of them a paragraph holds:
 * per index term, a bit for each content word it is a term of, so a paragraph is one pass over its
 * words with a look-up each instead of a scan of every word's terms per word. `bits` is null when
 * there are more content words than bits (then each is read on its own, as contentHeld first did).
 */
export interface ContentWords {
  /** Content words of the question, known to the corpus or not. */
  readonly count: number;
  readonly bits: ReadonlyMap<number, number> | null;
}

export function contentWords(query: AnalyzedQuery): ContentWords {
  let count = 0;
  let bit = 0;
  const bits = new Map<number, number>();
  for (const g of query.groups) {
    if (g.weight > 1) continue;
    count++;
    if (g.expansions.length === 0) continue;
    if (bit < 31) for (const e of g.expansions) bits.set(e.termId, (bits.get(e.termId) ?? 0) | (1 << bit));
    bit++;
  }
  return { count, bits: bit <= 31 ? bits : null };
}

/** Share of the question's content words (not names or numbers) the paragraph's own text holds. */
export function contentHeld(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  doc: number,
  words: ContentWords = contentWords(query),
): number {
  if (words.count === 0) return 1;
  if (words.bits === null) return plainContentHeld(index, query, doc) / words.count;
  let held = 0;
  for (let i = index.docTokenStart[doc]!; i < index.docTokenStart[doc + 1]!; i++) {
    held |= words.bits.get(index.docTokens[i]!) ?? 0;
  }
  return bitCount(held) / words.count;
}

function bitCount(bits: number): number {
  let n = 0;
  for (let b = bits; b !== 0; b &= b - 1) n++;
  return n;
}

/** How many content words the paragraph holds, each read on its own. */
function plainContentHeld(index: ParagraphIndex, query: AnalyzedQuery, doc: number): number {
  let held = 0;
  for (const g of query.groups) {
    if (g.weight > 1 || g.expansions.length === 0) continue;
    const ids = g.expansions.map((e) => e.termId);
    for (let i = index.docTokenStart[doc]!; i < index.docTokenStart[doc + 1]!; i++) {
      if (ids.includes(index.docTokens[i]!)) {
        held++;
        break;
      }
    }
  }
  return held;
}

const WH = new Set(["who", "whom", "whose", "which", "what", "where", "when", "why", "how"]);

/**
 * Evidence of the ranking's shape and the question's form, on one article as on many: content words
 * the corpus knows, the first passage's content words against the next four's, the lead over the third
 * passage, how much of the top ten its article holds, a wh-word, and the asked kind.
 */
export function rankingEvidence(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  ranked: readonly RankedDoc[],
  words: ContentWords = contentWords(query),
) {
  const first = ranked[0]!;
  const firstArticle = index.docArticle[first.doc]!;
  let contentCount = 0;
  let known = 0;
  for (const g of query.groups) {
    if (g.weight > 1) continue;
    contentCount++;
    if (g.expansions.length > 0) known++;
  }
  const firstContent = contentHeld(index, query, first.doc, words);
  let bestContent = firstContent;
  for (const r of ranked.slice(1, 5))
    bestContent = Math.max(bestContent, contentHeld(index, query, r.doc, words));
  const top10 = ranked.slice(0, 10);
  const t = query.answerType;
  return {
    contentKnown: contentCount === 0 ? 1 : known / contentCount,
    contentBest: bestContent > 0 ? firstContent / bestContent : 1,
    concentration: top10.filter((r) => index.docArticle[r.doc] === firstArticle).length / top10.length,
    margin3: ranked[2] && first.score > 0 ? Math.max(0, 1 - ranked[2].score / first.score) : 1,
    wh: query.tokens.some((tok) => WH.has(tok.folded)) ? 1 : 0,
    askTime: t === "time" ? 1 : 0,
    askNumber: t === "number" ? 1 : 0,
    askName: t === "name" ? 1 : 0,
    askPlace: t === "place" ? 1 : 0,
  };
}

const NEAR = 8;

/** Term ids of a paragraph's names and numbers that the question lacks, within NEAR words of a question word. */
function nearCandidates(index: ParagraphIndex, doc: number, asked: Uint8Array): Set<number> {
  const from = index.docTokenStart[doc]!;
  const to = index.docTokenStart[doc + 1]!;
  const written = writtenNamesOfDoc(index, doc);
  const out = new Set<number>();
  for (let h = from; h < to; h++) {
    // Sentence marks are negative: never a question's term (asked[-1] is undefined).
    if (asked[index.docTokens[h]! | 0] !== 1) continue;
    for (let i = Math.max(from, h - NEAR); i < Math.min(to, h + NEAR + 1); i++) {
      const id = index.docTokens[i]! | 0;
      if (written.has(id) && asked[id] !== 1) out.add(id);
    }
  }
  return out;
}

/**
 * Evidence of the candidate answers: the asking sentence's content words held (a quiz question's
 * preamble is restated by the lead; the question is in its last wh-sentence), the passage's novelty,
 * its names and numbers near the question's words, and how the first ten passages vote for theirs
 * (weighted by score relative to the first): the winner's share, and whether the first holds it.
 */
export function candidateEvidence(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  ranked: readonly RankedDoc[],
  question: string | undefined,
  words: ContentWords = contentWords(query),
) {
  return withQuestionTerms(index, query, (asked) =>
    readCandidates(index, query, ranked, question, asked, words),
  );
}

/** candidateEvidence with the question's terms marked in `asked` (withQuestionTerms). */
function readCandidates(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  ranked: readonly RankedDoc[],
  question: string | undefined,
  asked: Uint8Array,
  content: ContentWords,
) {
  const first = ranked[0]!;
  // The asking sentence's content words.
  let askContent = contentHeld(index, query, first.doc, content);
  if (question) {
    const sentences = questionSentences(question, query.tokens);
    const askSentence =
      [...sentences].reverse().find((s) => s.some((t) => WH.has(t.folded))) ??
      sentences[sentences.length - 1];
    if (askSentence && sentences.length > 1) {
      const terms = new Set(askSentence.map((t) => t.term));
      const groups = query.groups.filter((g) => g.weight <= 1 && terms.has(g.term));
      if (groups.length > 0) {
        let held = 0;
        for (const g of groups) {
          const ids = new Set(g.expansions.map((e) => e.termId));
          for (let i = index.docTokenStart[first.doc]!; i < index.docTokenStart[first.doc + 1]!; i++)
            if (ids.has(index.docTokens[i]! | 0)) {
              held++;
              break;
            }
        }
        askContent = held / groups.length;
      }
    }
  }
  // Novelty: the passage's distinct known words that the question does not hold.
  const words = new Set<number>();
  for (let i = index.docTokenStart[first.doc]!; i < index.docTokenStart[first.doc + 1]!; i++) {
    const id = index.docTokens[i]! | 0;
    if (id >= 0) words.add(id);
  }
  let questionWords = 0;
  for (const id of words) if (asked[id] === 1) questionWords++;
  // Votes of the first ten passages for their near candidates, weighted by score relative to the first.
  const top = ranked.slice(0, 10);
  const votes = new Map<number, number>();
  let total = 0;
  const firstNear = nearCandidates(index, first.doc, asked);
  for (const r of top) {
    const w = first.score > 0 ? r.score / first.score : 0;
    for (const id of r === first ? firstNear : nearCandidates(index, r.doc, asked)) {
      votes.set(id, (votes.get(id) ?? 0) + w);
      total += w;
    }
  }
  let winner = -1;
  let best = 0;
  for (const [id, v] of votes) if (v > best) [winner, best] = [id, v];
  return {
    askContent,
    novelty: words.size === 0 ? 0 : 1 - questionWords / words.size,
    novelNear: Math.min(1, firstNear.size / 3),
    winnerShare: total > 0 ? best / total : 0,
    firstHoldsWinner: winner >= 0 && firstNear.has(winner) ? 1 : 0,
  };
}
