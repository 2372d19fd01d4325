/**
 * Fits the learned ranker (src/search/learned-rank.ts) on the shared dev sets, with k-fold
 * cross-validation grouped by question, and reports out-of-fold figures per set.
 *
 *   NODE_OPTIONS=--max-old-space-size=8192 npx tsx scripts/train-ranker.ts
 *     [--archive-corpus DIR] [--cache DIR] [--squad-sample N] [--depth N]
 *     [--features-out FILE] [--features-in FILE] [--write]
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
 * `--features-out` saves the feature rows (JSON lines) and `--features-in` trains from such a file.
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
const MAX_NEGATIVES = 15;
const L2 = 1e-3;

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
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    const row = JSON.parse(line) as { set: string; questions?: number; features?: string[] } & Partial<Group>;
    if (row.questions !== undefined) {
      if (row.features && row.features.join() !== RANKER_FEATURES.join()) {
        throw new Error(`${file}: its features (${row.features.join()}) are not the engine's; export again.`);
      }
      sets.push({ set: row.set, questions: row.questions, groups: [] });
    } else sets.find((s) => s.set === row.set)!.groups.push(row as Group);
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
  const all = sets.flatMap((s) => s.groups);
  const weightOf = (groups: readonly Group[]) => {
    const count = new Map<string, number>();
    for (const g of groups) count.set(g.set, (count.get(g.set) ?? 0) + 1);
    return new Map([...count].map(([set, n]) => [set, 1 / n]));
  };
  const models: number[][] = [];
  for (let k = 0; k < FOLDS; k++) {
    const train = all.filter((g) => foldOf(g) !== k);
    models.push(fitPairs(pairsOf(train, weightOf(train))));
  }
  const f = (x: number) => x.toFixed(3);
  process.stdout.write(`depth ${depth}; out-of-fold (${FOLDS} folds by question), before → after\n`);
  for (const s of sets) {
    const before = recall(s.groups, s.questions, () => null);
    const after = recall(s.groups, s.questions, (g) => models[foldOf(g)]!);
    const within = s.groups.filter((g) => g.y.includes(1)).length / Math.max(1, s.questions);
    process.stdout.write(
      `${s.set}: ${s.questions} questions, answer within depth ${f(within)}; ` +
        `R@1 ${f(before.r1)} → ${f(after.r1)}, R@3 ${f(before.r3)} → ${f(after.r3)}\n`,
    );
  }
  const model = fitPairs(pairsOf(all, weightOf(all)));
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
