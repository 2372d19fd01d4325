import { describe, expect, it } from "vitest";
import { buildIndex } from "../../src/search/build-index.js";
import { onlyAsks } from "../../src/search/interrogative.js";
import { rankPassages } from "../../src/search/pipeline.js";
import { createArticleFactory } from "../support/article-factory.js";

const article = createArticleFactory("Test");

describe("onlyAsks", () => {
  it("is true when every sentence is a question", () => {
    expect(onlyAsks("Which wildly popular show was green lit for a new season?")).toBe(true);
    expect(onlyAsks("Is it over? How do we know?")).toBe(true);
    expect(onlyAsks('She asked: "Who pays for the bridge?"')).toBe(true);
  });

  it("is false when a sentence tells something", () => {
    expect(onlyAsks("The show was renewed. Who could blame them?")).toBe(false);
    // The answer may sit inside a question that follows a statement.
    expect(
      onlyAsks("Much remains unclear. How did protests sparked by fuel prices turn violent? Nobody says."),
    ).toBe(false);
    expect(onlyAsks("The council approved its budget.")).toBe(false);
    expect(onlyAsks("")).toBe(false);
  });
});

describe("a paragraph that only asks", () => {
  // ¶1 of the roundup restates the question word for word (the first stage's favourite); the answer is
  // in the other article.
  const index = buildIndex({
    articles: [
      article("roundup", "Five things to know", [
        "Which wildly popular drama was renewed for another season this week?",
        "Markets closed higher on Friday after a volatile week.",
      ]),
      article("show", "Streaming service renews drama", [
        "Glass Harbour, the popular drama, will return for another season, the streaming service said.",
      ]),
    ],
  });
  const question = "Which wildly popular drama was renewed for another season?";
  const first = (questionFactor?: number) => {
    const { ranked } = rankPassages(index, question, questionFactor === undefined ? {} : { questionFactor });
    return index.articles[index.docArticle[ranked![0]!.doc]!]!.id;
  };

  it("outranks the answer when it is scored like any paragraph", () => {
    expect(first(1)).toBe("roundup");
  });

  it("yields to the answer by default", () => {
    expect(first()).toBe("show");
  });
});
