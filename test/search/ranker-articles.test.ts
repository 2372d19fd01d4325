import { describe, expect, it } from "vitest";
import { dayNumber } from "../../src/corpus/dates.js";
import type { Article } from "../../src/corpus/types.js";
import type { BoostedDoc } from "../../src/search/answer-type/boost.js";
import { buildIndex } from "../../src/search/build-index.js";
import { analyzeQuery } from "../../src/search/query.js";
import { ARTICLE_EVIDENCE, articleEvidence } from "../../src/search/ranker-articles.js";

const article = (id: string, title: string, paragraphs: string[], published?: string): Article => ({
  id,
  title,
  publication: "Test",
  paragraphs,
  source: `${id}.md`,
  ...(published ? { published } : {}),
});

// Three articles: a fresh one about the vote with two paragraphs, an older one, and an undated one.
const index = buildIndex({
  articles: [
    article(
      "fresh",
      "House speaker vote stalls again",
      ["The speaker vote failed for the sixth time on Thursday.", "Kevin McCarthy lost again in the House."],
      "2023-01-05",
    ),
    article("older", "Budget talks", ["The speaker vote was discussed in December."], "2022-12-01"),
    article("undated", "Opinion", ["Speaker votes rarely fail."]),
  ],
});

const features = { matchShare: 0, proximity: 0, sentence: 0, article: 0, lead: 0 };
const doc = (d: number, score: number): BoostedDoc => ({ doc: d, score, bm25: score, coverage: 1, features });
const column = (rows: number[][], name: (typeof ARTICLE_EVIDENCE)[number]) =>
  rows.map((r) => r[ARTICLE_EVIDENCE.indexOf(name)]!);

describe("article evidence for the learned ranker", () => {
  // Docs: 0, 1 the fresh article's paragraphs, 2 the older article's, 3 the undated one's.
  const ranked = [doc(2, 10), doc(0, 8), doc(3, 6), doc(1, 4)];
  const query = analyzeQuery(index, "Who lost the House speaker vote?");
  const rows = articleEvidence(index, query, ranked, { asked: dayNumber("2023-01-06")! });

  it("gives each passage one 0–1 value per named column", () => {
    for (const row of rows) {
      expect(row.length).toBe(ARTICLE_EVIDENCE.length);
      for (const v of row) expect(v >= 0 && v <= 1).toBe(true);
    }
  });

  it("sums an article's passages: two good paragraphs outweigh one better one", () => {
    // Ratios to the best: 1, 0.8, 0.6, 0.4; the fresh article sums 1.2 of 2.8.
    const share = column(rows, "articleShare");
    const expected = [1 / 2.8, 1.2 / 2.8, 0.6 / 2.8, 1.2 / 2.8];
    for (const [i, v] of expected.entries()) expect(share[i]).toBeCloseTo(v);
    expect(column(rows, "articleSumRank")).toEqual([0.5, 1, 1 / 3, 1]);
    expect(column(rows, "articleRank")).toEqual([1, 0.5, 1 / 3, 0.5]);
    expect(column(rows, "rankInArticle")).toEqual([1, 1, 1, 0.5]);
    expect(column(rows, "ofArticleBest")).toEqual([1, 1, 1, 0.5]);
  });

  it("ranks dated articles by freshness on the day asked; an undated one reads 0", () => {
    expect(column(rows, "freshRank")).toEqual([0.5, 1, 0, 1]);
    expect(column(rows, "freshGap")[1]).toBe(1);
    expect(column(rows, "freshGap")[0]).toBeLessThan(0.1);
    expect(column(rows, "age7")[1]).toBeCloseTo(2 ** (-1 / 7));
    expect(column(rows, "freshGap")[2]).toBe(0);
  });

  it("reads the question's words in the headline", () => {
    const title = column(rows, "titleShare");
    // "House", "speaker", "vote" are in the fresh headline; "lost", the rarest word, is not.
    expect(title[1]).toBeGreaterThan(0.3);
    expect(title[1]).toBeLessThan(1);
    expect(title[0]).toBe(0);
    expect(title[1]).toBe(title[3]);
  });

  it("reads no age without a day of asking", () => {
    const undated = articleEvidence(index, query, ranked);
    expect(column(undated, "freshRank")).toEqual([0, 0, 0, 0]);
    expect(column(undated, "age7")).toEqual([0, 0, 0, 0]);
  });
});
