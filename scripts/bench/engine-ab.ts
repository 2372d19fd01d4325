/**
 * The engine of another checkout against this one's, in one process, alternating slices of the 79 news
 * questions over the seed corpus (each slice asks them ten times), so the machine's load falls on both
 * alike: the per-question CPU of each, median over the slices, and their ratio. Answers must be equal
 * (checked first). Run it under the heavy lock.
 *
 *   npx tsx scripts/bench/engine-ab.ts BASE_CHECKOUT [--undated] [--slices 30]
 *
 * Asked with a date (as Slack asks: the day of asking, "2026-12-07") unless --undated.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { AnswerOptions, AskFn } from "../../src/answer/types.js";
import { newsQuestionsFile, repoRoot, seedCorpusDir } from "./paths.js";
import { readQuestionFile } from "./questions.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { undated: { type: "boolean", default: false }, slices: { type: "string", default: "30" } },
});
const baseRoot = positionals[0];
if (!baseRoot) {
  console.error("usage: engine-ab.ts BASE_CHECKOUT [--undated] [--slices 30]");
  process.exit(2);
}
const cacheDir = mkdtempSync(path.join(os.tmpdir(), "newsdesk-engine-ab-"));

async function askOf(root: string): Promise<AskFn> {
  const { openEngine } = await import(path.join(path.resolve(root), "src/answer/engine.ts"));
  const { loadCorpus } = await import(path.join(path.resolve(root), "src/corpus/load-corpus.ts"));
  const corpus = await loadCorpus(seedCorpusDir);
  return (await openEngine(corpus, { cacheDir: mkdtempSync(path.join(cacheDir, "c-")) })).ask;
}

const base = await askOf(baseRoot);
const mine = await askOf(repoRoot);
const questions = (await readQuestionFile(newsQuestionsFile, "news")).map((q) => q.question);
const options: AnswerOptions | undefined = values.undated ? undefined : { asked: "2026-12-07" };
for (const q of questions) {
  if (JSON.stringify(base(q, options)) !== JSON.stringify(mine(q, options))) {
    throw new Error(`the two engines answer differently: ${q}`);
  }
}
for (let i = 0; i < 20; i++) {
  for (const q of questions) {
    base(q, options);
    mine(q, options);
  }
}
const slice = (ask: AskFn) => {
  const start = process.cpuUsage();
  for (let r = 0; r < 10; r++) for (const q of questions) ask(q, options);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / (10 * questions.length);
};
const times = { base: [] as number[], mine: [] as number[] };
for (let s = 0; s < Number(values.slices); s++) {
  // ABBA, so neither always runs first.
  if (s % 2 === 0) {
    times.base.push(slice(base));
    times.mine.push(slice(mine));
  } else {
    times.mine.push(slice(mine));
    times.base.push(slice(base));
  }
}
const median = (x: number[]) => [...x].sort((a, b) => a - b)[x.length >> 1]!;
const [b, m] = [median(times.base), median(times.mine)];
console.log(
  `${values.undated ? "undated" : "dated"}: ${baseRoot} ${b.toFixed(1)} µs per question, this checkout ${m.toFixed(1)} µs (×${(m / b).toFixed(2)}), median of ${values.slices} slices of ${10 * questions.length}`,
);
rmSync(cacheDir, { recursive: true, force: true });
