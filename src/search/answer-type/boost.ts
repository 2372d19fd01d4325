import { type ParagraphIndex, SENTENCE_MARK } from "../../index-store/index.js";
import { type ResolvedEngineOptions, SENTENCE_WORD_BITS } from "../engine-options.js";
import { indexState, withMarks } from "../index-state.js";
import type { AnalyzedQuery } from "../query.js";
import type { RankedDoc } from "../rerank.js";
import { sortShort } from "../sort-short.js";
import { NAMES, type NameMode, nameFlagsOfDoc, PLACES } from "./names.js";
import type { AnswerType } from "./question-type.js";
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
  const pronoun = query.subjectPronoun === true && options.subjectWeight > 0;
  const type = options.answerTypeWeight > 0 ? query.answerType : null;
  if (ranked.length < 2 || (type === null && !pronoun)) return ranked;
  // termId → 1 + its question word (group), and ASKED for a word the question itself holds, in a scratch
  // array kept with the index: one typed read per word of a candidate instead of two hash look-ups.
  return withMarks(indexState(index).answerMarks, (marks, touched) => {
    markQuestion(index, query, marks, touched);
    const reading = readingOf(index, query, options, marks, type, pronoun);
    const depth = options.answerTypeDepth;
    const subjectScore = new Map<number, number>();
    let head = ranked.slice(0, depth).map((r) => boostCandidate(reading, r, subjectScore));
    sortShort(head, (x, y) => y.score - x.score || x.doc - y.doc);
    // Every article names its own subject: the pronoun picks among an article's passages, never between
    // articles ("what did he do" says nothing of which story's "he").
    if (subjectScore.size > 0) head = reorderWithinArticles(index, head, subjectScore);
    if (reading.nameMode !== null && options.salienceWeight > 0) head = salienceOrder(reading, head, options);
    return [...head, ...ranked.slice(depth)];
  });
}

/** What the boost reads every candidate with: the question, its marks and the options' weights. */
interface BoostReading {
  readonly index: ParagraphIndex;
  readonly query: AnalyzedQuery;
  readonly marks: Int32Array;
  readonly type: AnswerType | null;
  /** Term classes of the asked kind (number, time); 0 for names and places. */
  readonly wanted: number;
  readonly classes: Uint8Array;
  /** Which names answer (names or places); null when the question asks for neither. */
  readonly nameMode: NameMode | null;
  readonly pronoun: boolean;
  readonly pronounShare: number;
  /** A pronoun standing for the story's subject weighs as the question's average known word. */
  readonly pronounIdf: number;
  readonly totalIdf: number;
  readonly withPronounIdf: number;
  readonly weight: number;
  readonly near: number;
  readonly subjectWeight: number;
  readonly minParagraphs: number;
}

/** Marks each expansion with its question word (the first that has it) and every word the question holds. */
function markQuestion(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  marks: Int32Array,
  touched: number[],
): void {
  query.groups.forEach((group, g) => {
    for (const e of group.expansions) {
      if ((marks[e.termId]! & GROUP_MASK) === 0) mark(marks, touched, e.termId, g + 1);
    }
  });
  for (const t of query.tokens) {
    const id = index.termIds.get(t.term);
    if (id !== undefined) mark(marks, touched, id, ASKED);
  }
}

function readingOf(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  options: ResolvedEngineOptions,
  marks: Int32Array,
  type: AnswerType | null,
  pronoun: boolean,
): BoostReading {
  const questionIdf = query.groups.reduce((sum, g) => sum + g.idf, 0);
  // A pronoun standing for the story's subject is one more word of the question, as informative as its
  // others on average, that a sentence naming the subject holds.
  const known = query.groups.filter((g) => g.idf > 0).length;
  const pronounIdf = pronoun && known > 0 ? questionIdf / known : 0;
  return {
    index,
    query,
    marks,
    type,
    wanted: type === "number" ? CLASS_NUMBER : type === "time" ? CLASS_TIME : 0,
    classes: indexState(index).termClasses,
    nameMode: type === "name" ? NAMES : type === "place" ? PLACES : null,
    pronoun,
    pronounShare: Math.min(1, options.subjectPronounWeight),
    pronounIdf,
    totalIdf: questionIdf || 1,
    withPronounIdf: questionIdf + pronounIdf || 1,
    weight: options.answerTypeWeight,
    near: options.answerNearShare,
    subjectWeight: options.subjectWeight,
    minParagraphs: options.salientMinParagraphs,
  };
}

/** One candidate with its boosted score, and the score within its article when a pronoun names its subject. */
function boostCandidate(reading: BoostReading, r: RankedDoc, subjectScore: Map<number, number>): BoostedDoc {
  const b = scanSentences(reading, r.doc);
  const { weight, near, totalIdf, withPronounIdf } = reading;
  // An answer a sentence away from the question's words still counts, for less.
  const best = b.anyAnswer ? Math.max(b.best, near * b.bestAny) : b.best;
  const score = r.score * (1 + (weight * best) / totalIdf);
  if (!reading.pronoun) return boosted(r, score, best / totalIdf);
  // With the pronoun read as the story's subject: the answer's sentence may hold it too, and a
  // sentence naming the subject beside the question's words (subjectShare) is the subject's part in it.
  const bestP = b.anyAnswer ? Math.max(b.bestP, near * b.bestAnyP) : b.bestP;
  const subjectShare = b.bestNamed / withPronounIdf;
  const inArticle =
    r.score * (1 + (weight * bestP) / withPronounIdf) * (1 + reading.subjectWeight * subjectShare);
  subjectScore.set(r.doc, inArticle);
  const out = boosted(r, score, bestP / withPronounIdf);
  out.subjectShare = subjectShare;
  return out;
}

/** A candidate's best sentences: the question's idf mass beside an answer, with the pronoun, or at all. */
interface SentenceBests {
  best: number;
  bestP: number;
  bestNamed: number;
  bestAny: number;
  bestAnyP: number;
  anyAnswer: boolean;
}

/** Reads a candidate's sentences: the question words each holds, its answers, whether it names the subject. */
function scanSentences(reading: BoostReading, doc: number): SentenceBests {
  const { index, marks, pronounShare } = reading;
  const nameAt = reading.nameMode === null ? null : nameFlagsOfDoc(index, doc, reading.nameMode);
  const subject = subjectOf(reading, doc);
  const pronounAt = subject >= 0 && pronounShare > 0 ? pronounFlagsOfDoc(index, doc, subject) : null;
  const bests: SentenceBests = { best: 0, bestP: 0, bestNamed: 0, bestAny: 0, bestAnyP: 0, anyAnswer: false };
  const tokens = index.docTokens;
  const from = index.docTokenStart[doc]!;
  const to = index.docTokenStart[doc + 1]!;
  // How surely the sentence speaks of the subject: 1 naming them, subjectPronounWeight by a pronoun.
  let named = 0;
  let mass = 0;
  let seen = 0;
  let answers = 0;
  for (let i = from; i <= to; i++) {
    // Entries read as int32, markers negative (see SENTENCE_MARK); the paragraph's end closes its last sentence.
    const id = i < to ? tokens[i]! | 0 : SENTENCE_MARK;
    if (id < 0) {
      // A pronoun of the subject's story speaks of the subject, as the question's pronoun does.
      if (pronounAt !== null && pronounAt[i - from] === 1) named = Math.max(named, pronounShare);
      if (id === SENTENCE_MARK) {
        closeSentence(bests, named, mass, answers, reading.pronounIdf);
        named = 0;
        mass = 0;
        seen = 0;
        answers = 0;
      }
    } else if (id === subject) {
      // The pronoun's referent: it satisfies the pronoun, and answers nothing the question asks.
      named = 1;
    } else if ((marks[id]! & GROUP_MASK) !== 0) {
      const g = (marks[id]! & GROUP_MASK) - 1;
      const bit = g < SENTENCE_WORD_BITS ? 1 << g : 0;
      if (bit !== 0 && (seen & bit) === 0) {
        seen |= bit;
        mass += reading.query.groups[g]!.idf;
      }
    } else if (isAnswer(reading, id, nameAt, i - from)) answers++;
  }
  return bests;
}

/** The story's subject when a pronoun of the question stands for them and the question does not name them; else −1. */
function subjectOf(reading: BoostReading, doc: number): number {
  if (!reading.pronoun) return -1;
  const subject = principalSubject(reading.index, reading.index.docArticle[doc]!, reading.minParagraphs);
  return subject >= 0 && reading.marks[subject] !== 0 ? -1 : subject;
}

/** Whether a word no question word matches is a candidate answer of the asked type (not a word the question holds). */
function isAnswer(reading: BoostReading, id: number, nameAt: Uint8Array | null, at: number): boolean {
  if (reading.type === null || (reading.marks[id]! & ASKED) !== 0) return false;
  return nameAt ? nameAt[at] === 1 : (termClass(reading.index, reading.classes, id) & reading.wanted) !== 0;
}

/**
 * Closes a sentence: a sentence naming the subject holds the pronoun too; one with no other word of the
 * question is not the subject's part in what was asked.
 */
function closeSentence(
  b: SentenceBests,
  named: number,
  mass: number,
  answers: number,
  pronounIdf: number,
): void {
  const massP = named > 0 && mass > 0 ? mass + named * pronounIdf : mass;
  if (named > 0 && mass > 0 && massP > b.bestNamed) b.bestNamed = massP;
  if (answers > 0 && mass > b.best) b.best = mass;
  if (answers > 0 && massP > b.bestP) b.bestP = massP;
  if (answers > 0) b.anyAnswer = true;
  if (mass > b.bestAny) b.bestAny = mass;
  if (massP > b.bestAnyP) b.bestAnyP = massP;
}

/** Salience: in the best passage's article, a passage writing a name salient there may take its first place. */
function salienceOrder(
  reading: BoostReading,
  head: BoostedDoc[],
  options: ResolvedEngineOptions,
): BoostedDoc[] {
  const { index } = reading;
  // Only the articles whose passages salience may re-order are read (the best one's by default).
  const lead = index.docArticle[head[0]!.doc]!;
  const factor = new Map<number, number>();
  for (const { doc } of head) {
    const article = index.docArticle[doc]!;
    if (article !== lead) continue;
    const salient = salientNames(
      index,
      article,
      reading.type === "place",
      options.topicShare,
      reading.minParagraphs,
    );
    if (salient.size > 0 && holdsName(index, doc, salient, reading.marks))
      factor.set(doc, 1 + options.salienceWeight);
  }
  return factor.size > 0 ? applySalience(index, head, factor) : head;
}
