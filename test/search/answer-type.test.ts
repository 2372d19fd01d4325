import { describe, expect, it } from "vitest";
import { boostAnswerType } from "../../src/search/answer-type/boost.js";
import { answerTypeOf } from "../../src/search/answer-type/question-type.js";
import { salientNames } from "../../src/search/answer-type/salience.js";
import { buildIndex } from "../../src/search/build-index.js";
import { DEFAULT_ENGINE_OPTIONS, resolveEngineOptions } from "../../src/search/engine-options.js";
import { rankPassages } from "../../src/search/pipeline.js";
import { createArticleFactory } from "../support/article-factory.js";
import { rerankedCandidates } from "../support/pipeline-stages.js";

const article = createArticleFactory("Test");

describe("answerTypeOf", () => {
  it("reads the expected answer from the wh-form", () => {
    expect(answerTypeOf("Who won the race?")).toBe("name");
    expect(answerTypeOf("Which team won the cup final?")).toBe("name");
    expect(answerTypeOf("Where did the storm make landfall?")).toBe("place");
    expect(answerTypeOf("Flooding hit which state this week?")).toBe("place");
    expect(answerTypeOf("When will the vaccine be available?")).toBe("time");
    expect(answerTypeOf("In what year did the bridge open?")).toBe("time");
    expect(answerTypeOf("How many people were evacuated?")).toBe("number");
    expect(answerTypeOf("What percentage of voters backed the plan?")).toBe("number");
    expect(answerTypeOf("What is the new variant called?")).toBe("name");
  });

  it("says nothing when the form does not tell", () => {
    expect(answerTypeOf("What did the mayor say?")).toBeNull();
    expect(answerTypeOf("Why was the bridge closed?")).toBeNull();
    expect(answerTypeOf("How did the council vote?")).toBeNull();
    expect(answerTypeOf("bridge repairs")).toBeNull();
    // "what" + noun asks for a description as often as for a name.
    expect(answerTypeOf("What structure holds the roof?")).toBeNull();
  });

  it("reads a question with a preamble from its last wh-sentence", () => {
    expect(answerTypeOf("Heavy rain fell all week. Which team won the final?")).toBe("name");
    expect(answerTypeOf("Who knew? How many homes were flooded?")).toBe("number");
  });
});

describe("boostAnswerType", () => {
  // ¶1 paraphrases the question (first-stage favourite) without the answer; ¶2 holds a name beside the
  // same words;
  // ¶3 holds a number beside the same words.
  const index = buildIndex({
    articles: [
      article("show", "Streaming service renews drama", [
        "The wildly popular drama series was renewed for another season by the streaming service.",
        "Viewers of the wildly popular series Glass Harbour will see another season next year.",
        "The popular series drew 140 million viewers in its first season.",
      ]),
      article("other", "Council budget", ["The council approved its budget for the coming year."]),
    ],
  });
  const question = "Which wildly popular series was renewed for another season?";

  it("lifts the passage holding a name of the asked kind over a paraphrase without one", () => {
    const without = rankPassages(index, question, { answerTypeWeight: 0 }).ranked!;
    const withType = rankPassages(index, question).ranked!;
    expect(index.docParagraph[without[0]!.doc]).toBe(0);
    expect(index.docParagraph[withType[0]!.doc]).toBe(1);
  });

  it("counts numbers for how-many questions", () => {
    const ranked = rankPassages(index, "How many viewers watched the popular series' first season?").ranked!;
    expect(index.docParagraph[ranked[0]!.doc]).toBe(2);
  });

  it("is bounded: no passage gains more than the weight's share of its score", () => {
    const { query, ranked } = rerankedCandidates(index, question);
    const boosted = boostAnswerType(index, query, ranked, resolveEngineOptions({ answerTypeWeight: 0.5 }));
    const before = new Map(ranked.map((r) => [r.doc, r.score]));
    for (const r of boosted) {
      expect(r.score).toBeGreaterThanOrEqual(before.get(r.doc)!);
      expect(r.score).toBeLessThanOrEqual(before.get(r.doc)! * 1.5 + 1e-9);
    }
    expect(boosted.map((r) => r.doc).sort()).toEqual(ranked.map((r) => r.doc).sort());
  });

  it("takes a place to be a name after a locative preposition", () => {
    // Both paragraphs name someone beside "storm" and "landfall"; only ¶2 names a place ("in Mexico").
    const places = buildIndex({
      articles: [
        article("storm", "Storm news", [
          "The storm made landfall early, Director Jane Okafor said.",
          "The storm made landfall early in Mexico, officials said.",
        ]),
      ],
    });
    const ranked = rankPassages(places, "Where did the storm make landfall?").ranked!;
    expect(places.docParagraph[ranked[0]!.doc]).toBe(1);
  });

  it("counts an answer a sentence away from the question's words, for less", () => {
    // The question's words fill the first sentence; the name stands only in the second.
    const apart = buildIndex({
      articles: [
        article("apart", "Drama news", [
          "The wildly popular series was renewed for another season. Viewers know it as Glass Harbour.",
          "The council approved its budget.",
        ]),
      ],
    });
    const { query, ranked } = rerankedCandidates(apart, question);
    const boosted = (share: number) =>
      boostAnswerType(apart, query, ranked, resolveEngineOptions({ answerNearShare: share })).find(
        (r) => r.doc === 0,
      )!.score;
    const base = ranked.find((r) => r.doc === 0)!.score;
    expect(boosted(0)).toBe(base);
    expect(boosted(0.3)).toBeGreaterThan(base);
    expect(boosted(0.6)).toBeGreaterThan(boosted(0.3));
  });

  it("leaves questions without an answer type as ranked", () => {
    const { query, ranked } = rerankedCandidates(index, "popular series season");
    expect(boostAnswerType(index, query, ranked, DEFAULT_ENGINE_OPTIONS)).toEqual(ranked);
  });
});

describe("salientNames", () => {
  const names = (index: ReturnType<typeof buildIndex>, a: number, places = false) =>
    [
      ...salientNames(
        index,
        a,
        places,
        DEFAULT_ENGINE_OPTIONS.topicShare,
        DEFAULT_ENGINE_OPTIONS.salientMinParagraphs,
      ),
    ]
      .map((id) => index.terms[id])
      .sort();

  it("takes title words the body writes as names in three paragraphs, not the publisher's", () => {
    const index = buildIndex({
      articles: [
        article("retail", "Analysts say Marlowe cut cooling, Test reports", [
          "Customers of Marlowe are hot.",
          "The company cut air conditioning, analysts said.",
          "A spokesman for Marlowe did not comment, Test was told.",
          "Shares of Marlowe fell. Analysts were not surprised.",
          "Shoppers complained about the heat.",
          "Test asked Brookfield for a comment; Brookfield and Test spoke twice.",
        ]),
      ],
    });
    // "Analysts" opens sentences only (no name); "Test" is the publisher; "Brookfield" is not in the
    // title; "Marlowe" stands mid-sentence in three paragraphs.
    expect(names(index, 0)).toEqual(["marlow"]);
  });

  it("counts a paragraph that opens a sentence with the name when the article writes it as one elsewhere", () => {
    const index = buildIndex({
      articles: [
        article("singer", "Concert news: Marlowe returns to the stage", [
          "Marlowe is returning to the stage.",
          "Marlowe announced new dates on Monday.",
          "Fans of Marlowe cheered the news.",
          "Tickets sold out within hours.",
          "The shows begin in May.",
          "Critics expect a long run.",
        ]),
      ],
    });
    // Mid-sentence only once ("Fans of Marlowe"); the two sentence openers count because of it.
    expect(names(index, 0)).toEqual(["marlow"]);
  });

  it("leaves out the topic: a name of nearly every paragraph, or a title that is a name as a whole", () => {
    const index = buildIndex({
      articles: [
        article("everywhere", "Marlowe results", [
          "Marlowe reported results.",
          "Marlowe beat forecasts.",
          "Marlowe will hire.",
          "Marlowe shares rose.",
        ]),
        article("whole", "Glass Harbour 2", [
          "Glass Harbour is a drama.",
          "The cast of Glass Harbour grew.",
          "Fans of Glass Harbour waited.",
          "Its second season opens soon.",
          "Critics liked the first one.",
        ]),
      ],
    });
    expect(names(index, 0)).toEqual([]);
    expect(names(index, 1)).toEqual([]);
  });

  it("takes a title the body writes as it stands to be a name as a whole, lower-case words and all", () => {
    const town = (title: string) =>
      buildIndex({
        articles: [
          article("town", title, [
            "Kirkby upon Wold lies on the river.",
            "The market in Kirkby is old.",
            "Roads from Kirkby run north.",
            "Visitors to Kirkby come in summer.",
            "Its mill closed long ago.",
            "The school opened in 1901.",
          ]),
        ],
      });
    // "upon" is no name, but the body writes "Kirkby upon Wold": the article is about it.
    expect(names(town("Kirkby upon Wold"), 0)).toEqual([]);
    expect(names(town("Kirkby upon Wold today"), 0)).toEqual(["kirkbi"]);
  });

  it("for a place question, keeps names the article writes as places", () => {
    const index = buildIndex({
      articles: [
        article("flood", "Flooding in Virginia leaves Smith's town under water", [
          "Flooding hit towns in Virginia overnight.",
          "Mayor Smith said the state will need help.",
          "Mayor Smith toured the area. Crews in Virginia worked all night.",
          "Rain is expected again, Smith added, and Virginia roads may flood.",
          "Roads stayed closed.",
        ]),
      ],
    });
    expect(names(index, 0)).toEqual(["smith", "virginia"]);
    expect(names(index, 0, true)).toEqual(["virginia"]);
  });
});

describe("salience in boostAnswerType", () => {
  const index = buildIndex({
    articles: [
      article("retail", "Analysts accuse Marlowe Home of cutting cooling", [
        "Retailers want sales to be red hot, not their customers.",
        "A report from Brackley Bank claims the company has cut air conditioning in its shops.",
        "Marlowe Home has cut the air conditioning in its shops, the report says.",
        "Marlowe Home did not respond.",
        "Shares of Marlowe fell on Tuesday.",
        "Shoppers said the heat was hard to bear.",
      ]),
      article("other", "Grocers and the summer heat", [
        "Grocers cut air conditioning in some shops during the heat wave, Harlan Ode said.",
      ]),
    ],
  });
  const question = "Which company has cut air conditioning in its shops?";

  it("picks only the first passage of the best passage's article, in the ranks and scores it holds", () => {
    const { query, ranked } = rerankedCandidates(index, question);
    const head = boostAnswerType(index, query, ranked, resolveEngineOptions({ salienceWeight: 0 }));
    const salient = boostAnswerType(index, query, ranked, resolveEngineOptions({ salienceWeight: 3 }));
    // Same scores in the same order: only which passage holds them changes.
    expect(salient.map((r) => r.score)).toEqual(head.map((r) => r.score));
    const lead = index.docArticle[head[0]!.doc]!;
    head.forEach((r, i) => {
      if (index.docArticle[r.doc] !== lead) expect(salient[i]!.doc).toBe(r.doc);
    });
    expect(salient[0]!.doc).not.toBe(head[0]!.doc);
    expect(index.articles[lead]!.paragraphs[index.docParagraph[salient[0]!.doc]!]).toContain("Marlowe");
    // The article's other passages follow in their order.
    const rest = (list: typeof head) =>
      list.filter((r) => index.docArticle[r.doc] === lead && r.doc !== salient[0]!.doc).map((r) => r.doc);
    expect(rest(salient)).toEqual(rest(head));
  });

  it("reads a sentence-opening word as a name when the article writes it as one elsewhere", () => {
    // ¶3 names Marlowe only as its first word ("Marlowe has cut…"), which alone would be no name.
    const opener = buildIndex({
      articles: [
        article("retail", "Analysts accuse Marlowe of cutting cooling", [
          "Retailers want sales to be red hot, not their customers.",
          "A report from Brackley Bank claims the company has cut air conditioning in its shops.",
          "Marlowe has cut the air conditioning in its shops, the report says.",
          "A spokesman for Marlowe did not respond.",
          "Shares of Marlowe fell on Tuesday.",
          "Customers of Marlowe complained.",
          "Shoppers said the heat was hard to bear.",
        ]),
      ],
    });
    const { query, ranked } = rerankedCandidates(opener, question);
    const first = (w: number) =>
      opener.docParagraph[
        boostAnswerType(opener, query, ranked, resolveEngineOptions({ salienceWeight: w }))[0]!.doc
      ];
    expect(first(0)).toBe(1);
    expect(first(3)).toBe(2);
  });

  it("does nothing for a question that names the salient name itself", () => {
    const asked = "Which shops has Marlowe Home cut air conditioning in?";
    const { query, ranked } = rerankedCandidates(index, asked);
    const without = boostAnswerType(index, query, ranked, resolveEngineOptions({ salienceWeight: 0 }));
    expect(boostAnswerType(index, query, ranked, resolveEngineOptions({ salienceWeight: 3 }))).toEqual(
      without,
    );
  });
});
