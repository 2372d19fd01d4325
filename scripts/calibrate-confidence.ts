/**
 * Fits the confidence model (src/answer/confidence.ts) on the shared dev sets and picks its threshold,
 * with cross-validation: every question's probability comes from a model fitted without it.
 *
 *   NODE_OPTIONS=--max-old-space-size=8192 npx tsx scripts/calibrate-confidence.ts [--write]
 *     [--archive-corpus DIR] [--cache DIR] [--squad-sample N]
 *
 * Sets (each weighted equally): seed dev over corpus/, news dev over news/corpus, every Nth SQuAD
 * question (default every 10th) over squad/corpus, and the archive set over the whole archive, its
 * rankings as of each question's `asked` day (the engine's own restriction and time phrases). A question's label: its first passage is a hit (holds an
 * `expect` phrase; for the archive set, the `answer`). Logistic regression on the features, 5 folds by
 * question order; the threshold is the lowest at which the out-of-fold "high" answers are right ≥ 0.80
 * of the time (weighted). `--write` saves the model fitted on all questions with that threshold to
 * src/answer/confidence-model.ts.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { answerQuestion } from "../src/answer/answer-question.js";
import { askContext } from "../src/answer/ask-context.js";
import { type ConfidenceFeatures, confidenceFeatures } from "../src/answer/confidence.js";
import { flagValue } from "../src/cli/engine-args.js";
import { type EvalQuestion, foldForEval, hitRank } from "../src/eval/eval-score.js";
import { coverageOfQuestion, type ParagraphIndex, rankPassages } from "../src/search/index.js";
import { devSets } from "./dev-sets.js";

const FEATURES = ["coverage", "agreement", "gap", "names", "recency"] as const;
const FOLDS = 5;
const PRECISION = 0.8;

interface Row {
  set: string;
  x: number[];
  y: number;
  w: number;
}

function stripQuotes(s: string): string {
  return s.replace(/^["“”]+|["“”]+$/g, "");
}

/** Feature rows of the found answers of one set; unfound questions have no confidence to fit. */
function rowsOf(
  set: string,
  index: ParagraphIndex,
  questions: readonly EvalQuestion[],
  archive: boolean,
): { rows: Row[]; asked: number } {
  const rows: Row[] = [];
  for (const q of questions) {
    if (!archive && (q.expect ?? []).length === 0) continue;
    // Asked as the engine asks: on the question's day, with its time phrases read as dates.
    const context = askContext(q.question, q.asked ? { asked: q.asked } : {});
    const { query, ranked } = rankPassages(index, context.text, {}, 31, context.restriction);
    if (!ranked) continue;
    const kept = ranked;
    const first = kept[0];
    if (!first) continue;
    const f: ConfidenceFeatures = confidenceFeatures(
      index,
      query,
      kept,
      coverageOfQuestion(index, query, first.coverage),
      { restriction: context.restriction },
    );
    const text = foldForEval(
      index.articles[index.docArticle[first.doc]!]!.paragraphs[index.docParagraph[first.doc]!]!,
    );
    let y: number;
    if (archive) y = text.includes(foldForEval(stripQuotes(q.answer ?? ""))) ? 1 : 0;
    else {
      // Label from the answer the engine gives (hitRank reads passage text).
      const answer = answerQuestion(index, q.question, q.asked ? { limit: 1, asked: q.asked } : { limit: 1 });
      y = hitRank(answer, q.expect ?? []) === 1 ? 1 : 0;
    }
    rows.push({ set, x: FEATURES.map((k) => f[k]), y, w: 1 });
  }
  return { rows, asked: questions.filter((q) => archive || (q.expect ?? []).length > 0).length };
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Weighted logistic regression by gradient descent (features are 0–1; a little L2). */
function fitLogistic(rows: readonly Row[]): { bias: number; w: number[] } {
  let bias = 0;
  const w = FEATURES.map(() => 0);
  const total = rows.reduce((s, r) => s + r.w, 0);
  for (let it = 0; it < 3000; it++) {
    let gb = 0;
    const gw = w.map(() => 0);
    for (const r of rows) {
      const p = sigmoid(bias + r.x.reduce((s, x, i) => s + x * w[i]!, 0));
      const e = (p - r.y) * r.w;
      gb += e;
      r.x.forEach((x, i) => {
        gw[i]! += e * x;
      });
    }
    bias -= (2 * gb) / total;
    w.forEach((_, i) => {
      w[i]! -= 2 * (gw[i]! / total + 0.001 * w[i]!);
    });
  }
  return { bias, w };
}

function prob(m: { bias: number; w: number[] }, x: readonly number[]): number {
  return sigmoid(m.bias + x.reduce((s, v, i) => s + v * m.w[i]!, 0));
}

/** Lowest threshold whose "high" answers (p ≥ t) are right ≥ PRECISION of the (weighted) time. */
function pickThreshold(scored: readonly { p: number; y: number; w: number }[]): number {
  const sorted = [...scored].sort((a, b) => b.p - a.p);
  let right = 0;
  let all = 0;
  let best = 1;
  for (const s of sorted) {
    right += s.y * s.w;
    all += s.w;
    if (all > 0 && right / all >= PRECISION) best = s.p;
  }
  return best;
}

async function main(argv: string[]): Promise<void> {
  const squadEvery = Number(flagValue(argv, "--squad-sample") ?? 10);
  const sets: { set: string; rows: Row[]; asked: number }[] = [];
  for await (const { name, index, questions, archive } of devSets(argv, squadEvery)) {
    sets.push({ set: name, ...rowsOf(name, index, questions, archive) });
  }

  const rows: Row[] = [];
  for (const s of sets) {
    for (const r of s.rows) rows.push({ ...r, w: 1 / Math.max(1, s.rows.length) });
  }
  // Out-of-fold probabilities.
  const oof: { p: number; y: number; w: number; set: string }[] = [];
  for (let k = 0; k < FOLDS; k++) {
    const train = rows.filter((_, i) => i % FOLDS !== k);
    const m = fitLogistic(train);
    rows.forEach((r, i) => {
      if (i % FOLDS === k) oof.push({ p: prob(m, r.x), y: r.y, w: r.w, set: r.set });
    });
  }
  // The threshold from the folds' probabilities: each fold's own would use its questions twice.
  const threshold = pickThreshold(oof);
  const f = (x: number) => x.toFixed(3);
  process.stdout.write(`threshold ${f(threshold)} (out-of-fold, weighted precision >= ${PRECISION})\n`);
  for (const s of sets) {
    const mine = oof.filter((o) => o.set === s.set);
    const high = mine.filter((o) => o.p >= threshold);
    const right = high.filter((o) => o.y === 1).length;
    const right1 = mine.filter((o) => o.y === 1).length;
    process.stdout.write(
      `${s.set}: ${s.asked} questions, ${mine.length} found, right first ${right1}; ` +
        `high ${high.length} (${f(high.length / Math.max(1, s.asked))} of questions), right ${f(right / Math.max(1, high.length))}\n`,
    );
  }
  if (argv.includes("--curve")) {
    for (const t of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) {
      const parts = sets.map((s) => {
        const mine = oof.filter((o) => o.set === s.set);
        const high = mine.filter((o) => o.p >= t);
        const right = high.filter((o) => o.y === 1).length;
        return `${s.set} ${f(high.length / Math.max(1, s.asked))}/${f(right / Math.max(1, high.length))}`;
      });
      process.stdout.write(`  t ${t}: ${parts.join("  ")}\n`);
    }
  }
  const model = fitLogistic(rows);
  process.stdout.write(
    `model: bias ${f(model.bias)} ${FEATURES.map((k, i) => `${k} ${f(model.w[i]!)}`).join(" ")}\n`,
  );
  if (argv.includes("--write")) {
    const round = (x: number) => Math.round(x * 10000) / 10000;
    const file = path.resolve("src/answer/confidence-model.ts");
    const weights = FEATURES.map((k, i) => `${k}: ${round(model.w[i]!)}`).join(", ");
    await writeFile(
      file,
      `/**
 * Weights of the confidence model (see confidence.ts), as data: written by
 * \`npx tsx scripts/calibrate-confidence.ts --write\`, which fits them on the shared dev sets with
 * cross-validation and picks the threshold. Do not edit by hand.
 */
export const CONFIDENCE_MODEL = {
  bias: ${round(model.bias)},
  weights: { ${weights} },
  threshold: ${round(threshold)},
};
`,
    );
    process.stdout.write(`wrote ${file}\n`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exitCode = 1;
});
