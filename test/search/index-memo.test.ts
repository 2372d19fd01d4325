import { describe, expect, it } from "vitest";
import { buildIndex } from "../../src/search/build-index.js";
import { createIndexMemo, createIndexMemoFamily } from "../../src/search/index-memo.js";
import { createDocScratch, createTermScratch } from "../../src/search/term-scratch.js";

const corpus = (word: string) => ({
  articles: [{ id: word, title: word, publication: "P", paragraphs: [`A ${word} paragraph.`], source: "x" }],
});

describe("createIndexMemo", () => {
  it("keeps values per index and clears itself when full", () => {
    const a = buildIndex(corpus("alpha"));
    const b = buildIndex(corpus("beta"));
    const memo = createIndexMemo<string, number>(2);
    memo.set(a, "k", 1);
    expect(memo.get(a, "k")).toBe(1);
    expect(memo.get(b, "k")).toBeUndefined();
    memo.set(a, "l", 2);
    // Full: the third key starts a fresh memo.
    memo.set(a, "m", 3);
    expect(memo.get(a, "k")).toBeUndefined();
    expect(memo.get(a, "m")).toBe(3);
  });
});

describe("createIndexMemoFamily", () => {
  it("gives each pair of options one memo of its own, the same one every time", () => {
    const a = buildIndex(corpus("alpha"));
    const family = createIndexMemoFamily<string, number>(4);
    family(0.8, 3).set(a, "k", 1);
    expect(family(0.8, 3).get(a, "k")).toBe(1);
    expect(family(0.8, 2).get(a, "k")).toBeUndefined();
    expect(family(0.5, 3).get(a, "k")).toBeUndefined();
    expect(family(0.8, 3)).toBe(family(0.8, 3));
  });
});

describe("createTermScratch", () => {
  it("gives each index its own zeroed array sized to its terms, and each user its own", () => {
    const a = buildIndex(corpus("alpha"));
    const first = createTermScratch();
    const second = createTermScratch();
    const scratch = first(a);
    expect(scratch.length).toBe(a.terms.length);
    expect(scratch.every((v) => v === 0)).toBe(true);
    scratch[0] = 7;
    expect(first(a)[0]).toBe(7);
    expect(second(a)[0]).toBe(0);
  });
});

describe("createDocScratch", () => {
  it("gives each index a zeroed flag per paragraph, kept between calls, and each user its own", () => {
    const a = buildIndex(corpus("alpha"));
    const first = createDocScratch();
    const second = createDocScratch();
    expect(first(a).length).toBe(a.docCount);
    first(a)[0] = 1;
    expect(first(a)[0]).toBe(1);
    expect(second(a)[0]).toBe(0);
  });
});
