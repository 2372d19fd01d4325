import path from "node:path";
import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.js";
import { renderAnswerText } from "../../src/answer/render-text.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import type { Article } from "../../src/corpus/types.js";
import { buildIndex } from "../../src/search/index.js";
import { renderAnswer } from "../../src/slack/answer-blocks.js";
import { repoRoot } from "../support/paths.js";

// The seed article (corpus/) has no date. Asked on 7 Dec about "this week", nothing says it is from
// this week: its passages may be the closest, never a sure answer.
const seed = (await loadCorpus(path.join(repoRoot, "corpus"))).articles;
const dated = (id: string, published: string, paragraphs: string[]): Article => ({
  id,
  title: "City council approves the winter budget",
  publication: "The Ledger",
  published,
  paragraphs,
  source: `${id}.md`,
});
const asked = "2026-12-07";

describe("time words over articles without dates", () => {
  it("answers low and says the dates cannot answer, when no article has a date", () => {
    // Golden failure of issue 25: "What happened this week?" quoted the undated article, rated high.
    const index = buildIndex({ articles: seed });
    for (const question of ["What happened this week?", "what happened last month?"]) {
      const answer = answerQuestion(index, question, { asked });
      expect(answer.found).toBe(true);
      expect(answer.confidence).toBe("low");
      expect(answer.undated).toBe(true);
      expect(renderAnswerText(answer)).toContain(
        "The first passages have no date, so they cannot say what happened “",
      );
      expect(renderAnswer(answer).text).toContain("The first passages have no date");
    }
  });

  it("answers not found when dated articles exist but none matches", () => {
    // A 1 Dec article about the council budget does not say what "happened": the undated article is the
    // only match, and it cannot stand in for this week's news.
    const council = dated("council", "2026-12-01", ["The council approved the winter budget on Tuesday."]);
    const index = buildIndex({ articles: [...seed, council] });
    const answer = answerQuestion(index, "What happened this week?", { asked });
    expect(answer.found).toBe(false);
    expect(answer.hint).toContain("No dated article matches");
  });

  it("lets a dated article answer, and the undated one never decides the verdict then", () => {
    const council = dated("council", "2026-12-01", [
      "What happened at the council this week: the winter budget was approved on Tuesday.",
    ]);
    const index = buildIndex({ articles: [...seed, council] });
    const answer = answerQuestion(index, "What happened this week?", { asked });
    expect(answer.found).toBe(true);
    expect(answer.passages[0]?.articleId).toBe("council");
    expect(answer.undated).toBeUndefined();
  });

  it("is not about questions without time words", () => {
    const index = buildIndex({ articles: seed });
    const answer = answerQuestion(index, "What was Karim Massimov sentenced to?", { asked });
    expect(answer.undated).toBeUndefined();
  });
});
