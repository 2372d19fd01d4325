import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/search/sentences.js";

const split = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe("splitSentences", () => {
  it("splits at sentence ends, keeping closing quotes with their sentence", () => {
    expect(split("He left. “It is over,” she said. Why? Because!")).toEqual([
      "He left.",
      "“It is over,” she said.",
      "Why?",
      "Because!",
    ]);
  });

  it("does not split after abbreviations, initials or dotted acronyms", () => {
    expect(
      split("The U.N. Human Rights Council met on Jan. 5 with Gen. Ruiz. J. K. Rowling wrote. Next."),
    ).toEqual([
      "The U.N. Human Rights Council met on Jan. 5 with Gen. Ruiz.",
      "J. K. Rowling wrote.",
      "Next.",
    ]);
  });

  it("does not split inside numbers or before lower case", () => {
    expect(split("Prices rose 3.5 per cent. e.g. this stays. New one.")).toEqual([
      "Prices rose 3.5 per cent. e.g. this stays.",
      "New one.",
    ]);
  });

  it("handles text without end punctuation and empty text", () => {
    expect(split("no full stop here")).toEqual(["no full stop here"]);
    expect(split("")).toEqual([]);
  });
});
