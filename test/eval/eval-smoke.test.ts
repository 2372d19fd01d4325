import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { parseEvalFile, scoreEval } from "../../src/eval/eval-score.js";
import { buildIndex } from "../../src/search/build-index.js";
import { corpusDir, sharedDir } from "../support/paths.js";

const devFile = path.join(sharedDir, "eval/dev.jsonl");

describe("eval smoke: dev.jsonl over the seed article", () => {
  if (!existsSync(devFile)) {
    it.skip(`needs ${devFile} (the shared folder next to the checkout)`, () => {});
    return;
  }
  it("finds every answerable question in the top 3 and answers nothing off-topic", async () => {
    const index = buildIndex(await loadCorpus(corpusDir));
    const questions = parseEvalFile(await readFile(devFile, "utf8"), devFile);
    const ask = createEngine(index).ask;
    const report = scoreEval(
      questions,
      questions.map((q) => ask(q.question)),
    );
    expect(report.recallAt3).toBe(1);
    expect(report.noAnswer).toBe(report.unanswerable);
    expect(report.recallAt1).toBeGreaterThanOrEqual(0.8);
  });
});
