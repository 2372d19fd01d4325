import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/search/analyze.js";
import { questionSentences } from "../../src/search/answer-type/question-type.js";
import { holdsMoney, typeNounOf } from "../../src/search/answer-type/type-noun.js";
import { buildIndex } from "../../src/search/build-index.js";
import { rankPassages } from "../../src/search/pipeline.js";

const nounOf = (q: string) => typeNounOf(questionSentences(q, tokenize(q)));

describe("the wh-phrase's noun", () => {
  it("reads the noun after which/what, past a count and 'kind of'", () => {
    expect(nounOf("Which team won the cup?").noun).toBe("team");
    expect(nounOf("What company makes the phone?").noun).toBe(tokenize("company")[0]!.term);
    expect(nounOf("Which two countries signed the deal?").noun).toBe(tokenize("countries")[0]!.term);
    expect(nounOf("What kind of vaccine was approved?").noun).toBe(tokenize("vaccine")[0]!.term);
    // No noun: the wh-word is followed by a verb or a name.
    expect(nounOf("What did he say?").noun).toBeNull();
    expect(nounOf("Which Premier League club?").noun).toBeNull();
  });

  it("asks for money only with 'how much' or a price noun beside a money word", () => {
    expect(nounOf("How much did the bridge repairs cost?").money).toBe(true);
    expect(nounOf("What price did the painting sell for?").money).toBe(true);
    expect(nounOf("How much rain fell on Sunday?").money).toBe(false);
    expect(nounOf("How many people attended?").money).toBe(false);
  });

  it("finds amounts of money as written, not bare numbers", () => {
    expect(holdsMoney("Repairs cost $4.5 million.")).toBe(true);
    expect(holdsMoney("The fine was £300.")).toBe(true);
    expect(holdsMoney("They paid 40 million euros for him.")).toBe(true);
    expect(holdsMoney("About 4,500 people attended in 2021.")).toBe(false);
  });

  it("golden: a passage naming a team beside 'team' comes first for 'which team'", () => {
    // Both passages speak of the cup final; only the second writes a name right beside "team" — the
    // thing "which team" asks for. Without the steer (typeNounWeight 0) the first, which repeats the
    // question's words, is first.
    const index = buildIndex({
      articles: [
        {
          id: "a",
          title: "Cup final report",
          publication: "P",
          paragraphs: [
            "The regional cup final was a close one: the winning team won the regional cup after extra time.",
            "Harbour Rovers were the team that won the final, 2-1.",
            "Tickets for next season go on sale in May.",
          ],
        },
      ],
    } as never);
    const first = (options: object) =>
      index.docParagraph[
        rankPassages(index, "Which team won the regional cup final?", options).ranked![0]!.doc
      ]! + 1;
    expect(first({ typeNounWeight: 0 })).toBe(1);
    expect(first({ typeNounWeight: 1 })).toBe(2);
  });
});
