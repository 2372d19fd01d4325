import { describe, expect, it } from "vitest";
import {
  forEachWord,
  indexTerms,
  isPlainText,
  tokenize,
  tokenizePlain,
  tokenizeUnicode,
} from "../../src/search/analyze.js";
import { foldText } from "../../src/search/fold.js";

describe("foldText", () => {
  it("lower-cases, strips diacritics and straightens quotes", () => {
    expect(foldText("Tomljanović’s “Café” ÆSIR Straße")).toBe(`tomljanovic's "cafe" aesir strasse`);
  });
});

describe("forEachWord (the index builder's words, without a Token each)", () => {
  const texts = [
    "Massimov’s arrest — in Astana. U.S. officials said 1,000 people (3.5%) left.",
    "Tomljanović’s “Café” ÆSIR Straße: 18th-century naïve coöperation 😀 done",
    "",
    "   ",
  ];

  it("visits tokenize's words, in order, where they are written", () => {
    for (const text of texts) {
      const visited: unknown[] = [];
      forEachWord(text, (word, start, end) => visited.push({ term: word.term, stop: word.stop, start, end }));
      expect(visited).toEqual(
        tokenize(text).map((t) => ({ term: t.term, stop: t.stop, start: t.start, end: t.end })),
      );
    }
  });

  it("reads on when a visit tokenises another text", () => {
    for (const text of texts) {
      const terms: string[] = [];
      forEachWord(text, (word) => {
        tokenize("Другой текст, other text");
        terms.push(word.term);
      });
      expect(terms).toEqual(tokenize(text).map((t) => t.term));
    }
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

  it("keeps a word whose stem is under three letters apart from the two-letter word", () => {
    // Porter stems "using" to "us": the country in a question would match every "used" and be bolded.
    const [us] = indexTerms("US");
    expect(indexTerms("using used uses use").every((t) => t !== us)).toBe(true);
    expect(new Set(indexTerms("using used uses use")).size).toBe(1);
    expect(indexTerms("ones")).toEqual(indexTerms("one"));
    expect(indexTerms("dies died")).toEqual(indexTerms("die die"));
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

describe("tokenizePlain", () => {
  const samples = [
    "",
    "What did the U.S. and the U.N. say about Karim Massimov’s 18-year sentence?",
    "1,000 people paid $3.5 on the 18th; 1,000.5 and 1.a and 3D's and 12,34,5x",
    "don't rock'n'roll dogs' ’quoted’ “Squid Game” — it’s 2022… U.S U.S.A. a.b.c.d e.g. i.e",
    "ALL CAPS WORDS, IT and US; x.y. x.y.z a. b.",
    "tabs\tand\nnewlines\u00a0no-break – dash ‘single’ “double”",
    "__init__ a_b C++ #tag @user <!channel> (a|b)+ [x] 100% 5'10 ’s ''",
    "trailing apostrophe' and trailing dot. and 1, and 2.",
  ];

  it("treats ASCII and news punctuation as plain, anything else as not", () => {
    for (const text of samples) expect(isPlainText(text)).toBe(true);
    for (const text of ["café", "Tomljanović", "🙂", "naïve", "Straße", "x\u0301"]) {
      expect(isPlainText(text)).toBe(false);
    }
  });

  it("gives the same tokens as the Unicode tokenizer on plain text", () => {
    for (const text of samples) expect(tokenizePlain(text)).toEqual(tokenizeUnicode(text));
  });

  it("is what tokenize uses for plain text, and the Unicode path the rest", () => {
    const accented = "Tomljanović’s U.S. café cost 1,000.5";
    expect(tokenize(accented)).toEqual(tokenizeUnicode(accented));
    expect(tokenize(accented).map((t) => t.term)).toEqual(["tomljanov", "us", "cafe", "cost", "1000.5"]);
    expect(tokenize(samples[1]!)).toEqual(tokenizePlain(samples[1]!));
  });
});
