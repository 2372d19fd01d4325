import { describe, expect, it } from "vitest";
import { dayNumber, dayString } from "../../src/corpus/dates.js";
import { readTimePhrases } from "../../src/search/time-phrases.js";

/** Questions asked on Friday 6 January 2023. */
const ASKED = dayNumber("2023-01-06")!;
const read = (question: string) => {
  const r = readTimePhrases(question, ASKED);
  return { text: r.text, phrases: r.phrases, span: r.span && [dayString(r.span.from), dayString(r.span.to)] };
};

describe("readTimePhrases", () => {
  it.each([
    ["Who was elected speaker this week?", "this week", ["2022-12-31", "2023-01-06"]],
    ["What did the senate pass last week?", "last week", ["2022-12-24", "2023-01-01"]],
    ["Who resigned last month?", "last month", ["2022-12-01", "2023-01-02"]],
    ["Who won the match yesterday?", "yesterday", ["2023-01-05", "2023-01-06"]],
    ["Which company recently cut jobs?", "recently", ["2022-12-07", "2023-01-06"]],
    ["Who won the election in 2021?", "in 2021", ["2021-01-01", "2022-01-02"]],
    ["What has the bank done since March?", "since March", ["2022-03-01", "2023-01-06"]],
    ["Which team won on Tuesday?", "on Tuesday", ["2023-01-03", "2023-01-05"]],
    ["Who was named coach in June?", "in June", ["2022-06-01", "2022-07-02"]],
  ])("%s → %s", (question, phrase, span) => {
    const r = read(question);
    expect(r.phrases).toEqual([phrase]);
    expect(r.span).toEqual(span);
    expect(r.text.toLowerCase()).not.toContain(phrase.toLowerCase());
  });

  it("leaves questions without time words alone, and numbers that are no dates", () => {
    for (const q of [
      "The Vatican held a funeral for the first time in how many years?",
      "Which 2022 film won best picture?",
      "How old was Bessie Hendricks?",
      "What is 600 years in the future?",
    ]) {
      const r = read(q);
      expect(r.phrases).toEqual([]);
      expect(r.span).toBeUndefined();
    }
  });

  it("reads a date ahead of the asking as the last one before it, and a span ahead of it as none", () => {
    expect(read("Who won the vote in 600 years?").span).toBeUndefined();
    expect(read("What opened on Jan. 3?").span).toEqual(["2023-01-03", "2023-01-05"]);
    expect(read("What opened in December?").span).toEqual(["2022-12-01", "2023-01-02"]);
  });
});
