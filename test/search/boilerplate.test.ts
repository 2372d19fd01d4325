import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.js";
import type { Article } from "../../src/corpus/types.js";
import { boostAnswerType } from "../../src/search/answer-type/boost.js";
import { detectBoilerplate } from "../../src/search/boilerplate.js";
import { buildIndex } from "../../src/search/build-index.js";
import { resolveEngineOptions } from "../../src/search/engine-options.js";
import { createArticleFactory } from "../support/article-factory.js";
import { rerankedCandidates } from "../support/pipeline-stages.js";

const article = createArticleFactory("The Harbour Post");
const PROMO = "Sign up for our ferry newsletter to get harbour news every morning.";
const SURVEY = "1. How relevant is this ad to you?";
const topics = ["bakery", "library", "museum", "garden", "stadium", "orchard"];

/** Six stories on different topics, each with the same promo and ad survey, and one byline or dateline. */
function corpus(): Article[] {
  const stories = topics.map((topic, i) =>
    article(`${topic}-story`, `The ${topic} reopens`, [
      i % 2 === 0 ? "Karen Gilchrist" : "Paris CNN —",
      `The ${topic} reopened on Saturday after a long winter of repairs, the council said.`,
      SURVEY,
      PROMO,
    ]),
  );
  stories.push(
    article("ferry-story", "Ferry timetable changes", [
      "The morning ferry will leave the harbour at six from next week, the operator said.",
      "Passengers asked for an earlier sailing in a survey last year.",
    ]),
  );
  return stories;
}

describe("detectBoilerplate", () => {
  const index = buildIndex({ articles: corpus() });
  const flags = detectBoilerplate(index);
  const flagged = (id: string, paragraph: number) => {
    const a = index.articles.findIndex((x) => x.id === id);
    return flags[index.articleDocStart[a]! + paragraph - 1] === 1;
  };

  it("flags what repeats across many articles, whatever it says", () => {
    // The promo and the survey stand word for word in six distinct articles.
    for (const topic of topics) {
      expect(flagged(`${topic}-story`, 3)).toBe(true);
      expect(flagged(`${topic}-story`, 4)).toBe(true);
    }
  });

  it("flags credit-like shapes: a few words that end no sentence", () => {
    // A byline ("Karen Gilchrist", 3 copies) and a dateline ("Paris CNN —"): too few copies to repeat, but
    // two words and no sentence end.
    expect(flagged("bakery-story", 1)).toBe(true);
    expect(flagged("library-story", 1)).toBe(true);
  });

  it("keeps the stories' own paragraphs", () => {
    for (const topic of topics) expect(flagged(`${topic}-story`, 2)).toBe(false);
    expect(flagged("ferry-story", 1)).toBe(false);
    expect(flagged("ferry-story", 2)).toBe(false);
  });

  it("counts an article once however often it repeats a paragraph", () => {
    const once = buildIndex({
      articles: [
        article(
          "one",
          "One story",
          Array.from({ length: 8 }, () => "The same long sentence said again here."),
        ),
      ],
    });
    expect([...detectBoilerplate(once)].every((f) => f === 0)).toBe(true);
  });
});

describe("boilerplate never answers", () => {
  const index = buildIndex({ articles: corpus() });

  it("a question the promo matches best is answered by a story", () => {
    // The promo holds "ferry", "harbour", "news" and "morning"; the ferry story's ¶1 holds "ferry",
    // "harbour" and "morning". Without the rule a promo ranks first in the re-ranking.
    const question = "ferry harbour news morning";
    const stages = rerankedCandidates(index, question);
    const ranked = boostAnswerType(index, stages.query, stages.ranked, resolveEngineOptions());
    const firstText = (doc: number) =>
      index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!];
    expect(firstText(ranked[0]!.doc)).toBe(PROMO);
    const answer = answerQuestion(index, question);
    expect(answer.passages[0]?.articleId).toBe("ferry-story");
    expect(answer.passages.map((p) => p.text)).not.toContain(PROMO);
  });

  it("an ad survey is never quoted, even for its own words", () => {
    const answer = answerQuestion(index, "How relevant is this ad to you?");
    expect(answer.passages.map((p) => p.text)).not.toContain(SURVEY);
  });
});
