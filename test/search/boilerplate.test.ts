import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.js";
import type { Article } from "../../src/corpus/types.js";
import { boostAnswerType } from "../../src/search/answer-type/boost.js";
import { detectBoilerplate } from "../../src/search/boilerplate.js";
import { buildIndex } from "../../src/search/build-index.js";
import { resolveEngineOptions } from "../../src/search/engine-options.js";
import { createArticleFactory } from "../support/article-factory.js";
import { referenceBoilerplate } from "../support/boilerplate-reference.js";
import { rerankedCandidates } from "../support/pipeline-stages.js";
import { random } from "../support/random.js";

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

describe("detectBoilerplate equals the plain rule", () => {
  // The detector counts articles per 30-bit hash in an open-addressing table; the reference counts them
  // per exact word sequence in a Map of Sets. On random corpora with many repeats they must agree.
  const WORDS = ["harbour", "ferry", "council", "the", "a", "said", "new", "bridge", "vote", "rain"];
  const ENDINGS = [".", "", " —", "!", "?”", ""];

  function randomCorpus(next: () => number): Article[] {
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
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
