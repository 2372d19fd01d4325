import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.js";
import { buildIndex } from "../../src/search/build-index.js";
import { createArticleFactory } from "../support/article-factory.js";

const article = createArticleFactory("Gazette");

// A small newsroom corpus about a city council: every question below shares common words with it.
const index = buildIndex({
  articles: [
    article("budget", "Council passes budget", [
      "The city council passed the 2023 budget on Tuesday after a long debate about bus fares.",
      "Mayor Alice Brown said the budget would keep the public libraries open on Sundays.",
    ]),
    article("bridge", "Old bridge to close", [
      "The old river bridge will close for repairs in March, the council announced this week.",
      "Engineers found cracks in two of its piers during an inspection last year.",
      "Drivers will be sent over the new bypass, which adds about ten minutes to the trip.",
      "Shops near the bridge fear they will lose customers while it is shut.",
    ]),
    article("school", "School roof fixed", [
      "Workers finished the new roof of the primary school before the autumn term.",
      "Parents had complained for years about leaks in the classrooms.",
      "The repairs were paid for by a grant from the education department.",
    ]),
    article("market", "Farmers market moves", [
      "The Saturday farmers market will move to the station square next month.",
      "Stallholders said the old car park had become too small for the crowds.",
    ]),
  ],
});

describe("questions naming what the corpus never mentions", () => {
  it("answers a question whose unknown words are common ones", () => {
    // "kept" is not in the corpus, but the question's names and key words are.
    const answer = answerQuestion(index, "Did Mayor Brown say libraries would be kept open?");
    expect(answer.found).toBe(true);
    expect(answer.passages[0]!.text).toContain("Alice Brown");
  });

  it("finds nothing when the question hinges on names the corpus never uses", () => {
    // Same shape, same common words; only the names differ.
    expect(answerQuestion(index, "What did Mayor Brown say about the budget?").found).toBe(true);
    const answer = answerQuestion(index, "What did Governor Newsom say about the Sacramento budget?");
    expect(answer.found).toBe(false);
    expect(answer.passages).toEqual([]);
  });
});
