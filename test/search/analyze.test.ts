import { describe, expect, it } from "vitest";
import { indexTerms, tokenize } from "../../src/search/analyze.js";
import { foldText } from "../../src/search/fold.js";

describe("foldText", () => {
  it("lower-cases, strips diacritics and straightens quotes", () => {
    expect(foldText("Tomljanović’s “Café” ÆSIR Straße")).toBe(`tomljanovic's "cafe" aesir strasse`);
  });
});

describe("tokenize", () => {
  it("locates each word in the original text", () => {
    const text = "Massimov’s arrest — in Astana.";
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toMatch(/^[\p{L}’]+$/u);
    expect(tokenize(text).map((t) => t.term)).toEqual(["massimov", "arrest", "in", "astana"]);
  });

  it("stems with Porter and meets British and American spellings", () => {
    expect(indexTerms("sentenced sentence")).toEqual(["sentenc", "sentenc"]);
    expect(indexTerms("organising")).toEqual(indexTerms("organizing"));
  });

  it("drops stop and question words but keeps capitalised acronyms that look like them", () => {
    expect(indexTerms("What did the president say to us?")).toEqual(["presid", "sai"]);
    expect(indexTerms("the U.S. and the US")).toEqual(["us", "us"]);
    expect(indexTerms("the U.N. council")).toEqual(["un", "council"]);
  });

  it("maps irregular past forms to their base before stemming", () => {
    expect(indexTerms("began fled won")).toEqual(indexTerms("begin flee win"));
  });

  it("keeps numbers whole and unstemmed", () => {
    expect(indexTerms("1,000 people in 2022 cost $3.5 on the 18th")).toEqual([
      "1000",
      "peopl",
      "2022",
      "cost",
      "3.5",
      "18th",
    ]);
  });

  it("marks names and numbers", () => {
    const [karim, sentenced, years] = tokenize("Karim sentenced 18").filter((t) => !t.stop);
    expect(karim!.capitalized).toBe(true);
    expect(sentenced!.capitalized).toBe(false);
    expect(years!.numeric).toBe(true);
  });

  it("never throws on odd input", () => {
    for (const text of [
      "",
      "🙂🙂",
      "<!channel> *bold* (a|b)+ [x]",
      "\u0000\u0007\uffff",
      "\ud800 lone surrogate",
    ]) {
      expect(() => tokenize(text)).not.toThrow();
    }
    expect(indexTerms("<!channel> hello")).toEqual(["channel", "hello"]);
  });
});
