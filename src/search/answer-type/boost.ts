import { type ParagraphIndex, SENTENCE_MARK } from "../../index-store/index.js";
import { type ResolvedEngineOptions, SENTENCE_WORD_BITS } from "../engine-options.js";
import { indexState, withMarks } from "../index-state.js";
import type { AnalyzedQuery } from "../query.js";
import type { RankedDoc } from "../rerank.js";
import { sortShort } from "../sort-short.js";
import { NAMES, nameFlagsOfDoc, PLACES } from "./names.js";
import { applySalience, holdsName, salientNames } from "./salience.js";
import { principalSubject, pronounFlagsOfDoc, reorderWithinArticles } from "./subject.js";
import { CLASS_NUMBER, CLASS_TIME, termClass } from "./term-classes.js";

/** The answer-type boost: re-orders the best candidates by whether they hold what the question asks for. */

/**
 * A candidate after the boost, with the boost's features named (for a learned combination): answerShare,
 * the share of the question's idf mass beside a candidate answer of the asked type (0–1); subjectShare,
 * the share beside the story's subject when a pronoun of the question stands for it (0–1).
 */
export interface BoostedDoc extends RankedDoc {
  answerShare?: number;
  subjectShare?: number;
}

const ASKED = 1 << 30;
const GROUP_MASK = ASKED - 1;

/**
 * `r` with its boosted score and answer share, written out field by field: `{ ...r, answerShare }` takes
 * V8's slow path (a copy that adds a key its source lacks), and that copy was most of the boost's time.
 */
function boosted(r: RankedDoc, score: number, answerShare: number): BoostedDoc {
  return { doc: r.doc, score, bm25: r.bm25, coverage: r.coverage, features: r.features, answerShare };
}

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
): BoostedDoc[] {
  const weight = options.answerTypeWeight;
  const depth = options.answerTypeDepth;
  const near = options.answerNearShare;
  const salienceWeight = options.salienceWeight;
  const topicShare = options.topicShare;
  const minParagraphs = options.salientMinParagraphs;
  const subjectWeight = options.subjectWeight;
  const pronounShare = Math.min(1, options.subjectPronounWeight);
  const pronoun = query.subjectPronoun && subjectWeight > 0;
  const type = weight > 0 ? query.answerType : null;
  if (ranked.length < 2 || (type === null && !pronoun)) return ranked;

  const state = indexState(index);
  const cache = state.termClasses;
  const questionIdf = query.groups.reduce((sum, g) => sum + g.idf, 0);
  // A pronoun standing for the story's subject is one more word of the question, as informative as its
  // others on average, that a sentence naming the subject holds.
  const known = query.groups.filter((g) => g.idf > 0).length;
  const pronounIdf = pronoun && known > 0 ? questionIdf / known : 0;
  const totalIdf = questionIdf || 1;
  const withPronounIdf = questionIdf + pronounIdf || 1;
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
    const wanted = type === "number" ? CLASS_NUMBER : type === "time" ? CLASS_TIME : 0;

    const nameLike = type === "name" || type === "place";
    const tokens = index.docTokens;
    const subjectScore = new Map<number, number>();
    let head: BoostedDoc[] = ranked.slice(0, depth).map((r) => {
      const doc = r.doc;
      const nameAt = nameLike ? nameFlagsOfDoc(index, doc, type === "place" ? PLACES : NAMES) : null;
      // The story's subject, when a pronoun of the question stands for it and the question does not name it.
      let subject = pronoun ? principalSubject(index, index.docArticle[doc]!, minParagraphs) : -1;
      if (subject >= 0 && marks[subject] !== 0) subject = -1;
      const pronounAt = subject >= 0 && pronounShare > 0 ? pronounFlagsOfDoc(index, doc, subject) : null;
      // How surely the sentence speaks of the subject: 1 naming them, subjectPronounWeight by a pronoun.
      let named = 0;
      let bestNamed = 0;
      let bestP = 0;
      let bestAnyP = 0;
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
          // A pronoun of the subject's story speaks of the subject, as the question's pronoun does.
          if (pronounAt !== null && pronounAt[i - from] === 1) named = Math.max(named, pronounShare);
          if (id === SENTENCE_MARK) {
            // A sentence naming the subject holds the pronoun too; one with no other word of the question
            // is not the subject's part in what was asked.
            const massP = named > 0 && mass > 0 ? mass + named * pronounIdf : mass;
            if (named > 0 && mass > 0 && massP > bestNamed) bestNamed = massP;
            if (answers > 0 && mass > best) best = mass;
            if (answers > 0 && massP > bestP) bestP = massP;
            if (answers > 0) anyAnswer = true;
            if (mass > bestAny) bestAny = mass;
            if (massP > bestAnyP) bestAnyP = massP;
            named = 0;
            mass = 0;
            seen = 0;
            answers = 0;
          }
          continue;
        }
        if (id === subject) {
          // The pronoun's referent: it satisfies the pronoun, and answers nothing the question asks.
          named = 1;
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
          type !== null &&
          (m & ASKED) === 0 &&
          (nameAt ? nameAt[i - from] === 1 : (termClass(index, cache, id) & wanted) !== 0)
        ) {
          answers++;
        }
      }
      // An answer a sentence away from the question's words still counts, for less.
      if (anyAnswer) best = Math.max(best, near * bestAny);
      const score = r.score * (1 + (weight * best) / totalIdf);
      if (!pronoun) return boosted(r, score, best / totalIdf);
      // With the pronoun read as the story's subject: the answer's sentence may hold it too, and a
      // sentence naming the subject beside the question's words (subjectShare) is the subject's part in it.
      if (anyAnswer) bestP = Math.max(bestP, near * bestAnyP);
      const subjectShare = bestNamed / withPronounIdf;
      const inArticle =
        r.score * (1 + (weight * bestP) / withPronounIdf) * (1 + subjectWeight * subjectShare);
      subjectScore.set(doc, inArticle);
      const out = boosted(r, score, bestP / withPronounIdf);
      out.subjectShare = subjectShare;
      return out;
    });
    sortShort(head, (x, y) => y.score - x.score || x.doc - y.doc);
    // Every article names its own subject: the pronoun picks among an article's passages, never between
    // articles ("what did he do" says nothing of which story's "he").
    if (subjectScore.size > 0) head = reorderWithinArticles(index, head, subjectScore);
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
