/**
 * Golden tests of the day of asking, time phrases and filters, on a fixture corpus of one story told
 * over three months (test/fixtures/dates): a May, a June and a July article on the harbour wall's
 * budget, and an undated history piece. The July article matches the budget question best of all.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.js";
import type { Answer } from "../../src/answer/types.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import type { ParagraphIndex } from "../../src/index-store/paragraph-index.js";
import { buildIndex } from "../../src/search/build-index.js";
import { repoRoot } from "../support/paths.js";

let index: ParagraphIndex;
beforeAll(async () => {
  index = buildIndex(await loadCorpus(path.join(repoRoot, "test/fixtures/dates")));
});

const QUESTION = "What budget did the council approve for the harbour wall?";
const articlesOf = (answer: Answer) => answer.passages.map((p) => p.articleId);

describe("the day of asking", () => {
  it("without one, the best match is first: the July article (the control for the tests below)", () => {
    const answer = answerQuestion(index, QUESTION, { limit: 10 });
    expect(articlesOf(answer)[0]).toBe("wall-budget-july");
    expect(answer.asked).toBeUndefined();
  });

  it("never cites an article published after it: asked on 14 June 2024, July's story did not exist", () => {
    for (const asked of ["2024-06-14", new Date("2024-06-14T08:00:00Z")]) {
      const answer = answerQuestion(index, QUESTION, { limit: 10, asked });
      expect(answer.found).toBe(true);
      expect(answer.asked).toBe("2024-06-14");
      expect(articlesOf(answer)).not.toContain("wall-budget-july");
      // The undated history piece stays eligible: nothing says it is from the future.
      expect(articlesOf(answer)).toContain("wall-history");
    }
  });

  it("prefers recent coverage without time words: asked in June, June's story before May's, which says the same in the same words (recency prior)", () => {
    const answer = answerQuestion(index, QUESTION, { limit: 10, asked: "2024-06-14" });
    expect(articlesOf(answer)[0]).toBe("wall-budget-june");
    expect(answer.passages[0]!.text).toContain("$55 million");
  });

  it("a day before every article leaves only the undated one", () => {
    const answer = answerQuestion(index, QUESTION, { limit: 10, asked: "2024-01-01" });
    expect(new Set(articlesOf(answer))).toEqual(new Set(["wall-history"]));
  });

  it("a day of asking that is no date is said, not guessed", () => {
    const answer = answerQuestion(index, QUESTION, { asked: "2024-02-31" });
    expect(answer.found).toBe(false);
    expect(answer.hint).toMatch(/YYYY-MM-DD/);
  });
});

describe("time phrases, read relative to the day of asking", () => {
  it('"last month" asked in mid-June prefers May\'s story over the more recent June one', () => {
    const answer = answerQuestion(index, `${QUESTION.slice(0, -1)} last month?`, {
      limit: 10,
      asked: "2024-06-14",
    });
    expect(answer.timePhrases).toEqual(["last month"]);
    expect(articlesOf(answer)[0]).toBe("wall-budget-may");
  });

  it('"this week" asked on 14 June prefers the article of that week, and "week" is no word to match', () => {
    const answer = answerQuestion(index, "Which budget did the council approve this week?", {
      limit: 10,
      asked: "2024-06-14",
    });
    expect(answer.timePhrases).toEqual(["this week"]);
    expect(articlesOf(answer)[0]).toBe("wall-budget-june");
    expect(answer.passages.every((p) => !/\*\*week\*\*/i.test(p.excerpt))).toBe(true);
  });

  it('"this week" asked on 15 May prefers May\'s story (June and July are still to come)', () => {
    const answer = answerQuestion(index, "Which budget did the council approve this week?", {
      limit: 10,
      asked: "2024-05-15",
    });
    expect(articlesOf(answer)[0]).toBe("wall-budget-may");
    expect(articlesOf(answer)).not.toContain("wall-budget-june");
  });
});

describe("filters typed in the question or given as options", () => {
  it("from: keeps one publication's articles (any case, with or without punctuation)", () => {
    const answer = answerQuestion(index, `from:"harbour times" ${QUESTION}`, { limit: 10 });
    expect(new Set(articlesOf(answer))).toEqual(new Set(["wall-budget-june"]));
    expect(answer.filters).toEqual({ publications: ["harbour times"] });
    expect(answer.question).toBe(`from:"harbour times" ${QUESTION}`);
  });

  it("after: and before: keep a date range, both ends included; section: matches within a section's name", () => {
    const range = answerQuestion(index, `${QUESTION} after:2024-06 before:2024-07-20`, { limit: 10 });
    // The undated history piece is left out: nothing places it in the range (and the answer counts it).
    expect(new Set(articlesOf(range))).toEqual(new Set(["wall-budget-june", "wall-budget-july"]));
    expect(range.undatedLeftOut).toBe(1);
    const section = answerQuestion(index, QUESTION, {
      limit: 10,
      filters: { sections: ["local politics"] },
    });
    expect(new Set(articlesOf(section))).toEqual(new Set(["wall-budget-may", "wall-budget-july"]));
  });

  it("a filter it cannot read is answered with a sentence naming it and the way to write it", () => {
    const answer = answerQuestion(index, `${QUESTION} after:last-tuesday`);
    expect(answer.found).toBe(false);
    expect(answer.hint).toContain('"after:last-tuesday"');
    expect(answer.hint).toContain("after:2024-01");
  });
});
