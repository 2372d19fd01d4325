import { beforeAll, describe, expect, it } from "vitest";
import { buildExcerpt } from "../../src/answer/excerpt.js";
import type { Article, Corpus } from "../../src/corpus/types.js";
import { articleLists, type ParagraphIndex, paragraphLists } from "../../src/index-store/paragraph-index.js";
import { indexTerms, tokenize, tokenizePlain, tokenizeUnicode } from "../../src/search/analyze.js";
import { detectBoilerplate } from "../../src/search/boilerplate.js";
import { buildIndex } from "../../src/search/build-index.js";
import { DEFAULT_ENGINE_OPTIONS } from "../../src/search/engine-options.js";
import { isAsciiWordChar, plainWordEnd } from "../../src/search/plain-words.js";
import { analyzeQuery, scoringTerms } from "../../src/search/query.js";
import { splitSentences } from "../../src/search/sentences.js";
import { sortShort } from "../../src/search/sort-short.js";
import { createDocScorer, prepareTerms, topK, type WeightedTerm } from "../../src/search/top-k.js";
import { createArticleFactory } from "../support/article-factory.js";
import { referenceBoilerplate } from "../support/boilerplate-reference.js";
import { createReferenceSearch, topKExhaustive } from "../support/minisearch-reference.js";
import { random } from "../support/random.js";
import { fixtureIndex } from "./fixture.js";

/*
 * The engine's optimised paths against the simple rule each replaces, on random inputs from the one
 * seeded generator (test/support/random.ts). Inputs straddle every switch point (scan or Map, insertion
 * sort or Array.prototype.sort, bit set or Set, plain or Unicode tokenizer), so that a change of a
 * threshold or of either path shows here as a difference, not as a pinned number.
 */

/** A uniformly drawn element of a list. */
function picker(next: () => number) {
  return <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
}

describe("the plain-text tokenizer equals the Unicode tokenizer", () => {
  it("on random plain text", () => {
    // The characters where the two could differ: letters, digits, the separators of numbers, acronyms
    // and contractions, and typographic punctuation.
    const alphabet = [
      "a",
      "B",
      "z",
      "Q",
      "0",
      "7",
      ".",
      ",",
      "'",
      "’",
      "‘",
      "“",
      " ",
      "-",
      "\u00a0",
      "…",
      "_",
    ];
    const next = random(12345);
    const pick = picker(next);
    for (let n = 0; n < 2000; n++) {
      let text = "";
      const length = Math.floor(next() * 24);
      for (let i = 0; i < length; i++) text += pick(alphabet);
      expect(tokenizePlain(text), JSON.stringify(text)).toEqual(tokenizeUnicode(text));
    }
  });

  it("ends each word where the ASCII regex it reads by hand ends it", () => {
    const regex = /(?:[A-Za-z]\.){2,}|[0-9]+(?:[.,][0-9]+)*[A-Za-z]*|[A-Za-z0-9]+(?:['’][A-Za-z0-9]+)*/y;
    const alphabet = ["a", "B", "0", "7", ".", ",", "'", "’", " ", "-"];
    const next = random(54321);
    const pick = picker(next);
    let words = 0;
    for (let n = 0; n < 3000; n++) {
      let text = "";
      const length = Math.floor(next() * 16);
      for (let i = 0; i < length; i++) text += pick(alphabet);
      for (let start = 0; start < text.length; start++) {
        if (!isAsciiWordChar(text.charCodeAt(start))) continue;
        regex.lastIndex = start;
        expect(regex.test(text)).toBe(true);
        expect(plainWordEnd(text, start), `${JSON.stringify(text)} at ${start}`).toBe(regex.lastIndex);
        words++;
      }
    }
    expect(words).toBeGreaterThan(8_000);
  });
});

describe("splitSentences equals the whole-sentence rule", () => {
  // The rule as first written: the abbreviation test reads the whole sentence up to the period; the
  // engine reads only the word before it.
  const ABBREVIATIONS = new Set(["mr", "jan", "gen", "inc", "no", "vs", "e.g", "i.e", "st", "dr"]);
  function reference(text: string): { start: number; end: number }[] {
    const out: { start: number; end: number }[] = [];
    let start = 0;
    for (const m of text.matchAll(/[.!?…]+["'”’)\]]*\s+(?=["'“‘([]?[\p{Lu}\p{N}])/gu)) {
      const punct = m[0].trimEnd();
      const before = /([\p{L}.]+)\.$/u.exec(text.slice(start, m.index + 1));
      const word = before?.[1];
      const abbreviation =
        word !== undefined &&
        (/^\p{Lu}$/u.test(word) ||
          /^(?:\p{L}\.)+\p{L}$/u.test(word) ||
          ABBREVIATIONS.has(word.toLowerCase()));
      if (punct.startsWith(".") && !/^\.{2,}/.test(punct) && abbreviation) continue;
      if (m.index + punct.length > start) out.push({ start, end: m.index + punct.length });
      start = m.index + m[0].length;
    }
    const tail = text.slice(start).trimEnd();
    if (tail.length > 0) out.push({ start, end: start + tail.length });
    return out;
  }

  it("on texts with abbreviations, initials, acronyms, tabs and non-ASCII letters", () => {
    for (const text of [
      "The U.N. Human Rights Council met on Jan. 5 with Gen. Ruiz. J. K. Rowling wrote. Next.",
      "Apple Inc. said so. Mr. Smith agreed.\tDr. Who? No. 5 won. Café.Owner left. Zoë B. Ray came.",
      'He met (Gen. Lee) and "St. Paul" then 3. 4 items. x.y.z. Then 𝐀. Bold letters. e.g. Maybe.',
      "Tabs\tbefore\tJan. 5 and newlines\nMr. X. End... Really. ¿Qué? Sí. Él llegó.",
    ]) {
      expect(splitSentences(text), text).toEqual(reference(text));
    }
  });

  it("on random texts of those pieces", () => {
    const pieces = ["Mr.", "Jan.", "e.g.", "U.S.", "J.", "x.y.z.", "Zoë", "café", "word", "5", "3.5", "Dr"];
    const gaps = [" ", "  ", "\t", "\n", ". ", "? ", "! ", "… ", '." ', "... ", "”. ", ") "];
    const next = random(314159);
    const pick = picker(next);
    for (let n = 0; n < 1000; n++) {
      let text = pick(pieces);
      const length = Math.floor(next() * 16);
      for (let i = 0; i < length; i++) text += pick(gaps) + pick(pieces);
      expect(splitSentences(text), JSON.stringify(text)).toEqual(reference(text));
    }
  });
});

describe("sortShort equals Array.prototype.sort", () => {
  it("equal keys kept in their order (stable), at every length on both sides of the switch", () => {
    const next = random(7);
    for (let length = 0; length <= 60; length++) {
      // Few distinct keys, so many ties: only a stable sort keeps the ids of equal keys ascending.
      const items = Array.from({ length }, (_, id) => ({ key: Math.floor(next() * 5), id }));
      const byKey = (x: { key: number }, y: { key: number }) => x.key - y.key;
      const expected = [...items].sort(byKey);
      const sorted = [...items];
      expect(sortShort(sorted, byKey)).toBe(sorted);
      expect(sorted).toEqual(expected);
    }
  });
});

describe("analyzeQuery's groups equal one group per distinct word", () => {
  let index: ParagraphIndex;
  beforeAll(async () => {
    ({ index } = await fixtureIndex());
  });

  // Content words only (no stop or question words), fewer than maxQueryWords, so every word keeps its group.
  const words = `museum sketchbook harbour council budget tunnel bridge ferry river mayor festival library
    garden stadium railway market orchard lighthouse chess flood retail 1987`.split(/\s+/);

  it("on random questions of 1 to 60 words with repeats, scanned or looked up in a Map", () => {
    const next = random(2718);
    const pick = picker(next);
    for (let n = 0; n < 300; n++) {
      const length = 1 + Math.floor(next() * 60);
      const question = `${Array.from({ length }, () => {
        const word = pick(words);
        return next() < 0.2 ? `${word[0]!.toUpperCase()}${word.slice(1)}` : word;
      }).join(" ")}?`;
      // The reference: each distinct term in order of first appearance, at the highest weight it is
      // written with (a name or a number after the first word weighs nameBoost).
      const weights = new Map<string, number>();
      for (const token of tokenize(question)) {
        const isName = token.numeric || (token.capitalized && token.position > 0);
        const weight = isName ? DEFAULT_ENGINE_OPTIONS.nameBoost : 1;
        weights.set(token.term, Math.max(weights.get(token.term) ?? 0, weight));
      }
      const query = analyzeQuery(index, question);
      expect(
        query.groups.map((g) => g.term),
        question,
      ).toEqual([...new Set(indexTerms(question))]);
      expect(query.groups.map((g) => [g.term, g.weight])).toEqual([...weights]);
    }
  });
});

describe("buildExcerpt's bit set equals a Set of question words", () => {
  const excerptWords = ["bridge", "supports", "engineers", "winter", "walkers", "council", "ferry", "river"];

  /** The excerpt for `words` with each word's group numbered from `shift` (past the bit set's width: a Set). */
  function excerptAt(text: string, words: readonly string[], idf: readonly number[], shift: number) {
    const termGroup = new Map<string, number>();
    const groupIdf: number[] = [];
    for (const [g, term] of indexTerms(words.join(" ")).entries()) {
      termGroup.set(term, g + shift);
      groupIdf[g + shift] = idf[g]!;
    }
    return buildExcerpt(text, { termGroup, groupIdf }, 60);
  }

  it("scores each word's idf once, whatever its group number", () => {
    // Four mentions of "bridge" (idf 1) must not outweigh one of "supports" (idf 2).
    const text = "Bridge news: the bridge, the bridge and the bridge again. Engineers fixed the supports.";
    for (const shift of [0, 29, 40]) {
      expect(excerptAt(text, ["bridge", "supports"], [1, 2], shift).excerpt).toBe(
        "Engineers fixed the **supports**.",
      );
    }
  });

  it("on random paragraphs and questions, group numbers from 0 to past 64", () => {
    const next = random(1618);
    const pick = picker(next);
    for (let n = 0; n < 300; n++) {
      const sentences = Array.from(
        { length: 1 + Math.floor(next() * 5) },
        () =>
          `The ${Array.from({ length: 2 + Math.floor(next() * 8) }, () => pick(excerptWords)).join(" ")}.`,
      );
      const text = sentences.join(" ");
      const question = [
        ...new Set(Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(excerptWords))),
      ];
      const idf = question.map(() => 0.5 + Math.floor(next() * 4));
      const simple = excerptAt(text, question, idf, 0);
      const shift = Math.floor(next() * 70);
      expect(excerptAt(text, question, idf, shift), `${text} | ${question.join(" ")} | ${shift}`).toEqual(
        simple,
      );
    }
  });
});

describe("detectBoilerplate equals the plain rule", () => {
  // The detector counts articles per 30-bit hash in an open-addressing table; the reference counts them
  // per exact word sequence in a Map of Sets. On random corpora with many repeats they must agree.
  const article = createArticleFactory("The Harbour Post");
  const WORDS = ["harbour", "ferry", "council", "the", "a", "said", "new", "bridge", "vote", "rain"];
  const ENDINGS = [".", "", " —", "!", "?”", ""];

  function randomCorpus(next: () => number): Article[] {
    const pick = picker(next);
    const pool = Array.from({ length: 12 }, () => {
      const length = 1 + Math.floor(next() * 14);
      return Array.from({ length }, () => pick(WORDS)).join(" ") + pick(ENDINGS);
    });
    return Array.from({ length: 5 + Math.floor(next() * 40) }, (_, i) =>
      article(
        `a${i}`,
        `Story ${i}`,
        Array.from({ length: 1 + Math.floor(next() * 6) }, () =>
          next() < 0.6 ? pick(pool) : `${pick(WORDS)} ${i} ${pick(WORDS)} ${pick(WORDS)}${pick(ENDINGS)}`,
        ),
      ),
    );
  }

  it("flags the same paragraphs on 200 random corpora and thresholds", () => {
    const next = random(20261205);
    let flaggedSomewhere = 0;
    for (let round = 0; round < 200; round++) {
      const index = buildIndex({ articles: randomCorpus(next) });
      const options = {
        boilerplateRepeatsShort: 2 + Math.floor(next() * 4),
        boilerplateRepeats: 3 + Math.floor(next() * 8),
        boilerplateShortWords: 2 + Math.floor(next() * 10),
        boilerplateCreditWords: Math.floor(next() * 5),
      };
      const got = detectBoilerplate(index, options);
      expect([...got]).toEqual([...referenceBoilerplate(index, options)]);
      if (got.includes(1)) flaggedSomewhere++;
    }
    // The corpora exercise the rule: most of them have boilerplate to find.
    expect(flaggedSomewhere).toBeGreaterThan(100);
  });
});

// Zipf-like vocabulary of invented words, so postings range from a handful to most paragraphs.
const rand = random(42);
const vocabulary = Array.from({ length: 400 }, (_, i) => `w${i.toString(36)}zq`);
const word = () => vocabulary[Math.floor(vocabulary.length * rand() ** 2.5)]!;
const sentence = (n: number) => Array.from({ length: n }, word).join(" ");
const articles: Article[] = Array.from({ length: 150 }, (_, a) => ({
  id: `a${a}`,
  title: sentence(4),
  publication: "Synthetic",
  ...(a % 3 === 0 ? { dek: sentence(6) } : {}),
  paragraphs: Array.from({ length: 2 + (a % 6) }, () => sentence(5 + Math.floor(rand() * 40))),
  source: `a${a}.md`,
}));
const synthetic: Corpus = { articles };

describe("pruned top k (MaxScore) equals the exhaustive and the MiniSearch reference scorers", () => {
  const index = buildIndex(synthetic);
  const reference = createReferenceSearch(index);

  it("with per-article weights (0 excludes), on random queries and weights, every k", () => {
    for (let q = 0; q < 150; q++) {
      const terms: WeightedTerm[] = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => {
        const termId = index.termIds.get(word())!;
        return { termId, weight: 0.2 + rand() * 3 };
      });
      // A third of the articles excluded, the rest weighted as a date prior would weigh them.
      const weight = Float32Array.from(articles, () => (rand() < 0.33 ? 0 : 0.2 + 0.8 * rand()));
      const weights = { weight, group: index.docArticle };
      for (const k of [1, 3, 10, 40]) {
        const fast = topK(paragraphLists(index), terms, k, weights);
        expect(fast).toEqual(topKExhaustive(paragraphLists(index), terms, k, weights));
        for (const { doc } of fast) expect(weight[index.docArticle[doc]!]).toBeGreaterThan(0);
        const articleLevel = topK(articleLists(index), terms, k, { weight });
        expect(articleLevel).toEqual(topKExhaustive(articleLists(index), terms, k, { weight }));
      }
    }
  });

  it("on random queries, every k, ties included", () => {
    let compared = 0;
    for (let q = 0; q < 200; q++) {
      const terms: WeightedTerm[] = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => {
        const termId = index.termIds.get(word())!;
        return { termId, weight: 0.2 + rand() * 3 };
      });
      for (const k of [1, 3, 10, 40]) {
        const fast = topK(paragraphLists(index), terms, k);
        expect(fast).toEqual(topKExhaustive(paragraphLists(index), terms, k));
        expect(fast).toEqual(reference(terms, k));
        compared += fast.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it("on the fixture corpus with analysed questions", async () => {
    const { index: fixture } = await fixtureIndex();
    const ref = createReferenceSearch(fixture);
    for (const question of [
      "council budget library",
      "river flood Sandford",
      "Valdemorro chess",
      "festival 1987 Thornbu",
    ]) {
      const terms = scoringTerms(fixture, analyzeQuery(fixture, question));
      expect(terms.length).toBeGreaterThan(0);
      for (const k of [1, 3, 100]) {
        expect(topK(paragraphLists(fixture), terms, k)).toEqual(
          topKExhaustive(paragraphLists(fixture), terms, k),
        );
        expect(topK(paragraphLists(fixture), terms, k)).toEqual(ref(terms, k));
      }
    }
  });

  it("at the article level too", () => {
    const lists = articleLists(index);
    for (let q = 0; q < 100; q++) {
      const terms: WeightedTerm[] = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => ({
        termId: index.termIds.get(word())!,
        weight: 0.2 + rand() * 3,
      }));
      for (const k of [1, 5, 20]) expect(topK(lists, terms, k)).toEqual(topKExhaustive(lists, terms, k));
    }
  });

  it("scores a single document as the top-k scorers do", () => {
    const lists = paragraphLists(index);
    const terms: WeightedTerm[] = [word(), word(), word()].map((w) => ({
      termId: index.termIds.get(w)!,
      weight: 1,
    }));
    const scoreOf = createDocScorer(lists, terms);
    for (const { doc, score } of topKExhaustive(lists, terms, 30)) {
      expect(scoreOf(doc)).toBeCloseTo(score, 9);
    }
  });

  it("returns nothing for no terms or k = 0", () => {
    expect(topK(paragraphLists(index), [], 10)).toEqual([]);
    expect(topK(paragraphLists(index), [{ termId: 0, weight: 1 }], 0)).toEqual([]);
  });
});

describe("prepareTerms equals merging in a Map", () => {
  const index = buildIndex(synthetic);
  const lists = paragraphLists(index);

  /** What it must give: duplicates merged in order of first appearance (a Map), weights summed in order. */
  function reference(terms: readonly WeightedTerm[]) {
    const merged = new Map<number, number>();
    for (const { termId, weight } of terms) {
      if (!(weight > 0) || termId < 0 || termId >= lists.maxTf.length) continue;
      merged.set(termId, (merged.get(termId) ?? 0) + weight);
    }
    return [...merged]
      .map(([termId, weight]) => {
        const maxTf = lists.maxTf[termId]!;
        return {
          termId,
          weight,
          upperBound: ((weight * maxTf * (lists.k1 + 1)) / (lists.k1 + maxTf)) * (1 + 1e-9),
        };
      })
      .sort((x, y) => x.upperBound - y.upperBound || x.termId - y.termId);
  }

  it("merges repeated terms and drops invalid ones, for a question's few terms or a paragraph's many", () => {
    for (let q = 0; q < 200; q++) {
      // Lengths on both sides of the switch from scanning to a Map.
      const length = 1 + Math.floor(rand() * 80);
      const terms: WeightedTerm[] = Array.from({ length }, () => ({
        // A small pool, so terms repeat; now and then an id outside the index or a weight of 0.
        termId: rand() < 0.05 ? -1 : index.termIds.get(vocabulary[Math.floor(rand() * 12)]!)!,
        weight: rand() < 0.05 ? 0 : 0.2 + rand() * 3,
      }));
      expect(prepareTerms(lists, terms)).toEqual(reference(terms));
    }
  });
});
