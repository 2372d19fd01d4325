/**
 * The rough edges of issue 22 (and defect 18 of issue 24), each as it failed before: a filter that
 * leaves nothing is named; date filters and a chosen day leave undated articles out and count them; a
 * correction's note travels with the passage; More pages hold the question's words; a range with no
 * days is a bad filter.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.js";
import { renderAnswerText } from "../../src/answer/render-text.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import type { Article } from "../../src/corpus/types.js";
import type { ParagraphIndex } from "../../src/index-store/paragraph-index.js";
import { buildIndex } from "../../src/search/build-index.js";
import { resolveEngineOptions } from "../../src/search/engine-options.js";
import { rankPassages } from "../../src/search/pipeline.js";
import { analyzeQuery } from "../../src/search/query.js";
import { docHoldsQuestionWord } from "../../src/search/rerank.js";
import { repoRoot } from "../support/paths.js";

let dates: ParagraphIndex;
let massimov: ParagraphIndex;
beforeAll(async () => {
  dates = buildIndex(await loadCorpus(path.join(repoRoot, "test/fixtures/dates")));
  massimov = buildIndex(await loadCorpus(path.join(repoRoot, "corpus")));
});

const QUESTION = "What budget did the council approve for the harbour wall?";

describe("a filter or a day that leaves nothing is named, not the words", () => {
  it("Massimov from:Reuters: no article is from Reuters, and the hint says so", () => {
    const answer = answerQuestion(massimov, "Massimov from:Reuters");
    expect(answer.found).toBe(false);
    expect(answer.hint).toContain("from:Reuters");
    expect(answer.hint).toContain("no article at all passes from:Reuters");
    expect(answer.hint).not.toContain("try fewer or more specific words");
    // The control: without the filter the question is found.
    expect(answerQuestion(massimov, "Massimov").found).toBe(true);
  });

  it("a section that exists but holds nothing on the question names the section, not its absence", () => {
    const answer = answerQuestion(dates, "first harbour wall fishermen section:politics");
    expect(answer.found).toBe(false);
    expect(answer.hint).toContain("with section:politics matches");
    expect(answer.hint).not.toContain("no article at all");
  });

  it("a day of asking before the story says the day, not the words", () => {
    const answer = answerQuestion(dates, QUESTION, { asked: "2024-05-01", datedOnly: true });
    expect(answer.found).toBe(false);
    expect(answer.hint).toBe(
      "No passage published by 1 May 2024 (the day of asking) matches the question; without that it finds passages — widen or remove it.",
    );
  });

  it("two filters that each leave something but together nothing are named together", () => {
    const answer = answerQuestion(dates, `${QUESTION} from:"harbour times" section:"local politics"`);
    expect(answer.found).toBe(false);
    expect(answer.hint).toContain("with from:harbour times and section:local politics together");
  });

  it("words the corpus never uses keep the usual hint, filters or not", () => {
    const answer = answerQuestion(dates, "zeppelin quokka from:Reuters");
    expect(answer.hint).not.toContain("from:Reuters");
  });
});

describe("after:, before: and a chosen day leave undated articles out, and say how many", () => {
  it("after: leaves the undated history piece out and counts it", () => {
    const answer = answerQuestion(dates, `${QUESTION} after:2024-06`, { limit: 10 });
    expect(answer.passages.map((p) => p.articleId)).not.toContain("wall-history");
    expect(answer.undatedLeftOut).toBe(1);
    expect(renderAnswerText(answer)).toContain(
      "1 matching article has no date and was left out: nothing says when it was published.",
    );
  });

  it("a chosen day (--as-of) leaves it out; the clock's day keeps it", () => {
    const chosen = answerQuestion(dates, QUESTION, { limit: 10, asked: "2024-06-14", datedOnly: true });
    expect(chosen.passages.map((p) => p.articleId)).not.toContain("wall-history");
    expect(chosen.undatedLeftOut).toBe(1);
    const clock = answerQuestion(dates, QUESTION, { limit: 10, asked: "2024-06-14" });
    expect(clock.passages.map((p) => p.articleId)).toContain("wall-history");
    expect(clock.undatedLeftOut).toBeUndefined();
  });

  it("a chosen day before every article: not found, with the undated article counted", () => {
    const answer = answerQuestion(dates, QUESTION, { asked: "2024-01-01", datedOnly: true });
    expect(answer.found).toBe(false);
    expect(answer.undatedLeftOut).toBe(1);
  });
});

describe("defect 18: a date range with no days is a bad filter", () => {
  it("after:2024 before:2020 says the range is empty, naming both ends", () => {
    const answer = answerQuestion(dates, `${QUESTION} after:2024 before:2020`);
    expect(answer.found).toBe(false);
    expect(answer.badFilter).toBe(true);
    expect(answer.hint).toBe(
      "That date range is empty: after:2024-01-01 (from 1 Jan 2024) starts later than before:2020-12-31 (up to 31 Dec 2020) ends; swap or widen them.",
    );
    expect(renderAnswerText(answer)).toContain("A filter in your question cannot be used.");
  });

  it("after: later than the day of asking is empty too; an unreadable date is a bad filter", () => {
    const late = answerQuestion(dates, `${QUESTION} after:2025`, { asked: "2024-06-14" });
    expect(late.badFilter).toBe(true);
    expect(late.hint).toContain("starts after the day of asking, 14 Jun 2024");
    expect(answerQuestion(dates, `${QUESTION} before:soon`).badFilter).toBe(true);
    // The control: a range with days in it is no problem.
    expect(answerQuestion(dates, `${QUESTION} after:2020 before:2024`).badFilter).toBeUndefined();
  });
});

describe("a correction's note travels with its passage", () => {
  const article = (id: string, over: Partial<Article>): Article => ({
    id,
    title: `Title ${id}`,
    publication: "Harbour Times",
    paragraphs: ["The ferry timetable changes on Monday for the winter season."],
    source: `${id}.md`,
    ...over,
  });

  it("is set beside the correction date and shown by the text renderer", () => {
    const index = buildIndex({
      articles: [
        article("noted", {
          corrected: "2026-12-07",
          correction: "An earlier version gave the wrong day.",
        }),
      ],
    });
    const answer = answerQuestion(index, "ferry timetable winter");
    expect(answer.passages[0]).toMatchObject({
      corrected: "2026-12-07",
      correction: "An earlier version gave the wrong day.",
    });
    expect(renderAnswerText(answer)).toContain(
      "Corrected 7 Dec 2026: An earlier version gave the wrong day.",
    );
  });

  it("is absent when the article gives no note", () => {
    const index = buildIndex({ articles: [article("plain", { corrected: "2026-12-07" })] });
    const passage = answerQuestion(index, "ferry timetable winter").passages[0]!;
    expect(passage).not.toHaveProperty("correction");
    expect(renderAnswerText(answerQuestion(index, "ferry timetable winter"))).toMatch(
      /Corrected 7 Dec 2026( ·|$)/m,
    );
  });
});

describe("More shows only passages that hold a word of the question", () => {
  it("every passage past the first page holds one of the question's words", () => {
    const question = "Massimov sentenced treason";
    const query = analyzeQuery(massimov, question, resolveEngineOptions({}));
    const first = answerQuestion(massimov, question, { limit: 3 });
    expect(first.found).toBe(true);
    let offset = 3;
    let pages = 0;
    let more = first.hasMore;
    while (more && pages < 20) {
      const page = answerQuestion(massimov, question, { limit: 3, offset });
      for (const p of page.passages) {
        const doc = massimov.articles.findIndex((a) => a.id === p.articleId);
        const d = massimov.articleDocStart[doc]! + p.paragraph - 1;
        expect(docHoldsQuestionWord(massimov, query, d)).toBe(true);
      }
      offset += page.passages.length;
      more = page.hasMore && page.passages.length > 0;
      pages++;
    }
    expect(pages).toBeGreaterThan(0);
    // The control: the ranking itself has passages without the words past the first page.
    const ranked = rankPassages(massimov, question, {}, 30).ranked!;
    expect(ranked.slice(3).some((r) => !docHoldsQuestionWord(massimov, query, r.doc))).toBe(true);
  });
});
