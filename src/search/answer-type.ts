import { indexTerms, type Token, tokenize } from "./analyze.js";
import { createIndexMemo, createIndexMemoFamily } from "./index-memo.js";
import { type ParagraphIndex, SENTENCE_MARK } from "./paragraph-index.js";
import type { AnalyzedQuery } from "./query.js";
import { HOW_DEGREE_WORDS } from "./question-words.js";
import type { RankedDoc } from "./rerank.js";
import { splitSentences } from "./sentences.js";
import { sortShort } from "./sort-short.js";
import { createTermScratch } from "./term-scratch.js";

/**
 * Options of answer-type matching: a wh-question asks for a kind of thing (a name, a number, a time)
 * that it does not itself contain, so the passage that answers holds such a thing beside the words it
 * shares with the question — a paraphrase of the question without one answers nothing.
 */
export interface AnswerTypeOptions {
  /**
   * Most the best sentence holding a candidate answer next to the question's words adds, as a share of
   * the passage's score: × (1 + w × the share of the question's idf mass that sentence matches). Default 1.
   */
  answerTypeWeight?: number;
  /**
   * Share of the gain a passage gets when its candidate answer stands in another sentence than its
   * best match of the question's words (× that sentence's share). Default 0.3.
   */
  answerNearShare?: number;
  /** Re-ranked candidates, best first, that are re-scored (names need their raw text). Default 20. */
  answerTypeDepth?: number;
  /**
   * Factor 1 + w on a passage that, for a name or place question, writes a name salient in its article
   * (see salientNames) that the question does not hold: a paraphrase of the question often refers to the
   * answer by description ("the company", "the show") while its name stands in the title and other
   * paragraphs. Default 0.8 (0.6–1.0 lift news and cost no other set; 1.2 cost dev MRR).
   */
  salienceWeight?: number;
  /**
   * Share of an article's paragraphs at and above which a name they write is the article's topic (what
   * the question is about), not an answer to it, and not salient. Default 0.8.
   */
  topicShare?: number;
  /**
   * Salience only picks which passage of the best candidate's article comes first, in the places its
   * passages hold (another article's passage keeps its rank). False: every head passage × its factor,
   * re-sorted. Default true.
   */
  salienceSameArticle?: boolean;
  /**
   * Paragraphs that must write a title word as a name for it to be salient: a title word capitalised
   * once or twice is a heading or a term of art, not a name the article puts forward. Default 3.
   */
  salientMinParagraphs?: number;
}

/** What a question asks for (a place is a name written after a locative preposition). */
export type AnswerType = "name" | "place" | "number" | "time";

const NUMBER_WORDS = new Set(
  `one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
  seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand
  million billion trillion dozen dozens hundreds thousands millions billions half percent`.split(/\s+/),
);
const TIME_WORDS = new Set(
  `january february march april may june july august september october november december jan feb mar apr
  jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday spring summer
  autumn fall winter today tomorrow yesterday ago century centuries decade decades week weeks month months
  year years weekend morning evening night`.split(/\s+/),
);
/** Heads after "what/which" that ask for an amount. */
const NUMBER_HEADS = new Set(
  `percentage percent number amount magnitude age size temperature price cost score rate share proportion
  population distance height weight length speed total`.split(/\s+/),
);
/** Heads after "what/which" that ask for a time. */
const TIME_HEADS = new Set("year years decade century month day date time period era season".split(" "));
const NAME_WORDS = new Set(["name", "named", "called"]);
/** Heads after "what/which" that ask for a place. */
const PLACE_HEADS = new Set(
  `country countries state states city cities town towns area region province county continent nation
  island islands place places capital location village district territory`.split(/\s+/),
);
const LOWER_RE = /\p{Ll}/u;
const WH_WORDS = new Set(["who", "whom", "whose", "which", "what", "where", "when", "how"]);

/**
 * The kind of answer a question asks for, from its wh-form: who → a name; which + noun → a name;
 * which/what + a year, date or amount noun → a time or number, + a place noun (state, country…) → a
 * place; what … name/called → a name; where → a place; when → a time; how many/much/old… → a number. Null when the form says nothing (what
 * did…, what + other nouns, how…, yes/no questions).
 * A question with a preamble ("… this week. Which state…?") is read from its last wh-sentence.
 */
export function answerTypeOf(question: string, tokens?: readonly Token[]): AnswerType | null {
  // A sentence's words are the question's words within its range: sentences part at white space, which
  // no word holds, so tokenising the whole question once gives the same words as each sentence alone.
  const sentences = splitSentences(question).map((s) =>
    tokens
      ? tokens.filter((t) => t.start >= s.start && t.end <= s.end)
      : tokenize(question.slice(s.start, s.end)),
  );
  for (let s = sentences.length - 1; s >= 0; s--) {
    const words = sentences[s]!.map((t) => t.folded);
    const at = words.findIndex((w) => WH_WORDS.has(w));
    if (at < 0) continue;
    const wh = words[at]!;
    const next = words[at + 1];
    if (wh === "who" || wh === "whom" || wh === "whose") return "name";
    if (wh === "where") return "place";
    if (wh === "when") return "time";
    if (wh === "how") return next !== undefined && HOW_DEGREE_WORDS.has(next) ? "number" : null;
    // which/what: the head noun is the next word.
    if (next === undefined) return null;
    if (NUMBER_HEADS.has(next)) return "number";
    if (TIME_HEADS.has(next)) return "time";
    if (PLACE_HEADS.has(next)) return "place";
    // "What" + noun asks for a description as often as for a name ("what chloroplast structure…"),
    // unless it asks for a name outright ("what is the name of…", "what is it called").
    if (wh === "what") return words.slice(at).some((w) => NAME_WORDS.has(w)) ? "name" : null;
    return "name";
  }
  return null;
}

/** Term classes, per index and term id: computed on first sight from the term itself. */
const CLASS_KNOWN = 1;
const CLASS_NUMBER = 2;
const CLASS_TIME = 4;
const classCaches = new WeakMap<ParagraphIndex, Uint8Array>();
const NUMBER_TERMS = new Set(indexTerms([...NUMBER_WORDS].join(" ")));
const TIME_TERMS = new Set(indexTerms([...TIME_WORDS].join(" ")));
const DIGIT_RE = /\p{N}/u;
const YEAR_RE = /^(1[0-9]|20)\d\d$/;

function termClass(index: ParagraphIndex, cache: Uint8Array, id: number): number {
  let c = cache[id]!;
  if (c === 0) {
    const term = index.terms[id]!;
    const digits = DIGIT_RE.test(term);
    c = CLASS_KNOWN;
    if (digits || NUMBER_TERMS.has(term)) c |= CLASS_NUMBER;
    if (TIME_TERMS.has(term) || (digits && YEAR_RE.test(term))) c |= CLASS_TIME;
    cache[id] = c;
  }
  return c;
}

// A word written with a capital, at a word start: a capital letter not preceded by a letter, mark or
// digit, then the rest of the word. Found as a capital, then the look-behind by hand and the rest of the
// word with a sticky regex: a global regex with the look-behind tried it at every character (twice as slow).
const UPPER_RE = /\p{Lu}/gu;
const WORD_CHAR_RE = /[\p{L}\p{M}\p{N}]/u;
const WORD_REST_RE = /[\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}\p{N}]+)*/uy;
const SENTENCE_END_RE = /[.!?…]["'”’)\]]*\s*$|^\s*["'“‘([]?\s*$/u;
// A locative preposition within the three words before a name (names of a place, or of a name that
// began after one: "in New York", "from the northern Philippines").
const PLACE_BEFORE_RE =
  /\b(?:in|at|from|near|into|across|throughout|outside|inside|off|of)\s+(?:\S+\s+){0,2}$/iu;
const NEXT_CAPITAL_RE = /^\s+["'“‘]?\p{Lu}/u;

/** Which capitalised words count: names, names after a locative preposition, or every capitalised word. */
type NameMode = 0 | 1 | 2;
const NAMES: NameMode = 0;
const PLACES: NameMode = 1;
const CAPITALS: NameMode = 2;

/**
 * Term ids a paragraph writes as names: with a capital, not only because a sentence opens with them
 * ("Officials said" is no name; "Squid Game is back" is). Time words ("Monday", "June") name no one.
 * PLACES: only names after a locative preposition; CAPITALS: every capitalised word, sentence openers too.
 */
function namesOf(index: ParagraphIndex, text: string, mode: NameMode): Set<number> {
  const names = new Set<number>();
  const upper = new RegExp(UPPER_RE);
  for (let m = upper.exec(text); m !== null; m = upper.exec(text)) {
    const at = m.index;
    if (at > 0) {
      // The character before, whole when it is the low half of a surrogate pair.
      const low = text.charCodeAt(at - 1);
      const from = low >= 0xdc00 && low <= 0xdfff && at > 1 ? at - 2 : at - 1;
      if (WORD_CHAR_RE.test(text.slice(from, at))) continue;
    }
    WORD_REST_RE.lastIndex = at + m[0].length;
    WORD_REST_RE.exec(text);
    const end = WORD_REST_RE.lastIndex;
    upper.lastIndex = end;
    if (mode === PLACES && !PLACE_BEFORE_RE.test(text.slice(Math.max(0, at - 30), at))) continue;
    const before = text.slice(Math.max(0, at - 4), at);
    if (
      mode !== CAPITALS &&
      SENTENCE_END_RE.test(before) &&
      !NEXT_CAPITAL_RE.test(text.slice(end, end + 4))
    ) {
      continue;
    }
    const id = termIdOf(index, text.slice(at, end));
    if (id >= 0) names.add(id);
  }
  return names;
}

/**
 * Names of recently read paragraphs, per index: a paragraph's names depend on its text alone (and on
 * whether only places count), and reading them was most of an answer's cost — the same paragraphs are
 * candidates for many questions. Bounded: cleared when full.
 */
const nameMemo = createIndexMemo<number, ReadonlySet<number>>(8192);

function namesOfDoc(index: ParagraphIndex, doc: number, mode: NameMode): ReadonlySet<number> {
  const key = doc * 3 + mode;
  let names = nameMemo.get(index, key);
  if (names === undefined) {
    names = namesOf(
      index,
      index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!]!,
      mode,
    );
    nameMemo.set(index, key, names);
  }
  return names;
}

/**
 * namesOfDoc by word position: 1 where the paragraph's word (from its first) is one of its names. The
 * answer-type boost reads every word of its candidates, and a typed read per word costs less than a Set
 * look-up. Kept like the names (bounded: cleared when full).
 */
const nameFlagMemo = createIndexMemo<number, Uint8Array>(8192);

function nameFlagsOfDoc(index: ParagraphIndex, doc: number, mode: NameMode): Uint8Array {
  const key = doc * 3 + mode;
  let flags = nameFlagMemo.get(index, key);
  if (flags === undefined) {
    const names = namesOfDoc(index, doc, mode);
    const from = index.docTokenStart[doc]!;
    const to = index.docTokenStart[doc + 1]!;
    flags = new Uint8Array(to - from);
    for (let i = from; i < to; i++) {
      const id = index.docTokens[i]! | 0;
      if (id >= 0 && names.has(id)) flags[i - from] = 1;
    }
    nameFlagMemo.set(index, key, flags);
  }
  return flags;
}

const wordIdMemo = createIndexMemo<string, number>(100_000);

/** Index term id of a written word, or −1 for a stop word, a time word or a word the index lacks. */
function termIdOf(index: ParagraphIndex, word: string): number {
  let id = wordIdMemo.get(index, word);
  if (id === undefined) {
    const token = tokenize(word)[0];
    id =
      token === undefined || token.stop || TIME_TERMS.has(token.term)
        ? -1
        : (index.termIds.get(token.term) ?? -1);
    wordIdMemo.set(index, word, id);
  }
  return id;
}

/** Names of recently read articles (what any of their paragraphs writes as one), and of paragraphs read with them. */
const articleNameMemo = createIndexMemo<number, ReadonlySet<number>>(4096);
const docNameMemo = createIndexMemo<number, ReadonlySet<number>>(8192);

function articleNames(index: ParagraphIndex, article: number): ReadonlySet<number> {
  let names = articleNameMemo.get(index, article);
  if (names === undefined) {
    const set = new Set<number>();
    for (let doc = index.articleDocStart[article]!; doc < index.articleDocStart[article + 1]!; doc++) {
      for (const id of namesOfDoc(index, doc, NAMES)) set.add(id);
    }
    names = set;
    articleNameMemo.set(index, article, names);
  }
  return names;
}

/**
 * A paragraph's names read with its article: a capitalised word that opens a sentence ("Adele is
 * returning", "China is home to…") is a name when the article writes it as one elsewhere.
 * (Tried for answer-type matching too, and for places written after a preposition elsewhere: news R@3
 * 0.848 → 0.835, or news R@1 0.646 → 0.633 for places alone; kept for salience — which names an
 * article puts forward and whether a paragraph writes one — where it only lifted.)
 */
function namesInArticle(index: ParagraphIndex, doc: number): ReadonlySet<number> {
  let names = docNameMemo.get(index, doc);
  if (names === undefined) {
    const known = articleNames(index, index.docArticle[doc]!);
    const set = new Set(namesOfDoc(index, doc, NAMES));
    for (const id of namesOfDoc(index, doc, CAPITALS)) if (known.has(id)) set.add(id);
    names = set;
    docNameMemo.set(index, doc, names);
  }
  return names;
}

/**
 * Salient names of recently read articles, per index, one memo per (topicShare, minParagraphs) keyed by
 * article and places (bounded: cleared when full). A key string with the two options in it cost more
 * than the look-up: formatting 0.8 is a float-to-string conversion every question.
 */
const salientMemo = createIndexMemoFamily<number, ReadonlySet<number>>(4096);

/**
 * Names an article puts forward: words of its title or dek that its body writes as a name in at least
 * `minParagraphs` paragraphs (sentence openers included when the article writes them as names elsewhere). Left out: the publisher's name, names of nearly every paragraph (share ≥
 * `topicShare`) and a title that is a name as a whole ("Beyoncé", "Super Bowl 50"): the article is about
 * them, so a question leaves them out as its topic rather than asks for them. For a place question only
 * names written as places (after a locative preposition) somewhere in the article count.
 * (Tried and left out: the body's most repeated name as salient too — a quoted spokesperson or a source
 * is repeated as often as the answer; news R@1 0.646 → 0.620.)
 */
export function salientNames(
  index: ParagraphIndex,
  article: number,
  places: boolean,
  topicShare = 0.8,
  minParagraphs = 3,
): ReadonlySet<number> {
  const memo = salientMemo(topicShare, minParagraphs);
  const key = article * 2 + (places ? 1 : 0);
  const known = memo.get(index, key);
  if (known) return known;
  const from = index.articleDocStart[article]!;
  const to = index.articleDocStart[article + 1]!;
  const count = new Map<number, number>();
  const asPlace = new Set<number>();
  for (let doc = from; doc < to; doc++) {
    for (const id of namesInArticle(index, doc)) count.set(id, (count.get(id) ?? 0) + 1);
    if (places) for (const id of namesOfDoc(index, doc, PLACES)) asPlace.add(id);
  }
  const title = new Set<number>();
  for (let i = index.articleTitleStart[article]!; i < index.articleTitleStart[article + 1]!; i++) {
    title.add(index.articleTitleTokens[i]!);
  }
  // The publisher's name ("CNN" in "… - CNN") is salient in every article of it and answers nothing.
  const publisher = new Set(
    indexTerms(index.articles[article]!.publication).map((t) => index.termIds.get(t)),
  );
  // A title that is a name as a whole ("Super Bowl 50"): its words (numbers aside) names of the body.
  const titleIds = tokenize(index.articles[article]!.title)
    .filter((t) => !t.stop && !DIGIT_RE.test(t.term))
    .map((t) => index.termIds.get(t.term) ?? -1)
    .filter((id) => !publisher.has(id));
  // Or one the body writes as it stands, capitals and all ("Newcastle upon Tyne", whose "upon" is no name).
  const titleText = index.articles[article]!.title.trim();
  const titleIsName =
    titleIds.length > 0 &&
    (titleIds.every((id) => count.has(id)) ||
      index.articles[article]!.paragraphs.some((p) => p.includes(titleText)));
  const paragraphs = Math.max(1, to - from);
  const salient = new Set<number>();
  for (const [id, n] of count) {
    if (!title.has(id) || publisher.has(id) || n < minParagraphs) continue;
    if (n / paragraphs >= topicShare) continue;
    if (titleIsName && titleIds.includes(id)) continue;
    if (places && !asPlace.has(id)) continue;
    salient.add(id);
  }
  memo.set(index, key, salient);
  return salient;
}

const ASKED = 1 << 30;
const GROUP_MASK = ASKED - 1;
/** termId → question-word marks (ASKED, group), zero between uses. */
const marksFor = createTermScratch();

/**
 * Sets `bits` on a term's marks, remembering first-marked terms for the reset. (A module function, not
 * a closure per question: under tsx every named closure is also renamed with Object.defineProperty.)
 */
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
  question: string,
  query: AnalyzedQuery,
  ranked: RankedDoc[],
  options: AnswerTypeOptions = {},
): RankedDoc[] {
  const weight = options.answerTypeWeight ?? 1;
  const depth = options.answerTypeDepth ?? 20;
  const near = options.answerNearShare ?? 0.3;
  const salienceWeight = options.salienceWeight ?? 0.8;
  const topicShare = options.topicShare ?? 0.8;
  const sameArticle = options.salienceSameArticle ?? true;
  const minParagraphs = options.salientMinParagraphs ?? 3;
  if (ranked.length < 2 || weight <= 0) return ranked;
  // The query's words are the question's own unless it was lower-cased (no lower-case letter in it).
  const type = answerTypeOf(question, LOWER_RE.test(question) ? query.tokens : undefined);
  if (type === null) return ranked;

  let cache = classCaches.get(index);
  if (!cache) {
    cache = new Uint8Array(index.terms.length);
    classCaches.set(index, cache);
  }
  const totalIdf = query.groups.reduce((sum, g) => sum + g.idf, 0) || 1;
  // termId → 1 + its question word (group), and ASKED for a word the question itself holds, in a scratch
  // array kept with the index: one typed read per word of a candidate instead of two hash look-ups.
  const marks = marksFor(index);
  const touched: number[] = [];
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
  let head: RankedDoc[];
  try {
    head = ranked.slice(0, depth).map((r) => {
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
          const bit = g < 31 ? 1 << g : 0;
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
        if (sameArticle && article !== lead) continue;
        const salient = salientNames(index, article, type === "place", topicShare, minParagraphs);
        if (salient.size > 0 && holdsName(index, doc, salient, marks)) factor.set(doc, 1 + salienceWeight);
      }
      if (factor.size > 0) head = applySalience(index, head, factor, sameArticle);
    }
  } finally {
    for (const id of touched) marks[id] = 0;
  }
  return [...head, ...ranked.slice(depth)];
}

/** Whether a paragraph writes, as a name, one of `salient` that the question (`marks`) does not hold. */
function holdsName(
  index: ParagraphIndex,
  doc: number,
  salient: ReadonlySet<number>,
  marks: Int32Array,
): boolean {
  // The few salient names are tried against the paragraph, not each of its words against them (a Set
  // look-up per word): a name the question lacks, that the paragraph writes as a name, among its words.
  let written: ReadonlySet<number> | undefined;
  for (const id of salient) {
    if (marks[id] !== 0) continue;
    written ??= namesInArticle(index, doc);
    if (written.has(id) && docHasTerm(index, doc, id)) return true;
  }
  return false;
}

/** Whether a paragraph's words include term `id`. */
function docHasTerm(index: ParagraphIndex, doc: number, id: number): boolean {
  const tokens = index.docTokens;
  const to = index.docTokenStart[doc + 1]!;
  for (let i = index.docTokenStart[doc]!; i < to; i++) if (tokens[i] === id) return true;
  return false;
}

/**
 * A candidate's score times its salience factor. (A module function, not a closure per call: under tsx
 * every named closure is also renamed with Object.defineProperty.)
 */
function boostedScore(r: RankedDoc, factor: ReadonlyMap<number, number>): number {
  return r.score * (factor.get(r.doc) ?? 1);
}

/**
 * Salience factors applied to a sorted head. With `sameArticle`, salience only picks the first passage
 * of the best passage's article: the one whose score × factor is highest takes the article's first place
 * and score, the article's other passages follow in their order, in the places and with the scores they
 * held — a name salient in one article says which of its paragraphs answers, not whether that article
 * outranks another one. (Re-ordering all of the article's passages by score × factor gave the same news
 * and SQuAD figures and cost dev one question 2 → 3: a later paragraph naming the article's subject.)
 */
function applySalience(
  index: ParagraphIndex,
  head: RankedDoc[],
  factor: ReadonlyMap<number, number>,
  sameArticle: boolean,
): RankedDoc[] {
  if (!sameArticle) {
    return sortShort(
      head.map((r) => ({ ...r, score: boostedScore(r, factor) })),
      (x, y) => y.score - x.score || x.doc - y.doc,
    );
  }
  const lead = index.docArticle[head[0]!.doc]!;
  const slots: number[] = [];
  head.forEach((r, i) => {
    if (index.docArticle[r.doc] === lead) slots.push(i);
  });
  let first = head[slots[0]!]!;
  for (const i of slots) if (boostedScore(head[i]!, factor) > boostedScore(first, factor)) first = head[i]!;
  if (first === head[slots[0]!]) return head;
  const order = [first, ...slots.map((i) => head[i]!).filter((r) => r !== first)];
  const out = [...head];
  slots.forEach((slot, k) => {
    out[slot] = { ...order[k]!, score: head[slot]!.score };
  });
  return out;
}
