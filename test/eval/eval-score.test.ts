import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { foldForEval, hitRank, parseEvalFile, scoreEval } from "../../src/eval/eval-score.js";
import { makePassage } from "../support/fake-answers.js";

const answer = (texts: string[], excerpt = texts[0] ?? ""): Answer => ({
  question: "q",
  found: texts.length > 0,
  hasMore: false,
  passages: texts.map((text, i) =>
    makePassage({ rank: i + 1, text, excerpt, excerptSpans: [{ text: excerpt, match: false }] }),
  ),
});

describe("eval scoring", () => {
  it("folds quotes, white space and case", () => {
    expect(foldForEval("  “Bloody   January” ’s\n")).toBe(`"bloody january" 's`);
  });

  it("finds the rank of the first hit", () => {
    const a = answer(["nothing here", "He was Sentenced to 18  years.", "sentenced to 18 years"]);
    expect(hitRank(a, ["sentenced to 18 years"])).toBe(2);
    expect(hitRank(a, ["acquitted"])).toBe(0);
  });

  it("computes R@1, R@3, MRR, excerpt@1 and no-answer", () => {
    const questions = [
      { id: "a", question: "?", expect: ["alpha"], answer: "alpha" },
      { id: "b", question: "?", expect: ["beta"] },
      { id: "c", question: "?", expect: ["gamma"] },
      { id: "d", question: "?", expect: [] },
      { id: "e", question: "?", expect: [] },
    ];
    const answers = [
      answer(["alpha one"]),
      answer(["x", "y", "beta two"], "x"),
      answer(["x"]),
      answer([]),
      answer(["noise"]),
    ];
    const report = scoreEval(questions, answers);
    expect(report.answerable).toBe(3);
    expect(report.recallAt1).toBeCloseTo(1 / 3);
    expect(report.recallAt3).toBeCloseTo(2 / 3);
    expect(report.mrr).toBeCloseTo((1 + 1 / 3) / 3);
    expect(report.excerptAt1).toBeCloseTo(1 / 3);
    expect(report.noAnswer).toBe(1);
    expect(report.missedAt3).toEqual(["c"]);
    expect(report.missedAt1).toEqual(["b", "c"]);
    expect(report.falseAnswers).toEqual(["e"]);
  });

  it("parses question files and names a bad line", () => {
    expect(parseEvalFile('{"id":"x","question":"q?","expect":["a"]}\n\n')).toEqual([
      { id: "x", question: "q?", expect: ["a"] },
    ]);
    expect(() => parseEvalFile('{"id":"x"}\n', "f.jsonl")).toThrow(/f\.jsonl:1/);
    expect(() => parseEvalFile("{oops", "f.jsonl")).toThrow(/f\.jsonl:1/);
  });
});
