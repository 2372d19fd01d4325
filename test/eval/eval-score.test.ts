import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { foldForEval, hitRank, holdsExpected, parseEvalFile, scoreEval } from "../../src/eval/eval-score.js";
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

  it("counts a passage as a hit when it holds an expected phrase, both folded; an empty one holds nothing", () => {
    expect(
      holdsExpected("He was “sentenced to 18 years  in prison” today.", ['sentenced to 18 years in prison"']),
    ).toBe(true);
    expect(holdsExpected("He was sentenced to 8 years.", ["sentenced to 18 years"])).toBe(false);
    expect(holdsExpected("anything", [""])).toBe(false);
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

describe("eval scoring of the archive set (answer / wrong / asked)", () => {
  const dated = (texts: string[], published: (string | null)[], confidence?: "high" | "low"): Answer => {
    const a = answer(texts);
    a.passages.forEach((p, i) => {
      p.published = published[i] ?? null;
    });
    if (confidence) a.confidence = confidence;
    return a;
  };

  it("reads archive rows: answer and wrong, no expect, a date of asking", () => {
    const rows = parseEvalFile(
      '{"id": "q1", "question": "Who?", "asked": "2023-01-06", "answer": "Kevin McCarthy", "wrong": ["George Santos"]}\n',
    );
    expect(rows).toEqual([
      { id: "q1", question: "Who?", asked: "2023-01-06", answer: "Kevin McCarthy", wrong: ["George Santos"] },
    ]);
    expect(() => parseEvalFile('{"id": "q", "question": "?", "answer": "x", "asked": "06/01/2023"}')).toThrow(
      /questions:1: "asked" must be a date/,
    );
  });

  it("scores answer@1, answer@3, cleanly@1, from the future and the confidence split", () => {
    const questions = [
      { id: "a", question: "?", asked: "2023-01-06", answer: "McCarthy", wrong: ["Santos"] },
      { id: "b", question: "?", asked: "2023-01-06", answer: "McCarthy", wrong: ["Santos"] },
      { id: "c", question: "?", asked: "2023-01-06", answer: "600 years", wrong: ["400 years"] },
      { id: "d", question: "?", asked: "2023-01-06", answer: "115", wrong: [] },
    ];
    const report = scoreEval(questions, [
      // Right and clean, from the day before: not from the future.
      dated(["Kevin McCarthy lost again."], ["2023-01-05"], "high"),
      // Right but not clean (names a wrong choice too), and published after the asking.
      dated(["McCarthy and Santos…"], ["2023-01-07T09:00:00Z"], "high"),
      // Right only third.
      dated(["a", "b", "the first in 600 years"], [null, null, null], "low"),
      // Nothing found.
      { question: "?", found: false, passages: [], hasMore: false },
    ]);
    expect(report.archive).toEqual({
      questions: 4,
      answerAt1: 0.5,
      answerAt3: 0.75,
      cleanlyAt1: 0.25,
      missedAt1: ["c", "d"],
    });
    expect(report.fromFuture).toEqual({ count: 1, of: 4, share: 0.25, ids: ["b"] });
    expect(report.confidence).toEqual({ judged: 3, highShare: 0.5, highRightAt1: 1 });
  });
});
