import { type ResolvedEngineOptions, SENTENCE_WORD_BITS } from "../engine-options.js";
import { indexState, withMarks } from "../index-state.js";
import { type ParagraphIndex, SENTENCE_MARK } from "../paragraph-index.js";
import type { AnalyzedQuery } from "../query.js";
import type { RankedDoc } from "../rerank.js";
import { sortShort } from "../sort-short.js";
import { NAMES, nameFlagsOfDoc, PLACES } from "./names.js";
import { applySalience, holdsName, salientNames } from "./salience.js";
import { CLASS_NUMBER, CLASS_TIME, termClass } from "./term-classes.js";

/** The answer-type boost: re-orders the best candidates by whether they hold what the question asks for. */

const ASKED = 1 << 30;
const GROUP_MASK = ASKED - 1;

/** Sets `bits` on a term's marks, remembering first-marked terms for the reset. */
function mark(marks: Int32Array, touched: number[], id: number, bits: number): void {
  if (marks[id] === 0) touched.push(id);
  marks[id]! |= bits;
}

/**
 * Re-orders the best re-ranked candidates by whether they hold what the question asks for: a passage
 * gains when one of its sentences holds a candidate answer (of the asked type, not in the question)
 * together with question words — the more of the question that sentence matches, the more. The gain is a
 * bounded share of the passage's own score, so it re-orders similarly relevant passages and never
 * overrides relevance; only the best `answerTypeDepth` candidates are read, so it costs little. For a
 * name or place question, a passage of the best passage's article that writes a name salient in that
 * article (salientNames) can then take that article's first place (`salienceWeight`).
 */
export function boostAnswerType(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  ranked: RankedDoc[],
  options: ResolvedEngineOptions,
): RankedDoc[] {
  const weight = options.answerTypeWeight;
  const depth = options.answerTypeDepth;
  const near = options.answerNearShare;
  const salienceWeight = options.salienceWeight;
  const topicShare = options.topicShare;
  const minParagraphs = options.salientMinParagraphs;
  if (ranked.length < 2 || weight <= 0) return ranked;
  const type = query.answerType;
  if (type === null) return ranked;

  const state = indexState(index);
  const cache = state.termClasses;
  const totalIdf = query.groups.reduce((sum, g) => sum + g.idf, 0) || 1;
  // termId → 1 + its question word (group), and ASKED for a word the question itself holds, in a scratch
  // array kept with the index: one typed read per word of a candidate instead of two hash look-ups.
  return withMarks(state.answerMarks, (marks, touched) => {
    query.groups.forEach((group, g) => {
      for (const e of group.expansions) {
        if ((marks[e.termId]! & GROUP_MASK) === 0) mark(marks, touched, e.termId, g + 1);
      }
    });
    for (const t of query.tokens) {
      const id = index.termIds.get(t.term);
      if (id !== undefined) mark(marks, touched, id, ASKED);
    }
    const wanted = type === "number" ? CLASS_NUMBER : CLASS_TIME;

    const nameLike = type === "name" || type === "place";
    const tokens = index.docTokens;
    let head = ranked.slice(0, depth).map((r) => {
      const doc = r.doc;
      const nameAt = nameLike ? nameFlagsOfDoc(index, doc, type === "place" ? PLACES : NAMES) : null;
      let best = 0;
      let mass = 0;
      let seen = 0;
      let answers = 0;
      let anyAnswer = false;
      let bestAny = 0;
      const from = index.docTokenStart[doc]!;
      const to = index.docTokenStart[doc + 1]!;
      for (let i = from; i <= to; i++) {
        // Entries read as int32, markers negative (see SENTENCE_MARK); the paragraph's end closes its last sentence.
        const id = i < to ? tokens[i]! | 0 : SENTENCE_MARK;
        if (id < 0) {
          if (id === SENTENCE_MARK) {
            if (answers > 0 && mass > best) best = mass;
            if (answers > 0) anyAnswer = true;
            if (mass > bestAny) bestAny = mass;
            mass = 0;
            seen = 0;
            answers = 0;
          }
          continue;
        }
        const m = marks[id]!;
        const g1 = m & GROUP_MASK;
        if (g1 !== 0) {
          const g = g1 - 1;
          const bit = g < SENTENCE_WORD_BITS ? 1 << g : 0;
          if (bit !== 0 && (seen & bit) === 0) {
            seen |= bit;
            mass += query.groups[g]!.idf;
          }
        } else if (
          (m & ASKED) === 0 &&
          (nameAt ? nameAt[i - from] === 1 : (termClass(index, cache, id) & wanted) !== 0)
        ) {
          answers++;
        }
      }
      // An answer a sentence away from the question's words still counts, for less.
      if (anyAnswer) best = Math.max(best, near * bestAny);
      return { ...r, score: r.score * (1 + (weight * best) / totalIdf) };
    });
    sortShort(head, (x, y) => y.score - x.score || x.doc - y.doc);
    if (nameLike && salienceWeight > 0) {
      // Only the articles whose passages salience may re-order are read (the best one's by default).
      const lead = index.docArticle[head[0]!.doc]!;
      const factor = new Map<number, number>();
      for (const { doc } of head) {
        const article = index.docArticle[doc]!;
        if (article !== lead) continue;
        const salient = salientNames(index, article, type === "place", topicShare, minParagraphs);
        if (salient.size > 0 && holdsName(index, doc, salient, marks)) factor.set(doc, 1 + salienceWeight);
      }
      if (factor.size > 0) head = applySalience(index, head, factor);
    }
    return [...head, ...ranked.slice(depth)];
  });
}
