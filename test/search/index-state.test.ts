import { describe, expect, it } from "vitest";
import { buildIndex } from "../../src/search/build-index.js";
import { indexState, Memo, MemoFamily, withMarks } from "../../src/search/index-state.js";

const corpus = (word: string) => ({
  articles: [{ id: word, title: word, publication: "P", paragraphs: [`A ${word} paragraph.`], source: "x" }],
});

describe("indexState", () => {
  it("is one object per index, with zeroed scratch arrays sized to its terms and paragraphs", () => {
    const a = buildIndex(corpus("alpha"));
    const b = buildIndex(corpus("beta"));
    expect(indexState(a)).toBe(indexState(a));
    expect(indexState(a)).not.toBe(indexState(b));
    const state = indexState(a);
    expect(state.rerankGroups.length).toBe(a.terms.length);
    expect(state.answerMarks.length).toBe(a.terms.length);
    expect(state.seenDocs.length).toBe(a.docCount);
    expect(state.rerankGroups).not.toBe(state.answerMarks);
    expect([...state.rerankGroups, ...state.seenDocs].every((v) => v === 0)).toBe(true);
  });
});

describe("Memo", () => {
  it("keeps values and clears itself when full", () => {
    const memo = new Memo<string, number>(2);
    memo.set("k", 1);
    expect(memo.get("k")).toBe(1);
    memo.set("l", 2);
    // Full: the third key starts a fresh memo.
    memo.set("m", 3);
    expect(memo.get("k")).toBeUndefined();
    expect(memo.get("m")).toBe(3);
  });
});

describe("MemoFamily", () => {
  it("gives each pair of options one memo of its own, the same one every time", () => {
    const family = new MemoFamily<string, number>(4);
    family.of(0.8, 3).set("k", 1);
    expect(family.of(0.8, 3).get("k")).toBe(1);
    expect(family.of(0.8, 2).get("k")).toBeUndefined();
    expect(family.of(0.5, 3).get("k")).toBeUndefined();
    expect(family.of(0.8, 3)).toBe(family.of(0.8, 3));
  });
});

describe("withMarks", () => {
  it("resets every mark it recorded, when the body returns and when it throws", () => {
    const scratch = new Int32Array(8);
    const value = withMarks(scratch, (marks, touched) => {
      marks[2] = 5;
      marks[6] = 1;
      touched.push(2, 6);
      return marks[2]! + marks[6]!;
    });
    expect(value).toBe(6);
    expect([...scratch].every((v) => v === 0)).toBe(true);
    expect(() =>
      withMarks(scratch, (marks, touched) => {
        marks[3] = 9;
        touched.push(3);
        throw new Error("bug");
      }),
    ).toThrow("bug");
    expect([...scratch].every((v) => v === 0)).toBe(true);
  });
});
