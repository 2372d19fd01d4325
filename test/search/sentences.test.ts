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

describe("splitSentences reads only the word before a period", () => {
  // The rule as first written: the abbreviation test reads the whole sentence up to the period.
  const ABBREVIATIONS = new Set(["mr", "jan", "gen", "inc", "no", "vs", "e.g", "i.e", "st", "dr"]);
  function reference(text: string): { start: number; end: number }[] {
    const out: { start: number; end: number }[] = [];
    let start = 0;
    for (const m of text.matchAll(/[.!?…]+["'”’)\]]*\s+(?=["'“‘([]?[\p{Lu}\p{N}])/gu)) {
      const punct = m[0].trimEnd();
      const before = /([\p{L}.]+)\.$/u.exec(text.slice(start, m.index + 1));
      const word = before?.[1];
      const abbreviation =
        word !== undefined &&
        (/^\p{Lu}$/u.test(word) ||
          /^(?:\p{L}\.)+\p{L}$/u.test(word) ||
          ABBREVIATIONS.has(word.toLowerCase()));
      if (punct.startsWith(".") && !/^\.{2,}/.test(punct) && abbreviation) continue;
      if (m.index + punct.length > start) out.push({ start, end: m.index + punct.length });
      start = m.index + m[0].length;
    }
    const tail = text.slice(start).trimEnd();
    if (tail.length > 0) out.push({ start, end: start + tail.length });
    return out;
  }

  it("splits as reading the whole sentence did", () => {
    for (const text of [
      "The U.N. Human Rights Council met on Jan. 5 with Gen. Ruiz. J. K. Rowling wrote. Next.",
      "Apple Inc. said so. Mr. Smith agreed.\tDr. Who? No. 5 won. Café.Owner left. Zoë B. Ray came.",
      'He met (Gen. Lee) and "St. Paul" then 3. 4 items. x.y.z. Then 𝐀. Bold letters. e.g. Maybe.',
      "Tabs\tbefore\tJan. 5 and newlines\nMr. X. End... Really. ¿Qué? Sí. Él llegó.",
    ]) {
      expect(splitSentences(text), text).toEqual(reference(text));
    }
  });
});
