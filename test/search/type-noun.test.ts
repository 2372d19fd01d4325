import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/search/analyze.js";
import { questionSentences } from "../../src/search/answer-type/question-type.js";
import { countMatch, holdsMoney, holdsShape, typeNounOf } from "../../src/search/answer-type/type-noun.js";
import { buildIndex } from "../../src/search/build-index.js";
import { rankPassages } from "../../src/search/pipeline.js";

const nounOf = (q: string) => typeNounOf(questionSentences(q, tokenize(q)));

/** An index of one article (the golden fixtures' corpus). */
function oneArticle(id: string, title: string, paragraphs: string[]) {
  return buildIndex({ articles: [{ id, title, publication: "P", paragraphs }] } as never);
}

/** The 1-based paragraph of the first passage for a question under engine options. */
function firstParagraph(index: ReturnType<typeof oneArticle>, question: string, options: object): number {
  return index.docParagraph[rankPassages(index, question, options).ranked![0]!.doc]! + 1;
}

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
    const index = oneArticle("a", "Cup final report", [
      "The regional cup final was a close one: the winning team won the regional cup after extra time.",
      "Harbour Rovers were the team that won the final, 2-1.",
      "Tickets for next season go on sale in May.",
    ]);
    const first = (options: object) =>
      firstParagraph(index, "Which team won the regional cup final?", options);
    expect(first({ typeNounWeight: 0 })).toBe(1);
    expect(first({ typeNounWeight: 1 })).toBe(2);
  });

  it("reads what 'how many' counts: its phrase up to a stop word, at most three words", () => {
    const terms = (w: string) => tokenize(w).map((t) => t.term);
    expect(nounOf("How many minutes did the hearing cover?").counted).toEqual(terms("minutes"));
    // The head is one of the phrase's words ("baby swings"), never past "and".
    expect(nounOf("How many baby swings and rockers were recalled?").counted).toEqual(terms("baby swings"));
    expect(nounOf("Approximately how many people attended?").counted).toEqual(terms("people attended"));
    expect(nounOf("How many did they sell?").counted).toEqual([]);
    expect(nounOf("How much did the bridge cost?").counted).toEqual([]);
    expect(nounOf("Which team won?").counted).toEqual([]);
  });

  it("a count is a number just before the counted noun, in one sentence, not the question's own", () => {
    const index = oneArticle("c", "Recall", [
      "The recall affects 2 million MamaRoo swings.",
      "Swings were recalled in 2022. Three swings broke.",
      "In 2022. Swings were recalled.",
      "Nine new swings, 40 minutes apart.",
    ]);
    const swing = index.termIds.get(tokenize("swings")[0]!.term)!;
    const none = () => false;
    const holds = (doc: number, asked: (id: number) => boolean = none) =>
      countMatch(index, doc, [swing], asked);
    expect(holds(0)).toBe(true); // three words before: "2 million MamaRoo swings"
    expect(holds(1)).toBe(true); // "Three swings" in the second sentence
    expect(holds(2)).toBe(false); // "2022" ends the sentence before "Swings"
    expect(holds(3)).toBe(true);
    // A number the question holds itself ("how many of the 2 million swings…") states no count.
    const two = index.termIds.get("2")!;
    const million = index.termIds.get(tokenize("million")[0]!.term)!;
    expect(holds(0, (id) => id === two || id === million)).toBe(false);
  });

  it("golden: the passage counting the minutes comes first for 'how many minutes'", () => {
    // Both passages are about the riot's minutes; only the second says how many, with a number right
    // before "minutes" — what "how many minutes" asks for. The first repeats more of the question's words
    // ("riot", "played out") and wins without the steer (countWeight 0).
    const index = oneArticle("h", "Hearing on the riot", [
      "The committee will go through the riot minute by minute, showing what the president did while the violence played out at the Capitol.",
      "The violence at the Capitol went on for 187 minutes before the president spoke.",
      "Tickets for the public gallery are free.",
    ]);
    const question = "How many minutes did the president let the violence play out at the Capitol riot?";
    const first = (options: object) => firstParagraph(index, question, options);
    expect(first({ countWeight: 0 })).toBe(1);
    expect(first({ countWeight: 0.6 })).toBe(2);
  });

  it("reads the shape of the amount from 'how old/long/far/tall' and 'what percentage/age/year'", () => {
    expect(nounOf("How old was she?").shape).toBe("age");
    expect(nounOf("At what age did he retire?").shape).toBe("age");
    expect(nounOf("How long did the strike last?").shape).toBe("duration");
    expect(nounOf("What percentage of voters turned out?").shape).toBe("percent");
    expect(nounOf("In what year did the bridge open?").shape).toBe("year");
    expect(nounOf("How far is the moon from Earth?").shape).toBe("measure");
    expect(nounOf("How tall is the tower?").shape).toBe("measure");
    expect(nounOf("How many people attended?").shape).toBeNull();
    expect(nounOf("Which team won?").shape).toBeNull();
    // Words that name an object's own properties are words like any other.
    expect(nounOf("Which constructor won the championship?").shape).toBeNull();
    expect(nounOf("How constructor-friendly is it?").shape).toBeNull();
    const index = oneArticle("f1", "Season review", [
      "Red Bull won the constructors' championship, the constructor's sixth.",
    ]);
    expect(rankPassages(index, "Which constructor won the championship?", {}).ranked?.length).toBe(1);
  });

  it("finds each shape as written, not any number", () => {
    expect(holdsShape("Turnout rose to 61.5% on Sunday.", "percent")).toBe(true);
    expect(holdsShape("Turnout rose by 4 percentage points.", "percent")).toBe(true);
    expect(holdsShape("Turnout rose to 61.5 million.", "percent")).toBe(false);
    expect(holdsShape("The 91-year-old director died.", "age")).toBe(true);
    expect(holdsShape("She died aged 115.", "age")).toBe(true);
    expect(holdsShape("He retired at the age of 40.", "age")).toBe(true);
    expect(holdsShape("She died in 2015 after 115 days in hospital.", "age")).toBe(false);
    expect(holdsShape("The strike lasted 148 days.", "duration")).toBe(true);
    expect(holdsShape("It went on for several weeks.", "duration")).toBe(true);
    expect(holdsShape("The strike ended on May 3.", "duration")).toBe(false);
    expect(holdsShape("The bridge opened in 1932.", "year")).toBe(true);
    expect(holdsShape("The tower is 1,063 feet tall.", "measure")).toBe(true);
    expect(holdsShape("A 5-kilometer race and a 42 km marathon.", "measure")).toBe(true);
    expect(holdsShape("They won 3 in a row and scored 42 points.", "measure")).toBe(false);
    expect(holdsShape("The bridge is 3,200 feet long and cost $13 million.", "year")).toBe(false);
  });

  it("golden: the passage writing an age comes first for 'how old'", () => {
    // Both passages give a number beside the question's words; only the second writes it as an age
    // ("aged 115"), the shape "how old" asks for. Without the steer (shapeWeight 0) the first, the lead,
    // is first.
    const index = oneArticle("o", "Oldest woman dies", [
      "Hendricks, the oldest person in Iowa, died on Tuesday after 115 years, her family said.",
      "Hendricks, the oldest person in Iowa, died at home aged 115.",
      "Funeral arrangements will be announced next week.",
    ]);
    const question =
      "Believed to be the oldest person in Iowa, Bessie Hendricks died this week. How old was she?";
    const first = (options: object) => firstParagraph(index, question, options);
    expect(first({ shapeWeight: 0 })).toBe(1);
    expect(first({ shapeWeight: 0.3 })).toBe(2);
  });
});
