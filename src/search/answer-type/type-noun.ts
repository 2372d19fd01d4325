import { type ParagraphIndex, SENTENCE_MARK } from "../../index-store/index.js";
import type { Token } from "../analyze.js";
import { indexState } from "../index-state.js";
import { NAMES, nameFlagsOfDoc } from "./names.js";
import { NUMBER_WORDS } from "./question-type.js";
import { CLASS_NUMBER, termClass } from "./term-classes.js";

/**
 * The noun of a question's wh-phrase ("which team", "what company", "which two countries", "what kind
 * of vaccine") names the kind of thing asked for; "how much … cost" asks for money, "how many minutes" a
 * count of minutes, "how old" an age. A passage that writes a name right beside that noun ("the team, the
 * Kansas City Chiefs", "Chiefs team"), a money amount, a number before the counted noun or an amount of
 * the asked shape states a thing of the asked kind. The noun and money are read by the learned
 * combination (learned-rank.ts) as features.
 */
export interface TypeNoun {
  /** Index term of the wh-phrase's noun, when the question has one. */
  noun: string | null;
  /** The question asks for an amount of money. */
  money: boolean;
  /**
   * Index terms of the phrase "how many" counts, up to its first stop word ("how many baby swings and…"
   * → baby, swing): its head is one of them, and a verb read with it ("how many people attended") is
   * counted too ("100 attended").
   */
  counted: string[];
  /** The written shape the answer takes, when the question's form says ("how old" → an age). */
  shape: AnswerShape | null;
}

/**
 * Shapes of an asked amount that a passage's text shows: a share, an age, a length of time, a year, a
 * measure (a number with a unit of length, area, speed, weight or volume).
 */
export type AnswerShape = "percent" | "age" | "duration" | "year" | "measure";

const SHAPE_RE: Record<AnswerShape, RegExp> = {
  percent: /\d\s?(?:%|percent\b|per cent\b|percentage points?\b)/iu,
  age: /\b\d{1,3}(?:-|\s)years?(?:-|\s)old\b|\baged?\s\d{1,3}\b|\bage\sof\s\d{1,3}\b/iu,
  year: /\b(?:1[0-9]|20)\d\d\b/u,
  measure:
    /\d(?:[\d,.]*)\s?(?:-|\s)?(?:miles?|kilometers?|kilometres?|km|meters?|metres?|feet|foot|ft|inches|inch|yards?|centimeters?|centimetres?|cm|millimeters?|mm|acres?|hectares?|square|cubic|mph|knots?|pounds?|lbs?|kilograms?|kg|tons?|tonnes?|grams?|gallons?|liters?|litres?)\b/iu,
  duration:
    /\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|a hundred|several|a few)(?:-|\s)(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)\b/iu,
};

/** Whether a paragraph writes an amount of the asked shape ("40%", "aged 91", "18 years"). */
export function holdsShape(text: string, shape: AnswerShape): boolean {
  return SHAPE_RE[shape].test(text);
}

/** "how old/long/far/tall…" and "what age/percentage/year" name the shape of the amount they ask for. */
// Maps, not object literals: a question's word ("constructor", "toString") must never read a prototype's.
const HOW_SHAPES: ReadonlyMap<string, AnswerShape> = new Map([
  ["old", "age"],
  ["long", "duration"],
  ...["far", "tall", "high", "big", "large", "wide", "deep", "heavy", "fast"].map(
    (w) => [w, "measure"] as [string, AnswerShape],
  ),
]);
const HEAD_SHAPES: ReadonlyMap<string, AnswerShape> = new Map([
  ["percentage", "percent"],
  ["percent", "percent"],
  ["age", "age"],
  ["year", "year"],
]);

/** Nouns that say what kind of a thing follows ("what kind of vaccine"): the noun after "of" counts. */
const KIND_WORDS = new Set(["kind", "kinds", "type", "types", "sort", "sorts", "form", "forms"]);
/** Words of a question that, with "how much" or a price noun, ask for money (folded forms). */
const MONEY_WORDS = new Set(
  `cost costs costing price prices priced pay pays paid paying spend spends spent spending worth fee fees
  fine fined fines salary salaries wage wages budget fare fares charge charged charges sell sold sells
  buy bought buys earn earned earns raise raised raises owe owed money dollars afford bail bill prize
  valued value funding fund funds`.split(/\s+/),
);
const PRICE_HEADS = new Set(
  "price prices cost costs fee fees fine salary wage budget fare bill prize value worth".split(" "),
);
/** A money amount as written: a currency sign or code before a number, or a currency word after one. */
const MONEY_RE =
  /[$£€¥₹]\s?\d|\b(?:USD|EUR|GBP)\s?\d|\d[\d,.]*\s?(?:(?:million|billion|trillion|bn|m)\s+)?(?:dollars|euros|pounds|yen|yuan|rupees|cents|francs|pence)\b/iu;

/**
 * The wh-phrase's noun and whether money is asked, read from the question's last wh-sentence
 * (`sentences`: the question's words by sentence, questionSentences).
 */
export function typeNounOf(sentences: readonly (readonly Token[])[]): TypeNoun {
  for (let s = sentences.length - 1; s >= 0; s--) {
    const words = sentences[s]!;
    const at = words.findIndex((t) => ["which", "what", "how"].includes(t.folded));
    if (at < 0) continue;
    const wh = words[at]!.folded;
    if (wh === "how") {
      const degree = words[at + 1]?.folded ?? "";
      return {
        noun: null,
        money: degree === "much" && words.some((t) => MONEY_WORDS.has(t.folded)),
        counted: degree === "many" ? countedPhrase(words, at + 2) : [],
        shape: HOW_SHAPES.get(degree) ?? null,
      };
    }
    let i = at + 1;
    // "which two countries": a count before the noun says how many, not what kind.
    while (i < words.length && (words[i]!.numeric || NUMBER_WORDS.has(words[i]!.folded))) i++;
    if (KIND_WORDS.has(words[i]?.folded ?? "") && words[i + 1]?.folded === "of") i += 2;
    const head = words[i];
    if (head === undefined || head.stop || head.numeric || (head.capitalized && head.position > 0)) {
      return { noun: null, money: false, counted: [], shape: null };
    }
    const money = PRICE_HEADS.has(head.folded) && words.some((t) => MONEY_WORDS.has(t.folded));
    return { noun: head.term, money, counted: [], shape: HEAD_SHAPES.get(head.folded) ?? null };
  }
  return { noun: null, money: false, counted: [], shape: null };
}

/** Most words of the phrase after "how many" read as what it counts. */
const COUNTED_PHRASE_WORDS = 3;

/** The words from `from` up to a stop word, a number or COUNTED_PHRASE_WORDS. */
function countedPhrase(words: readonly Token[], from: number): string[] {
  const out: string[] = [];
  for (let i = from; i < Math.min(words.length, from + COUNTED_PHRASE_WORDS); i++) {
    const w = words[i]!;
    if (w.stop || w.numeric) break;
    out.push(w.term);
  }
  return out;
}

/**
 * Whether a passage states a count of what "how many" counts: a number (digits or a number word) the
 * question does not hold, within `NEAR` words before one of the counted words (`counted`: term ids) in one
 * sentence ("187 minutes", "2 million MamaRoo swings").
 */
export function countMatch(
  index: ParagraphIndex,
  doc: number,
  counted: readonly number[],
  asked: (id: number) => boolean,
): boolean {
  const from = index.docTokenStart[doc]!;
  const to = index.docTokenStart[doc + 1]!;
  const classes = indexState(index).termClasses;
  for (let i = from; i < to; i++) {
    if (!counted.includes(index.docTokens[i]! | 0)) continue;
    for (let j = i - 1; j >= Math.max(from, i - NEAR); j--) {
      const id = index.docTokens[j]! | 0;
      if (id === SENTENCE_MARK) break;
      if (id >= 0 && !asked(id) && (termClass(index, classes, id) & CLASS_NUMBER) !== 0) return true;
    }
  }
  return false;
}

/**
 * Whether a passage states a thing of the wh-noun's kind: 1 when it writes a name (one the question does
 * not hold) within `NEAR` words of the noun in the same sentence, 0.5 when a sentence holds both further
 * apart, 0 otherwise. `asked(id)` tells the question's own words. NEAR is part of a learned-ranker
 * feature's definition (the committed model was fitted with it), so a constant, not a tuning option.
 */
const NEAR = 3;
export function typeNounMatch(
  index: ParagraphIndex,
  doc: number,
  nounId: number,
  asked: (id: number) => boolean,
): number {
  const from = index.docTokenStart[doc]!;
  const to = index.docTokenStart[doc + 1]!;
  let flags: Uint8Array | null = null;
  let best = 0;
  let sentenceStart = from;
  for (let i = from; i <= to; i++) {
    const id = i < to ? index.docTokens[i]! | 0 : SENTENCE_MARK;
    if (id === SENTENCE_MARK) {
      sentenceStart = i + 1;
      continue;
    }
    if (id !== nounId) continue;
    flags ??= nameFlagsOfDoc(index, doc, NAMES);
    // The sentence around this occurrence of the noun.
    let end = i;
    while (end < to && (index.docTokens[end]! | 0) !== SENTENCE_MARK) end++;
    for (let j = sentenceStart; j < end; j++) {
      if (flags[j - from] !== 1 || asked(index.docTokens[j]! | 0)) continue;
      const score = Math.abs(j - i) <= NEAR ? 1 : 0.5;
      if (score > best) best = score;
      if (best === 1) return 1;
    }
  }
  return best;
}

/** Whether a paragraph writes an amount of money ("$5.02", "£3bn", "40 million euros"). */
export function holdsMoney(text: string): boolean {
  return MONEY_RE.test(text);
}

/**
 * Steers towards passages that state a thing of the kind the wh-phrase's noun names: among the best
 * `answerTypeDepth` candidates, a passage writing a name beside the noun (typeNounMatch) gains
 * × (1 + `typeNounWeight` × match), one writing an amount of money for a money question
 * × (1 + `moneyWeight`), one writing a count of what "how many" counts (countMatch) × (1 + `countWeight`),
 * one writing an amount of the asked shape (holdsShape) × (1 + `shapeWeight`); the head is then re-sorted.
 * A bounded share of each passage's own score, like the answer-type boost: it re-orders similarly relevant
 * passages and never overrides relevance.
 */
export function boostTypeNoun<T extends { doc: number; score: number }>(
  index: ParagraphIndex,
  query: { typeNoun?: TypeNoun; groups: readonly { expansions: readonly { termId: number }[] }[] },
  ranked: T[],
  options: {
    answerTypeDepth: number;
    typeNounWeight: number;
    moneyWeight: number;
    countWeight: number;
    shapeWeight: number;
  },
): T[] {
  const noun = query.typeNoun?.noun;
  const nounId = noun && options.typeNounWeight > 0 ? (index.termIds.get(noun) ?? -1) : -1;
  const money = query.typeNoun?.money === true && options.moneyWeight > 0;
  const countedIds =
    options.countWeight > 0
      ? (query.typeNoun?.counted ?? []).flatMap((t) => {
          const id = index.termIds.get(t);
          return id === undefined ? [] : [id];
        })
      : [];
  const shape = options.shapeWeight > 0 ? (query.typeNoun?.shape ?? null) : null;
  if (ranked.length < 2 || (nounId < 0 && !money && countedIds.length === 0 && shape === null)) return ranked;
  const asked = new Set<number>();
  for (const g of query.groups) for (const e of g.expansions) asked.add(e.termId);
  const isAsked = (id: number) => asked.has(id);
  const depth = Math.min(ranked.length, options.answerTypeDepth);
  const head = ranked.slice(0, depth).map((r) => {
    let factor = 1;
    if (nounId >= 0) factor *= 1 + options.typeNounWeight * typeNounMatch(index, r.doc, nounId, isAsked);
    if (money || shape !== null) {
      const text = index.articles[index.docArticle[r.doc]!]!.paragraphs[index.docParagraph[r.doc]!]!;
      if (money && holdsMoney(text)) factor *= 1 + options.moneyWeight;
      if (shape !== null && holdsShape(text, shape)) factor *= 1 + options.shapeWeight;
    }
    if (countedIds.length > 0 && countMatch(index, r.doc, countedIds, isAsked))
      factor *= 1 + options.countWeight;
    return factor === 1 ? r : { ...r, score: r.score * factor };
  });
  head.sort((x, y) => y.score - x.score || x.doc - y.doc);
  return [...head, ...ranked.slice(depth)];
}
