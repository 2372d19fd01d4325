/**
 * Fits the re-ranker's weights (and a few query and index options) by coordinate ascent on a training
 * split, and reports held-out figures, so the defaults in src/search are measured, not hand-set.
 *
 * Splits (fixed seed): SQuAD and the news questions are each shuffled and halved; the fit sees a sample
 * of the SQuAD training half (--sample, default 3,000) and the news training half, maximising the mean of
 * their MRRs under the rule that neither falls (40 news questions alone would pull the weights their own
 * way); the other halves, dev.jsonl and (--archive) the news questions among an archive are only reported.
 *
 *   npx tsx scripts/tune/run.ts [--sample 3000] [--seed 1] [--rounds 3] [--min-gain 0.001]
 *       [--only name,name] [--start '{"leadWeight":0.5}'] [--no-fit | --sweep] [--tolerance 0.0003,0] [--shares 1,1]
 *       [--archive DIR]   (also report the news questions among an archive folder, see docs/quality.md)
 */
import path from "node:path";
import { flagValue } from "../../src/cli/engine-args.js";
import { repoRoot } from "../../src/cli/paths.js";
import { createRandom } from "../bench/random.js";
import { coordinateAscent, type Weights } from "./coordinate-ascent.js";
import { formatMetrics, measure } from "./metrics.js";
import { DEFAULTS, PARAMS, splitWeights } from "./params.js";
import { loadQuestionSet, type QuestionSet } from "./question-set.js";

function shuffled(n: number, seed: number): number[] {
  const random = createRandom(seed);
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function halves(set: QuestionSet, seed: number): { train: number[]; test: number[] } {
  const order = shuffled(set.questions.length, seed);
  const cut = Math.ceil(order.length / 2);
  return { train: order.slice(0, cut).sort((a, b) => a - b), test: order.slice(cut).sort((a, b) => a - b) };
}

async function main(argv: string[]): Promise<void> {
  const seed = Number(flagValue(argv, "--seed") ?? 1);
  const sample = Number(flagValue(argv, "--sample") ?? 3000);
  const rounds = Number(flagValue(argv, "--rounds") ?? 3);
  const minGain = Number(flagValue(argv, "--min-gain") ?? 0.001);
  // Most a set's training MRR may fall for a move: about one SQuAD question of the sample, no news one.
  const tolerance = (flagValue(argv, "--tolerance") ?? "0.0003,0").split(",").map(Number);
  // Shares of SQuAD and news in the mean that is maximised.
  const shares = (flagValue(argv, "--shares") ?? "1,1").split(",").map(Number);
  const only = flagValue(argv, "--only")?.split(",");
  const start: Weights = { ...DEFAULTS, ...JSON.parse(flagValue(argv, "--start") ?? "{}") };
  const evalDir = path.resolve(repoRoot, "../shared/eval");

  const squad = await loadQuestionSet(
    "squad",
    path.join(evalDir, "squad/questions.jsonl"),
    path.join(evalDir, "squad/corpus"),
  );
  const news = await loadQuestionSet(
    "news",
    path.join(evalDir, "news/dev.jsonl"),
    path.join(evalDir, "news/corpus"),
  );
  const dev = await loadQuestionSet("dev", path.join(evalDir, "dev.jsonl"), path.join(repoRoot, "corpus"));
  // The news questions among an archive (docs/quality.md: gold articles + 10,000 archive lines): a check of scale.
  const archiveDir = flagValue(argv, "--archive");
  const archive = archiveDir
    ? await loadQuestionSet("archive", path.join(evalDir, "news/dev.jsonl"), path.resolve(archiveDir))
    : undefined;
  const squadSplit = halves(squad, seed);
  const newsSplit = halves(news, seed + 1);
  const squadFit = squadSplit.train.slice(0, sample);
  const all = (set: QuestionSet) => set.questions.map((_, i) => i);

  const run = (set: QuestionSet, subset: readonly number[], w: Weights) => {
    const { index, engine } = splitWeights(w);
    return measure(set, subset, engine, index);
  };
  const objective = (w: Weights) => [run(squad, squadFit, w).mrr, run(news, newsSplit.train, w).mrr];

  const report = (label: string, w: Weights) => {
    const lines = [
      `${label}: ${JSON.stringify(w)}`,
      `  squad fit sample  ${formatMetrics(run(squad, squadFit, w))}`,
      `  squad train half  ${formatMetrics(run(squad, squadSplit.train, w))}`,
      `  squad held-out    ${formatMetrics(run(squad, squadSplit.test, w))}`,
      `  squad all         ${formatMetrics(run(squad, all(squad), w))}`,
      `  news train half   ${formatMetrics(run(news, newsSplit.train, w))}`,
      `  news held-out     ${formatMetrics(run(news, newsSplit.test, w))}`,
      `  news all          ${formatMetrics(run(news, all(news), w))}`,
      `  dev (check)       ${formatMetrics(run(dev, all(dev), w))}`,
    ];
    if (archive) {
      lines.push(
        `  archive train     ${formatMetrics(run(archive, newsSplit.train, w))}`,
        `  archive held-out  ${formatMetrics(run(archive, newsSplit.test, w))}`,
        `  archive all       ${formatMetrics(run(archive, all(archive), w))}`,
      );
    }
    process.stdout.write(`${lines.join("\n")}\n`);
  };

  const params = only ? PARAMS.filter((p) => only.includes(p.name)) : PARAMS;
  if (argv.includes("--sweep")) {
    // One parameter at a time over its grid, the others at the start: is the start a peak on held-out too?
    const squadCheck = squadSplit.test.slice(0, sample);
    const f = (x: number) => x.toFixed(4);
    process.stdout.write(
      "param value: MRR squad fit sample / squad held-out sample / news train / news held-out\n",
    );
    for (const p of params) {
      for (const x of [...new Set([...p.grid, start[p.name]!])].sort((a, b) => a - b)) {
        const w = { ...start, [p.name]: x };
        const row = [
          run(squad, squadFit, w).mrr,
          run(squad, squadCheck, w).mrr,
          run(news, newsSplit.train, w).mrr,
          run(news, newsSplit.test, w).mrr,
        ];
        const mark = x === start[p.name] ? " *" : "";
        process.stdout.write(`${p.name} ${x}: ${row.map(f).join(" ")}${mark}\n`);
      }
    }
    return;
  }
  report("start", start);
  if (argv.includes("--no-fit")) return;
  const started = performance.now();
  const fitted = coordinateAscent(params, start, objective, {
    rounds,
    minGain,
    tolerance,
    shares,
    log: (line) =>
      process.stdout.write(`  ${line} (${Math.round((performance.now() - started) / 1000)} s)\n`),
  });
  report("fitted", fitted.weights);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exitCode = 1;
});
