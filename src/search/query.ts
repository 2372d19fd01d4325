import {
  documentFrequency,
  listFrequency,
  type ParagraphIndex,
  type PostingLists,
  paragraphLists,
} from "../index-store/index.js";
import { type Token, tokenize } from "./analyze.js";
import {
  type AnswerType,
  answerTypeOf,
  answerTypeOfSentences,
  questionSentences,
} from "./answer-type/question-type.js";
import { type TypeNoun, typeNounOf } from "./answer-type/type-noun.js";
import { DEFAULT_ENGINE_OPTIONS, type ResolvedEngineOptions } from "./engine-options.js";
import type { Expansion } from "./expansion.js";
import { idf } from "./formula.js";
import { indexState, type Memo, type RelatedTerm, withMarks } from "./index-state.js";
import { hasSubjectPronoun, isQuestionWord } from "./question-words.js";
import { relatedTerms } from "./related-words.js";
import type { WeightedTerm } from "./top-k.js";

/** One informative word of the question with the index terms it matches. */
export interface QueryGroup {
  /** The word as typed. */
  text: string;
  folded: string;
  term: string;
  /** Question weight: 1, or `nameBoost` for names and numbers. */
  weight: number;
  /** How informative the word is in this corpus (0 for words it does not know). */
  idf: number;
  /** Index terms the word matches as typed, corrected or completed. */
  expansions: Expansion[];
  /**
   * Words WordNet relates to the word (kind "related") that the corpus uses. They only add to the
   * paragraph BM25F score of the candidates the question's own words find, so a passage that says part
   * of the question in other words ranks higher. Coverage, proximity, the answer type, the excerpt and
   * the no-answer rule count the question's own words only: giving a synonym full credit there ranked
   * worse (docs/quality.md), and a synonym must not turn an off-topic question into an answer.
   */
  related: Expansion[];
}

export interface AnalyzedQuery {
  groups: QueryGroup[];
  /** All words of the question, stop words included. */
  tokens: Token[];
  /** The question has words, but all of them are stop or question words. */
  onlyStopWords: boolean;
  /** What the question asks for (a name, place, number or time), from its wh-form; null when it says nothing. */
  answerType: AnswerType | null;
  /** The question names someone by a personal pronoun ("who dismissed him"): the story's subject. */
  subjectPronoun?: boolean;
  /** The noun of the question's wh-phrase ("which team") and whether it asks for money (type-noun.ts). */
  typeNoun?: TypeNoun;
}

const MAX_FUZZY_EXPANSIONS = 3;
// Longer "words" are pasted junk (URLs, hashes, "aaaa…"); fuzzy search on them costs and finds nothing.
const MAX_FUZZY_LENGTH = 30;
const MAX_PREFIX_EXPANSIONS = 5;
const MAX_PREFIX_SCAN = 20_000;

/**
 * Typo corrections of an unknown word: the radix-tree walk is most of a question's analysis, and its
 * result only depends on the index (immutable), the word and the two numbers, so it is kept with the
 * index (IndexState.fuzzy: one memo per edit distance and weight, keyed by the term alone — a typo or a
 * word the corpus lacks recurs across questions).
 */
function fuzzyExpansions(
  index: ParagraphIndex,
  memo: Memo<string, readonly Expansion[]>,
  term: string,
  maxDistance: number,
  weight: number,
): readonly Expansion[] {
  const cached = memo.get(term);
  if (cached) return cached;
  const found = computeFuzzyExpansions(index, term, maxDistance, weight);
  memo.set(term, found);
  return found;
}

function computeFuzzyExpansions(
  index: ParagraphIndex,
  term: string,
  maxDistance: number,
  weight: number,
): readonly Expansion[] {
  const found = indexState(index).vocabulary().fuzzyGet(term, maxDistance);
  let best = Number.POSITIVE_INFINITY;
  for (const [, [, distance]] of found) if (distance > 0 && distance < best) best = distance;
  const candidates: Expansion[] = [];
  for (const [key, [termId, distance]] of found) {
    if (distance !== best) continue;
    candidates.push({ termId, term: key, weight: weight ** distance, kind: "fuzzy" });
  }
  candidates.sort(
    (x, y) => documentFrequency(index, y.termId) - documentFrequency(index, x.termId) || x.termId - y.termId,
  );
  return candidates.slice(0, MAX_FUZZY_EXPANSIONS);
}

function prefixExpansions(
  index: ParagraphIndex,
  prefixes: string[],
  exclude: string,
  weight: number,
): Expansion[] {
  const seen = new Map<string, number>();
  for (const prefix of prefixes) {
    let scanned = 0;
    for (const [key, termId] of indexState(index).vocabulary().atPrefix(prefix)) {
      if (++scanned > MAX_PREFIX_SCAN) break;
      if (key !== exclude) seen.set(key, termId);
    }
  }
  const candidates: Expansion[] = [...seen].map(([term, termId]) => ({
    termId,
    term,
    weight,
    kind: "prefix",
  }));
  candidates.sort(
    (x, y) => documentFrequency(index, y.termId) - documentFrequency(index, x.termId) || x.termId - y.termId,
  );
  return candidates.slice(0, MAX_PREFIX_EXPANSIONS);
}

/**
 * Words WordNet relates to a question word that the corpus uses, as low-weight expansions of the word.
 * A related word is evidence for the word, never stronger: its weight is capped so that weight × idf
 * stays under `weight` × the word's own idf (a rare synonym of a common word must not outweigh it).
 */
function relatedExpansions(
  index: ParagraphIndex,
  folded: string,
  have: readonly Expansion[],
  weight: number,
  max: number,
  wordIdf: number,
): Expansion[] {
  const out: Expansion[] = [];
  for (const related of relatedInCorpus(index, folded)) {
    if (out.length >= max) break;
    const termId = related.termId;
    if (have.some((e) => e.termId === termId)) continue;
    const w = wordIdf > 0 ? weight * Math.min(1, wordIdf / related.idf) : weight;
    out.push({ termId, term: related.term, weight: w, kind: "related" });
  }
  return out;
}

/** The related words of `folded` that the index holds, in relatedTerms' order, with their idf (memo). */
function relatedInCorpus(index: ParagraphIndex, folded: string): readonly RelatedTerm[] {
  const memo = indexState(index).related;
  let found = memo.get(folded);
  if (found === undefined) {
    const held: RelatedTerm[] = [];
    for (const term of relatedTerms(folded)) {
      const termId = index.termIds.get(term);
      if (termId !== undefined)
        held.push({ termId, term, idf: idf(index.docCount, documentFrequency(index, termId)) });
    }
    found = held;
    memo.set(folded, found);
  }
  return found;
}

/**
 * Analyses a question against an index: drops stop and question words, stems, weighs names and numbers,
 * corrects unknown words to close corpus terms (only words of 5+ letters, so short words never pay for
 * fuzzy search) and completes an unfinished last word by prefix.
 */
export function analyzeQuery(
  index: ParagraphIndex,
  question: string,
  options: ResolvedEngineOptions = DEFAULT_ENGINE_OPTIONS,
): AnalyzedQuery {
  // A question typed in capitals would otherwise turn every word into a "name".
  const hasLowerCase = /\p{Ll}/u.test(question);
  const text = hasLowerCase ? question : question.toLowerCase();
  const tokens = tokenize(text);
  const { groups, contentWords } = questionGroups(index, text, tokens, options);
  dropAskedRelated(index, groups);
  const kept = mostInformative(groups, options.maxQueryWords);
  // Its words are the query's own unless the question was lower-cased (no lower-case letter in it).
  const sentences = questionSentences(question, tokens);
  const answerType = hasLowerCase ? answerTypeOfSentences(sentences) : answerTypeOf(question);
  return {
    groups: kept,
    tokens,
    onlyStopWords: tokens.length > 0 && contentWords === 0,
    answerType,
    subjectPronoun: hasSubjectPronoun(tokens),
    typeNoun: typeNounOf(sentences),
  };
}

/** The question's informative words as groups (a repeated word is one group), and how many words were not question words. */
function questionGroups(
  index: ParagraphIndex,
  text: string,
  tokens: readonly Token[],
  options: ResolvedEngineOptions,
): { groups: QueryGroup[]; contentWords: number } {
  const lastToken = tokens[tokens.length - 1];
  // The last word is unfinished when the question stops right after it (no space, no punctuation).
  const unfinished =
    lastToken !== undefined && lastToken.end === text.trimEnd().length && lastToken.end === text.length;
  const groups: QueryGroup[] = [];
  // Groups by term once there are many (see findGroup).
  let byTerm: Map<string, QueryGroup> | undefined;
  let contentWords = 0;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (isQuestionWord(tokens, t)) continue;
    contentWords++;
    const isName = token.numeric || (token.capitalized && token.position > 0);
    const weight = isName ? options.nameBoost : 1;
    const existing = findGroup(groups, byTerm, token.term);
    if (existing) {
      existing.weight = Math.max(existing.weight, weight);
      continue;
    }
    const group = newGroup(index, text, token, isName, unfinished && token === lastToken, options);
    groups.push(group);
    if (byTerm) byTerm.set(token.term, group);
    else if (groups.length > SCANNED_GROUPS) byTerm = new Map(groups.map((g) => [g.term, g]));
  }
  return { groups, contentWords };
}

/** A word's group: the terms it matches, how informative it is, and its related words. */
function newGroup(
  index: ParagraphIndex,
  text: string,
  token: Token,
  isName: boolean,
  unfinished: boolean,
  options: ResolvedEngineOptions,
): QueryGroup {
  const expansions = expansionsOf(index, token, unfinished, options);
  // A word the corpus does not know cannot be matched verbatim by any passage, so it does not count
  // against them; corrections and completions count as the term they became.
  let groupIdf = 0;
  for (const e of expansions) {
    groupIdf = Math.max(groupIdf, idf(index.docCount, documentFrequency(index, e.termId)) * e.weight);
  }
  const { relatedWeight, maxRelated } = options;
  // Names and numbers have no synonyms ("Apple" is no fruit here).
  const related =
    isName || relatedWeight <= 0 || maxRelated <= 0
      ? []
      : relatedExpansions(index, token.folded, expansions, relatedWeight, maxRelated, groupIdf);
  return {
    text: text.slice(token.start, token.end),
    folded: token.folded,
    term: token.term,
    weight: isName ? options.nameBoost : 1,
    idf: groupIdf,
    expansions,
    related,
  };
}

/** The index terms a word matches: itself, or its corrections and (the last word, unfinished) completions. */
function expansionsOf(
  index: ParagraphIndex,
  token: Token,
  unfinished: boolean,
  options: ResolvedEngineOptions,
): Expansion[] {
  const termId = index.termIds.get(token.term);
  if (termId !== undefined) return [{ termId, term: token.term, weight: 1, kind: "exact" }];
  const expansions: Expansion[] = [];
  const length = token.folded.length;
  if (length >= options.fuzzyMinLength && length <= MAX_FUZZY_LENGTH && !token.numeric) {
    expansions.push(...corrections(index, token, options));
  }
  if (unfinished && length >= 3) {
    const known = new Set(expansions.map((e) => e.termId));
    for (const e of prefixExpansions(index, [token.term, token.folded], token.term, options.prefixWeight)) {
      if (!known.has(e.termId)) expansions.push(e);
    }
  }
  return expansions;
}

/** Typo corrections of an unknown word: one edit first; two (much dearer) only for long words one edit cannot fix. */
function corrections(
  index: ParagraphIndex,
  token: Token,
  options: ResolvedEngineOptions,
): readonly Expansion[] {
  const fuzzy = indexState(index).fuzzy;
  const weight = options.fuzzyWeight;
  const found = fuzzyExpansions(index, fuzzy.of(1, weight), token.term, 1, weight);
  if (found.length > 0 || token.folded.length < options.fuzzyTwoEditsLength) return found;
  return fuzzyExpansions(index, fuzzy.of(2, weight), token.term, 2, weight);
}

/** The `maxWords` most informative groups (idf × weight), in the question's order; all when there are no more. */
function mostInformative(groups: QueryGroup[], maxWords: number): QueryGroup[] {
  if (groups.length <= maxWords) return groups;
  const ranked = [...groups].sort((x, y) => y.idf * y.weight - x.idf * x.weight);
  const keep = new Set(ranked.slice(0, maxWords));
  return groups.filter((g) => keep.has(g));
}

/**
 * Up to this many question words, a word's group is found by scanning the groups so far: repeats are
 * few and questions short, and a Map made and grown for every question cost more than the scan. A longer
 * text (a pasted paragraph) gets the Map.
 */
const SCANNED_GROUPS = 16;

function findGroup(
  groups: readonly QueryGroup[],
  byTerm: ReadonlyMap<string, QueryGroup> | undefined,
  term: string,
): QueryGroup | undefined {
  if (byTerm) return byTerm.get(term);
  for (const g of groups) if (g.term === term) return g;
  return undefined;
}

/**
 * A word the question itself uses is scored as such already: as another word's synonym it adds nothing.
 * The question's terms are marked in a scratch array (no Set per question), and a related list is only
 * copied when it holds one.
 */
function dropAskedRelated(index: ParagraphIndex, groups: QueryGroup[]): void {
  withMarks(indexState(index).askedTerms, (asked, touched) => {
    for (const g of groups) {
      for (const e of g.expansions) {
        if (asked[e.termId] === 0) touched.push(e.termId);
        asked[e.termId] = 1;
      }
    }
    for (const g of groups) {
      // Loops, not some/filter callbacks: a closure per group allocates.
      let drop = false;
      for (const e of g.related) if (asked[e.termId] === 1) drop = true;
      if (!drop) continue;
      const kept: Expansion[] = [];
      for (const e of g.related) if (asked[e.termId] !== 1) kept.push(e);
      g.related = kept;
    }
  });
}

function weightedTerm(lists: PostingLists, group: QueryGroup, e: Expansion): WeightedTerm {
  return {
    termId: e.termId,
    weight: group.weight * e.weight * idf(lists.count, listFrequency(lists, e.termId)),
  };
}

/**
 * The weighted index terms to score at one level (paragraphs by default, or articles): each
 * expansion's idf at that level × its weight × its group's weight; with `related`, the question words'
 * related words too (search.ts uses them only to re-score the paragraph candidates).
 */
export function scoringTerms(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  lists: PostingLists = paragraphLists(index),
  related = false,
): WeightedTerm[] {
  const out: WeightedTerm[] = [];
  for (const group of query.groups) {
    for (const e of group.expansions) out.push(weightedTerm(lists, group, e));
    if (related) for (const e of group.related) out.push(weightedTerm(lists, group, e));
  }
  return out;
}

/** Maps each index term of the query to its group, so one pass over a passage finds all matches. */
export function groupOfTerm(query: AnalyzedQuery): Map<string, number> {
  const map = new Map<string, number>();
  query.groups.forEach((group, g) => {
    for (const e of group.expansions) if (!map.has(e.term)) map.set(e.term, g);
  });
  return map;
}

export type { Expansion } from "./expansion.js";
