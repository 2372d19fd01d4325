import { describe, expect, it } from "vitest";
import { SENTENCE_TOKEN, STOP_TOKEN } from "../../src/index-store/paragraph-index.js";
import { isPlainText, tokenize } from "../../src/search/analyze.js";
import { analyseText, FirstUseVocabulary } from "../../src/search/index-analysis.js";
import { WrittenWordIds } from "../../src/search/index-words.js";
import { splitSentences } from "../../src/search/sentences.js";
import { random } from "../support/random.js";

/*
 * The builder's table from a word as written to its id against the rule it replaces: every word
 * tokenised, a stop word as STOP_TOKEN, any other given to the vocabulary (ids and surfaces by first
 * use). Random texts from a pool of words that share terms under different spellings, stop words,
 * numbers, acronyms, non-ASCII words and enough distinct words to make the table grow several times.
 */

const FIXED = [
  "run",
  "runs",
  "Running",
  "Runner's",
  "the",
  "The",
  "of",
  "US",
  "us",
  "U.S.",
  "1,000",
  "1000",
  "3.5",
  "18th",
  "don't",
  "Kazakhstan’s",
  "Tomljanović",
  "Straße",
  "naïve",
  "Café",
];

function wordPool(next: () => number, distinct: number): string[] {
  const letters = "abcdefghijklmnopqrstuvwxyzAEIOUé";
  const pool = [...FIXED];
  for (let i = 0; i < distinct; i++) {
    let word = "";
    const length = 1 + Math.floor(next() * 9);
    for (let k = 0; k < length; k++) word += letters[Math.floor(next() * letters.length)];
    pool.push(word);
  }
  return pool;
}

function randomTexts(seed: number, count: number, distinct: number): string[] {
  const next = random(seed);
  const pool = wordPool(next, distinct);
  const separators = [" ", " ", " ", ", ", ". ", " — ", " “", "” "];
  const texts: string[] = [];
  for (let t = 0; t < count; t++) {
    let text = "";
    const words = 1 + Math.floor(next() * 40);
    for (let w = 0; w < words; w++) {
      // A third of the words from the fixed head, so that repeats and shared terms are common.
      const word =
        next() < 0.3 ? pool[Math.floor(next() * FIXED.length)]! : pool[Math.floor(next() * pool.length)]!;
      text += word + separators[Math.floor(next() * separators.length)]!;
    }
    texts.push(text);
  }
  return texts;
}

/** The rule: each token's id from the vocabulary, looked up word by word. */
function referenceIds(texts: readonly string[]) {
  const vocabulary = new FirstUseVocabulary();
  const ids = texts.map((text) => tokenize(text).map((t) => (t.stop ? STOP_TOKEN : vocabulary.idOf(t))));
  return { ids, terms: vocabulary.terms, surfaces: vocabulary.surfaces };
}

describe("WrittenWordIds (one look-up per written word)", () => {
  it("gives every word the id the vocabulary gives its term, and the vocabulary the same first uses", () => {
    const texts = randomTexts(2024, 6000, 80_000);
    const vocabulary = new FirstUseVocabulary();
    const words = new WrittenWordIds(vocabulary);
    const ids = texts.map((text) => {
      const into: number[] = [];
      analyseText(text, words, into);
      return into;
    });
    const reference = referenceIds(texts);
    expect(ids).toEqual(reference.ids);
    expect(vocabulary.terms).toEqual(reference.terms);
    expect(vocabulary.surfaces).toEqual(reference.surfaces);
    // The table grew past its first 65,536 slots (half full at 32,768 written words).
    expect(
      new Set(texts.flatMap((text) => tokenize(text).map((t) => text.slice(t.start, t.end)))).size,
    ).toBeGreaterThan(40_000);
  });

  it("tells apart words that differ in one character or in length", () => {
    const vocabulary = new FirstUseVocabulary();
    const words = new WrittenWordIds(vocabulary);
    const text = "cat cats Cat CAT ca c cat";
    const into: number[] = [];
    expect(analyseText(text, words, into)).toBe(7);
    expect(into).toEqual(referenceIds([text]).ids[0]);
    expect(new Set(into).size).toBe(new Set(tokenize(text).map((t) => t.term)).size);
  });

  it("tells apart words whose hashes are equal", () => {
    // Known FNV-1a collisions: the same 32-bit hash, different words (the second pair also in length).
    const text = "costarring liquid declinate macallums liquid costarring macallums declinate";
    const into: number[] = [];
    analyseText(text, new WrittenWordIds(new FirstUseVocabulary()), into);
    expect(into).toEqual([0, 1, 2, 3, 1, 0, 3, 2]);
  });

  it("puts a sentence mark before each sentence's first word but the first, on plain and other text", () => {
    const texts = randomTexts(99, 3000, 2000);
    const vocabulary = new FirstUseVocabulary();
    const words = new WrittenWordIds(vocabulary);
    const reference = new FirstUseVocabulary();
    let marks = 0;
    let plain = 0;
    for (const text of texts) {
      const into: number[] = [];
      const content = analyseText(text, words, into, true);
      // The rule: tokenize's words, a mark where a word starts at or past the next sentence's start.
      const starts = splitSentences(text).map((r) => r.start);
      const expected: number[] = [];
      let next = 1;
      for (const token of tokenize(text)) {
        if (next < starts.length && token.start >= starts[next]!) {
          expected.push(SENTENCE_TOKEN);
          while (next < starts.length && token.start >= starts[next]!) next++;
        }
        expected.push(token.stop ? STOP_TOKEN : reference.idOf(token));
      }
      expect(into, text).toEqual(expected);
      expect(content).toBe(expected.filter((id) => id < SENTENCE_TOKEN).length);
      marks += expected.filter((id) => id === SENTENCE_TOKEN).length;
      if (isPlainText(text)) plain++;
    }
    expect(marks).toBeGreaterThan(1000);
    expect(plain).toBeGreaterThan(300);
    expect(plain).toBeLessThan(texts.length - 300);
  });
});
