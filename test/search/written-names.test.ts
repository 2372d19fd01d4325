import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/search/analyze.js";
import { writtenNamesOfDoc } from "../../src/search/answer-type/names.js";
import { buildIndex } from "../../src/search/build-index.js";
import { createArticleFactory } from "../support/article-factory.js";
import { fixtureIndex } from "./fixture.js";

describe("writtenNamesOfDoc (a paragraph's capitalised and numeric words, kept per doc)", () => {
  it("is the term ids of the paragraph's non-stop words written with a capital or a digit", () => {
    const article = createArticleFactory("Daily");
    const index = buildIndex({
      articles: [
        article("a", "Vote", [
          "The Senate passed the bill 52 to 48 on Tuesday, and US officials said it was late.",
        ]),
      ],
    });
    const names = [...writtenNamesOfDoc(index, 0)].map((id) => index.terms[id]);
    expect(names.sort()).toEqual(["48", "52", "senat", "tuesdai", "us"].sort());
  });

  it("equals reading the paragraph again, for every paragraph of the fixture, asked twice", async () => {
    const { index } = await fixtureIndex();
    for (let round = 0; round < 2; round++) {
      for (let doc = 0; doc < index.docCount; doc++) {
        const text = index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!]!;
        const expected = new Set<number>();
        for (const t of tokenize(text)) {
          if (t.stop || !(t.capitalized || t.numeric)) continue;
          const id = index.termIds.get(t.term);
          if (id !== undefined) expected.add(id);
        }
        expect(writtenNamesOfDoc(index, doc)).toEqual(expected);
      }
    }
  });
});
