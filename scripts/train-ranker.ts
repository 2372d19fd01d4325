/**
 * Fits the learned ranker (src/search/learned-rank.ts) on the shared dev sets, with k-fold
 * cross-validation grouped by question, and reports out-of-fold figures per set.
 *
 *   NODE_OPTIONS=--max-old-space-size=8192 npx tsx scripts/train-ranker.ts
 *     [--archive-corpus DIR] [--cache DIR] [--squad-sample N] [--depth N]
 *     [--features-out FILE] [--features-in FILE] [--write]
 *     [--method ascent] [--set-weights squad=3,news=1] [--use-depth N] [--negatives N] [--l2 X]
 *     [--blend A] [--drop feature,feature]
 *
 * Sets: seed dev over corpus/, news dev over news/corpus (asked on its `asked` days), every Nth SQuAD
 * question (default every 2nd) over squad/corpus, and the archive set over the whole archive (asked on
 * its days). Each question is ranked by the engine with the learned step off (`learnedDepth: 0`); its
 * first `--depth` passages (default: DEFAULT_ENGINE_OPTIONS.learnedDepth, or 30 while it is off) are its candidates, labelled
 * by the eval's rule (src/eval/eval-score.ts: the paragraph holds an `expect` phrase; archive rows, the
 * `answer`). The model is a linear pairwise logistic (RankNet) over the feature rows: every right
 * candidate against the wrong ones ranked above it or among the first 15 wrong ones, each question
 * weighing the same within its set and each set the same in all. Folds: 5, by a hash of set and question
 * id. Out-of-fold R@1 / R@3 (answer@1/@3 for the archive) re-order each question by the model fitted
 * without its fold, as the pipeline does (then a passage with none of the question's words is not
 * first). `--write` saves the model fitted on every question to src/search/ranker-model.ts.
 * `--features-out` saves the feature rows (JSON lines) and `--features-in` trains from such a file (an
 * older file's missing features read 0). The other flags are the variants measured in docs/quality.md:
 * coordinate ascent on the figures instead of the logistic, set weights, a shallower depth of the
 * exported rows, fewer negatives, more L2, a pull towards the hand-made order, features left out.
 */
import { createReadStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { askContext } from "../src/answer/ask-context.js";
import { flagValue } from "../src/cli/engine-args.js";
import { type EvalQuestion, foldForEval } from "../src/eval/eval-score.js";
import {
  DEFAULT_ENGINE_OPTIONS,
  docHoldsQuestionWord,
  type ParagraphIndex,
  RANKER_FEATURES,
  rankerFeatures,
  rankPassages,
} from "../src/search/index.js";
import { repoRoot } from "./bench/paths.js";
import { devSets } from "./dev-sets.js";

const FOLDS = 5;
let MAX_NEGATIVES = 15;
let L2 = 1e-3;

/** One question's candidates: feature rows, labels, whether each holds a question word. */
interface Group {
  set: string;
  id: string;
  x: number[][];
  y: number[];
  content: boolean[];
}

interface SetData {
  set: string;
  /** Questions scored (answerable). */
  questions: number;
  groups: Group[];
}

function holds(text: string, phrase: string): boolean {
  const p = foldForEval(phrase);
  return p.length > 0 && foldForEval(text).includes(p);
}

function groupsOf(
  set: string,
  index: ParagraphIndex,
  questions: readonly EvalQuestion[],
  depth: number,
): SetData {
  const groups: Group[] = [];
  let scored = 0;
  for (const q of questions) {
    const targets = q.expect ?? (q.answer !== undefined ? [q.answer] : []);
    if (targets.length === 0) continue;
    scored++;
    const context = askContext(q.question, q.asked ? { asked: q.asked } : {});
    if (context.problem) continue;
    const { query, ranked } = rankPassages(
      index,
      context.text,
      { learnedDepth: 0 },
      depth,
      context.restriction,
    );
    if (!ranked || ranked.length === 0) continue;
    const rows = rankerFeatures(index, query, ranked, depth);
    const top = ranked.slice(0, rows.length);
    const textOf = (doc: number) =>
      index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!]!;
    groups.push({
      set,
      id: q.id,
      x: rows.map((r) => Array.from(r, (v) => Math.round(v * 1e6) / 1e6)),
      y: top.map((r) => (targets.some((t) => holds(textOf(r.doc), t)) ? 1 : 0)),
      content: top.map((r) => docHoldsQuestionWord(index, query, r.doc)),
    });
  }
  return { set, questions: scored, groups };
}

function foldOf(g: { set: string; id: string }): number {
  let h = 2166136261;
  for (const ch of `${g.set}\u0000${g.id}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) % FOLDS;
}

interface Pair {
  d: Float64Array;
  w: number;
}

function pairsOf(groups: readonly Group[], setWeight: ReadonlyMap<string, number>): Pair[] {
  const out: Pair[] = [];
  for (const g of groups) {
    const pos = g.y.flatMap((y, i) => (y === 1 ? [i] : []));
    const neg = g.y.flatMap((y, i) => (y === 0 ? [i] : []));
    if (pos.length === 0 || neg.length === 0) continue;
    const mine: [number, number][] = [];
    for (const p of pos) {
      neg.forEach((n, k) => {
        if (n < p || k < MAX_NEGATIVES) mine.push([p, n]);
      });
    }
    const w = (setWeight.get(g.set) ?? 0) / mine.length;
    for (const [p, n] of mine) {
      out.push({ d: Float64Array.from(g.x[p]!, (v, i) => v - g.x[n]![i]!), w });
    }
  }
  return out;
}

/** Linear pairwise logistic regression by Adam on the full batch. */
function fitPairs(pairs: readonly Pair[], iterations = 400): number[] {
  const dims = RANKER_FEATURES.length;
  const w = new Float64Array(dims);
  const m = new Float64Array(dims);
  const v = new Float64Array(dims);
  const total = pairs.reduce((s, p) => s + p.w, 0) || 1;
  const rate = 0.05;
  for (let t = 1; t <= iterations; t++) {
    const grad = new Float64Array(dims);
    for (const p of pairs) {
      let z = 0;
      for (let i = 0; i < dims; i++) z += w[i]! * p.d[i]!;
      // d/dz log(1 + e^−z) = −1 / (1 + e^z)
      const g = -p.w / (1 + Math.exp(z));
      for (let i = 0; i < dims; i++) grad[i]! += g * p.d[i]!;
    }
    for (let i = 0; i < dims; i++) {
      const gi = grad[i]! / total + 2 * L2 * w[i]!;
      m[i] = 0.9 * m[i]! + 0.1 * gi;
      v[i] = 0.999 * v[i]! + 0.001 * gi * gi;
      const mh = m[i]! / (1 - 0.9 ** t);
      const vh = v[i]! / (1 - 0.999 ** t);
      w[i]! -= (rate * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  return Array.from(w);
}

/** Positions of a group's candidates in the order a model gives them, as the pipeline orders them. */
function orderOf(g: Group, w: readonly number[] | null): number[] {
  const n = g.x.length;
  const idx = [...Array(n).keys()];
  if (!w) return idx;
  const z = g.x.map((row) => row.reduce((s, x, i) => s + x * w[i]!, 0));
  idx.sort((a, b) => z[b]! - z[a]! || a - b);
  // contentFirst: a first passage without the question's words gives way to the first that has one.
  if (!g.content[idx[0]!]) {
    const at = idx.findIndex((i) => g.content[i]);
    if (at > 0) idx.unshift(...idx.splice(at, 1));
  }
  return idx;
}

function recall(
  groups: readonly Group[],
  questions: number,
  model: (g: Group) => readonly number[] | null,
): { r1: number; r3: number } {
  let r1 = 0;
  let r3 = 0;
  for (const g of groups) {
    const order = orderOf(g, model(g));
    if (g.y[order[0]!] === 1) r1++;
    if (order.slice(0, 3).some((i) => g.y[i] === 1)) r3++;
  }
  return { r1: r1 / Math.max(1, questions), r3: r3 / Math.max(1, questions) };
}

/** Right-first and right-in-three counts of each set's groups under weights `w`. */
function counts(groups: readonly Group[], w: readonly number[]): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const g of groups) {
    const order = orderOf(g, w);
    const c = out.get(g.set) ?? [0, 0];
    if (g.y[order[0]!] === 1) c[0]++;
    if (order.slice(0, 3).some((i) => g.y[i] === 1)) c[1]++;
    out.set(g.set, c);
  }
  return out;
}

const ASCENT_STEPS = [-1, -0.3, -0.1, -0.03, 0.03, 0.1, 0.3, 1];

/**
 * Coordinate ascent on the ranking's own figures (the tuner's way, scripts/tune/run.ts): from the
 * hand-made order (the score's weight alone), a weight moves by one of ASCENT_STEPS when that raises the
 * mean over sets of (right first + right in three) / 2 and lowers neither count of any set; each set
 * weighs `setWeight` and each of its questions the same.
 */
function fitAscent(groups: readonly Group[], setWeight: ReadonlyMap<string, number>, passes = 8): number[] {
  const dims = RANKER_FEATURES.length;
  const w = new Array<number>(dims).fill(0);
  w[RANKER_FEATURES.indexOf("score")] = 1;
  const sizes = new Map<string, number>();
  for (const g of groups) sizes.set(g.set, (sizes.get(g.set) ?? 0) + 1);
  const start = counts(groups, w);
  const value = (c: Map<string, [number, number]>): number | null => {
    let v = 0;
    for (const [set, [r1, r3]] of c) {
      const [s1, s3] = start.get(set)!;
      if (r1 < s1 || r3 < s3) return null;
      v += ((setWeight.get(set) ?? 1) * (r1 + r3)) / (2 * sizes.get(set)!);
    }
    return v;
  };
  let best = value(start)!;
  for (let pass = 0; pass < passes; pass++) {
    let moved = false;
    for (let j = 0; j < dims; j++) {
      let bestStep = 0;
      for (const step of ASCENT_STEPS) {
        const trial = [...w];
        trial[j]! += step;
        const v = value(counts(groups, trial));
        if (v !== null && v > best + 1e-9) {
          best = v;
          bestStep = step;
        }
      }
      if (bestStep !== 0) {
        w[j]! += bestStep;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return w;
}

async function collect(argv: string[], depth: number): Promise<SetData[]> {
  const squadEvery = Number(flagValue(argv, "--squad-sample") ?? 2);
  const sets: SetData[] = [];
  for await (const { name, index, questions } of devSets(argv, squadEvery)) {
    sets.push(groupsOf(name, index, questions, depth));
    process.stderr.write(`${name}: ${sets.at(-1)!.groups.length} questions ranked\n`);
  }
  return sets;
}

async function readFeatures(file: string): Promise<SetData[]> {
  const sets: SetData[] = [];
  // A file exported before features were added: its columns are mapped by name, the missing ones read 0.
  let columns: number[] = RANKER_FEATURES.map((_, i) => i);
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    const row = JSON.parse(line) as { set: string; questions?: number; features?: string[] } & Partial<Group>;
    if (row.questions !== undefined) {
      if (row.features) {
        const names = row.features;
        columns = RANKER_FEATURES.map((name) => names.indexOf(name));
      }
      sets.push({ set: row.set, questions: row.questions, groups: [] });
      continue;
    }
    const group = row as Group;
    group.x = group.x.map((x) => columns.map((c) => (c >= 0 ? x[c]! : 0)));
    sets.find((s) => s.set === row.set)!.groups.push(group);
  }
  return sets;
}

async function writeFeatures(file: string, sets: readonly SetData[]): Promise<void> {
  const lines: string[] = [];
  for (const s of sets) {
    lines.push(JSON.stringify({ set: s.set, questions: s.questions, features: RANKER_FEATURES }));
    for (const g of s.groups) lines.push(JSON.stringify(g));
  }
  await writeFile(file, `${lines.join("\n")}\n`);
}

async function main(argv: string[]): Promise<void> {
  const depth = Number(flagValue(argv, "--depth") ?? DEFAULT_ENGINE_OPTIONS.learnedDepth) || 30;
  const featuresIn = flagValue(argv, "--features-in");
  const sets = featuresIn ? await readFeatures(featuresIn) : await collect(argv, depth);
  const featuresOut = flagValue(argv, "--features-out");
  if (featuresOut) await writeFeatures(featuresOut, sets);
  MAX_NEGATIVES = Number(flagValue(argv, "--negatives") ?? MAX_NEGATIVES);
  L2 = Number(flagValue(argv, "--l2") ?? L2);
  // Each set weighs the same in all unless `--set-weights squad=2,news=1` says otherwise.
  const setWeight = new Map(
    (flagValue(argv, "--set-weights") ?? "")
      .split(",")
      .filter((x) => x.includes("="))
      .map((x) => [x.split("=")[0]!, Number(x.split("=")[1])] as const),
  );
  // `--use-depth N` trains and scores on each question's first N candidates of the exported rows.
  const useDepth = Number(flagValue(argv, "--use-depth") ?? 0);
  if (useDepth > 0) {
    for (const s of sets) {
      s.groups = s.groups.map((g) => ({
        ...g,
        x: g.x.slice(0, useDepth),
        y: g.y.slice(0, useDepth),
        content: g.content.slice(0, useDepth),
      }));
    }
  }
  // `--drop a,b` leaves features out (their column reads 0), to measure what each adds.
  const dropped = new Set((flagValue(argv, "--drop") ?? "").split(",").filter(Boolean));
  const droppedAt = RANKER_FEATURES.flatMap((name, i) => (dropped.has(name) ? [i] : []));
  for (const g of sets.flatMap((s) => s.groups)) for (const x of g.x) for (const i of droppedAt) x[i] = 0;
  const all = sets.flatMap((s) => s.groups);
  const weightOf = (groups: readonly Group[]) => {
    const count = new Map<string, number>();
    for (const g of groups) count.set(g.set, (count.get(g.set) ?? 0) + 1);
    return new Map([...count].map(([set, n]) => [set, (setWeight.get(set) ?? 1) / n]));
  };
  // `--method ascent`: coordinate ascent on the figures themselves; default: the pairwise logistic.
  const ascent = flagValue(argv, "--method") === "ascent";
  // `--blend A` adds A to the weight of the hand-made score's log after the fit: a pull towards the
  // hand-made order, whose strength cross-validation chooses.
  const blend = Number(flagValue(argv, "--blend") ?? 0);
  const fitModel = (groups: readonly Group[]) => {
    const w = ascent ? fitAscent(groups, setWeight) : fitPairs(pairsOf(groups, weightOf(groups)));
    w[RANKER_FEATURES.indexOf("logScore")]! += blend;
    return w;
  };
  const models: number[][] = [];
  for (let k = 0; k < FOLDS; k++) {
    const train = all.filter((g) => foldOf(g) !== k);
    models.push(fitModel(train));
  }
  const f = (x: number) => x.toFixed(3);
  const signed = (x: number, n: number) => {
    const k = Math.round(x * n);
    return k > 0 ? `+${k}` : String(k);
  };
  process.stdout.write(`depth ${depth}; out-of-fold (${FOLDS} folds by question), before → after\n`);
  for (const s of sets) {
    const before = recall(s.groups, s.questions, () => null);
    const after = recall(s.groups, s.questions, (g) => models[foldOf(g)]!);
    const within = s.groups.filter((g) => g.y.includes(1)).length / Math.max(1, s.questions);
    process.stdout.write(
      `${s.set}: ${s.questions} questions, answer within depth ${f(within)}; ` +
        `R@1 ${f(before.r1)} → ${f(after.r1)}, R@3 ${f(before.r3)} → ${f(after.r3)} ` +
        `(${signed(after.r1 - before.r1, s.questions)} / ${signed(after.r3 - before.r3, s.questions)} questions)\n`,
    );
  }
  const model = fitModel(all);
  const round = (x: number) => Math.round(x * 10000) / 10000;
  const weights = RANKER_FEATURES.map((name, i) => `    ${name}: ${round(model[i]!)},`).join("\n");
  process.stdout.write(`model:\n${weights}\n`);
  if (argv.includes("--write")) {
    const file = path.join(repoRoot, "src/search/ranker-model.ts");
    await writeFile(
      file,
      `/**
 * Weights of the learned ranker (see learned-rank.ts), as data: written by
 * \`npx tsx scripts/train-ranker.ts --write\`, which fits them on the shared dev sets with
 * cross-validation grouped by question (figures: docs/quality.md). Do not edit by hand.
 */
export const RANKER_MODEL = {
  weights: {
${weights}
  },
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
