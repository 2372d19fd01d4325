import { describe, expect, it } from "vitest";
import { generateArchiveQuestions, misspell, sample } from "../../scripts/bench/questions.js";
import { createRandom } from "../../scripts/bench/random.js";
import type { Article } from "../../src/corpus/types.js";

const articles: Article[] = [
  {
    id: "a1",
    title: "Singapore named the world's most expensive city to live in",
    publication: "example.com",
    paragraphs: [
      "Singapore has been dubbed the world's most expensive city to live in for the fifth year running.",
      "The Economist Intelligence Unit compares the prices of over 150 items in 133 cities around the world.",
    ],
    source: "fixture",
  },
  {
    id: "a2",
    title: "Council approves new harbour bridge",
    publication: "example.com",
    paragraphs: [
      "The Harbour Council voted on Tuesday to approve the construction of a second bridge across the estuary.",
      "Mayor Elena Ruiz said the bridge would cut commuting times for thousands of residents in Northport.",
    ],
    source: "fixture",
  },
];

describe("seeded random", () => {
  it("repeats its sequence for the same seed and differs for another", () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe("sample", () => {
  it("is deterministic, without repeats, and capped at the input size", () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const s = sample(items, 10, 3);
    expect(sample(items, 10, 3)).toEqual(s);
    expect(new Set(s).size).toBe(10);
    expect(sample(items, 80, 3)).toHaveLength(50);
  });
});

describe("generateArchiveQuestions", () => {
  it("asks the same questions for the same seed and articles", () => {
    const first = generateArchiveQuestions(articles, 40, 42);
    expect(generateArchiveQuestions(articles, 40, 42)).toEqual(first);
    expect(generateArchiveQuestions(articles, 40, 43)).not.toEqual(first);
  });

  it("returns the count asked for, as unscored archive questions", () => {
    const questions = generateArchiveQuestions(articles, 40, 42);
    expect(questions).toHaveLength(40);
    expect(new Set(questions.map((q) => q.id)).size).toBe(40);
    for (const q of questions) {
      expect(q.kind).toBe("archive");
      expect(q.expect).toEqual([]);
      expect(q.question.trim().length).toBeGreaterThan(3);
    }
  });

  it("builds questions from the articles' own words, some with a typo", () => {
    // The templates' own words count as known, so an unknown word is a typo of a corpus word.
    const templates = "what's what when where who why how many happened anything latest about have with";
    const vocabulary = new Set(
      [templates, ...articles.flatMap((a) => [a.title, ...a.paragraphs])]
        .join(" ")
        .toLowerCase()
        .match(/[a-z']+/g),
    );
    const questions = generateArchiveQuestions(articles, 60, 1);
    const words = questions.map((q) => q.question.toLowerCase().match(/[a-z']{4,}/g) ?? []);
    const fromCorpus = words.filter((ws) => ws.some((w) => vocabulary.has(w)));
    const withTypo = words.filter((ws) => ws.some((w) => !vocabulary.has(w)));
    // A typo can hit a question's only long word, so not every question shares a word with the corpus.
    expect(fromCorpus.length).toBeGreaterThan(questions.length * 0.8);
    expect(withTypo.length).toBeGreaterThan(0);
    expect(withTypo.length).toBeLessThan(questions.length * 0.5);
  });

  it("returns nothing for no articles", () => {
    expect(generateArchiveQuestions([], 10, 1)).toEqual([]);
  });
});

describe("misspell", () => {
  it("changes a long word by one edit and keeps its first letter", () => {
    const random = createRandom(5);
    for (let i = 0; i < 50; i += 1) {
      const typo = misspell("Massimov", random);
      expect(typo[0]).toBe("M");
      expect(Math.abs(typo.length - 8)).toBeLessThanOrEqual(1);
    }
  });

  it("leaves short words alone", () => {
    expect(misspell("cat", createRandom(1))).toBe("cat");
  });
});
