/**
 * Fits the confidence model (src/answer/confidence.ts) on the shared dev sets together and picks its
 * threshold, with cross-validation grouped by story: every question's probability comes from a model
 * fitted without its group (a seed article, a news or quiz week, a SQuAD article).
 *
 *   NODE_OPTIONS=--max-old-space-size=8192 flock /tmp/newsdesk-heavy.lock \
 *     npx tsx scripts/calibrate-confidence.ts [--write] [--curve] [--archive-corpus DIR] [--cache DIR]
 *     [--squad-sample N] [--sets single,dev,news,squad,archive] [--save-rows FILE] [--rows FILE,FILE…]
 *     [--features a,b,…] [--precision P]
 *
 * Sets (each weighted equally): seed dev over corpus/, news dev over news/corpus asked on its dates,
 * every Nth SQuAD question (default every 10th) over squad/corpus, the archive set over the whole
 * archive asked on its dates (the engine's own restriction and time phrases), and "single": each
 * answerable news and sampled SQuAD question asked of the one article that answers it, so that the
 * single-article case (the seed) has hundreds of questions to learn from (training only; its rows share
 * their origin's group). A question's label: its first passage is a hit (holds an `expect` phrase; for
 * the archive set, the `answer`). Logistic regression (accelerated projected gradient), monotone in the
 * evidence (its weights kept ≥ 0; context flags — what the question asks, the kind of corpus — are
 * free), with adjustments for a dated ask among several articles and for a single article; 5 folds by
 * group. The threshold is the lowest probability ≥ P (default 0.8) at which the out-of-fold "high"
 * answers of every shared set (seed, news, SQuAD, archive; judged where it has 10 or more) are right
 * first ≥ P of the time. `--write` saves the model fitted on all questions with that threshold to
 * src/answer/confidence-model.ts. `--save-rows` keeps the feature rows (JSON) and `--rows` refits from
 * them in seconds (columns read by name); `--sets` computes only some sets.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { askContext } from "../src/answer/ask-context.js";
import { CONFIDENCE_FEATURES, confidenceFeatures } from "../src/answer/confidence.js";
import { flagValue } from "../src/cli/engine-args.js";
import { loadCorpus } from "../src/corpus/load-corpus.js";
import { type EvalQuestion, foldForEval, holdsExpected, parseEvalFile } from "../src/eval/eval-score.js";
import type { ParagraphIndex } from "../src/index-store/index.js";
import { buildIndex, coverageOfQuestion, rankPassages } from "../src/search/index.js";
import { sharedDir } from "./bench/paths.js";
import { type DevSet, devSets } from "./dev-sets.js";

/** The features fitted (`--features a,b,…`, default all); the others weigh 0. */
let FEATURES: readonly string[] = CONFIDENCE_FEATURES;
/** Context flags: free to take either sign (they shift the evidence's meaning, they are not evidence). */
const FREE = new Set<string>([
  "typed",
  "single",
  "dated",
  "sameArticle",
  "corpusSize",
  "lead",
  "concentration",
  "wh",
  "askTime",
  "askNumber",
  "askName",
  "askPlace",
]);
const FOLDS = 5;
let PRECISION = 0.8;
const L2 = 0.001;
const MIN_JUDGED = 10;
const WINDOW = 0;
const KIND_L2 = 0.01;
const ITERATIONS = 5000;

interface Row {
  id: string;
  set: string;
  group: string;
  x: number[];
  y: number;
  w: number;
  /** kindOf the row (set when fitting). */
  kind?: number;
}

/**
 * The base weights and the adjustments added to them for a kind of corpus (KINDS): index 0 the base,
 * 1 where the ask and the article are dated among several articles, 2 a single article (fitted on the
 * single-article corpora drawn from the news and SQuAD sets, judged on the seed article).
 */
interface Model {
  bias: number[];
  w: number[][];
}

/** The kinds of corpus the model adjusts its weights for, in the order of Model's rows. */
const KINDS = ["base", "dated", "single"] as const;

/** 2: a single article; 1: a dated ask and article among several; 0: the rest. */
function kindOf(x: readonly number[]): number {
  if (x[CONFIDENCE_FEATURES.indexOf("single")]! > 0) return 2;
  return x[CONFIDENCE_FEATURES.indexOf("dated")]! > 0 ? 1 : 0;
}

function stripQuotes(s: string): string {
  return s.replace(/^["“”]+|["“”]+$/g, "");
}

/** The story a question belongs to: folds never split one (see the header). */
function groupOf(set: DevSet["name"], q: EvalQuestion & { article?: string }): string {
  if (set === "squad") return `squad:${q.article ?? q.id}`;
  if (set === "dev") return "dev";
  return `${set}:${q.asked ?? q.id.replace(/_\d+$/, "")}`;
}

/** Feature rows of the found answers of one set; unfound questions have no confidence to fit. */
function rowsOf(set: DevSet, articles: Map<string, string>): Row[] {
  const { name, index, questions, archive } = set;
  const rows: Row[] = [];
  for (const q of questions) {
    if (!archive && (q.expect ?? []).length === 0) continue;
    // Asked as the engine asks: on the question's day, with its time phrases read as dates.
    const context = askContext(q.question, q.asked ? { asked: q.asked } : {});
    const { query, ranked } = rankPassages(index, context.text, {}, 0, context.restriction);
    const first = ranked?.[0];
    if (!ranked || !first) continue;
    const f = confidenceFeatures(index, query, ranked, coverageOfQuestion(index, query, first.coverage), {
      restriction: context.restriction,
      question: context.text,
    });
    const text = paragraphText(index, first.doc);
    const y = archive
      ? foldForEval(text).includes(foldForEval(stripQuotes(q.answer ?? "")))
      : holdsExpected(text, q.expect ?? []);
    const article = articles.get(q.id);
    rows.push({
      id: q.id,
      set: name,
      // A single-article row shares its origin's group: the same question must not train and judge.
      group: groupOf(
        name === "single" ? (q.id.startsWith("squad") ? "squad" : "news") : name,
        article ? { ...q, article } : q,
      ),
      x: CONFIDENCE_FEATURES.map((k) => f[k]),
      y: y ? 1 : 0,
      w: 1,
    });
  }
  return rows;
}

function paragraphText(index: ParagraphIndex, doc: number): string {
  return index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!]!;
}

/** SQuAD rows name their article (a field the evaluation does not read): the grouping's key. */
async function squadArticles(): Promise<Map<string, string>> {
  const file = path.resolve("../shared/eval/squad/questions.jsonl");
  const out = new Map<string, string>();
  for (const line of (await readFile(file, "utf8")).split("\n")) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { id: string; article?: string };
    if (row.article) out.set(row.id, row.article);
  }
  return out;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function prob(m: Model, x: readonly number[], kind: number): number {
  let z = m.bias[0]! + (kind > 0 ? m.bias[kind]! : 0);
  for (let i = 0; i < x.length; i++) z += x[i]! * (m.w[0]![i]! + (kind > 0 ? m.w[kind]![i]! : 0));
  return sigmoid(z);
}

/**
 * Weighted logistic regression by accelerated projected gradient descent (FISTA; features 0–1), with a
 * step of 1/L, L the gradient's Lipschitz bound, so that it converges however many features there are.
 * The base weights have a little L2, the kinds' adjustments more (KIND_L2: they move only where their
 * questions insist); either weight of an evidence feature (base, base + adjustment) stays ≥ 0.
 */
function fitLogistic(rows: readonly Row[]): Model {
  const d = FEATURES.length;
  const K = KINDS.length;
  // Parameters as one vector: per kind, a bias then d weights.
  const size = K * (d + 1);
  const total = rows.reduce((s, r) => s + r.w, 0);
  const xs = rows.map((r) => Float64Array.from(r.x));
  const step = 1 / (0.25 * largestEigenvalue(rows, xs, total) + 2 * KIND_L2);
  const free = FEATURES.map((name) => FREE.has(name));
  let theta = new Float64Array(size);
  let prev = new Float64Array(size);
  const y = new Float64Array(size);
  const grad = new Float64Array(size);
  let t = 1;
  for (let it = 0; it < ITERATIONS; it++) {
    grad.fill(0);
    for (let n = 0; n < rows.length; n++) {
      const r = rows[n]!;
      const x = xs[n]!;
      const kind = r.kind ?? 0;
      const e = (sigmoid(linear(y, x, kind, d)) - r.y) * r.w;
      grad[0]! += e;
      for (let i = 0; i < d; i++) grad[1 + i]! += e * x[i]!;
      if (kind === 0) continue;
      const o = kind * (d + 1);
      grad[o]! += e;
      for (let i = 0; i < d; i++) grad[o + 1 + i]! += e * x[i]!;
    }
    const next = new Float64Array(size);
    for (let j = 0; j < size; j++) {
      const k = Math.floor(j / (d + 1));
      const bias = j % (d + 1) === 0;
      const l2 = bias ? (k === 0 ? 0 : KIND_L2) : k === 0 ? L2 : KIND_L2;
      next[j] = y[j]! - step * (grad[j]! / total + 2 * l2 * y[j]!);
    }
    for (let i = 0; i < d; i++) {
      if (free[i]) continue;
      next[1 + i] = Math.max(0, next[1 + i]!);
      for (let k = 1; k < K; k++) {
        const o = k * (d + 1) + 1 + i;
        next[o] = Math.max(-next[1 + i]!, next[o]!);
      }
    }
    const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    for (let j = 0; j < size; j++) y[j] = next[j]! + ((t - 1) / tNext) * (next[j]! - theta[j]!);
    prev = theta;
    theta = next;
    t = tNext;
  }
  void prev;
  return {
    bias: KINDS.map((_, k) => theta[k * (d + 1)]!),
    w: KINDS.map((_, k) => Array.from(theta.subarray(k * (d + 1) + 1, (k + 1) * (d + 1)))),
  };
}

/** The linear score of a row of `kind` under parameters `p` (per kind a bias then d weights). */
function linear(p: Float64Array, x: Float64Array, kind: number, d: number): number {
  let s = p[0]!;
  for (let i = 0; i < d; i++) s += x[i]! * p[1 + i]!;
  if (kind === 0) return s;
  const o = kind * (d + 1);
  s += p[o]!;
  for (let i = 0; i < d; i++) s += x[i]! * p[o + 1 + i]!;
  return s;
}

/**
 * The largest eigenvalue of the weighted design's Gram matrix (rows as they enter \`linear\`, over the
 * total weight), by power iteration: 0.25 of it bounds the curvature of the logistic loss.
 */
function largestEigenvalue(rows: readonly Row[], xs: readonly Float64Array[], total: number): number {
  const d = FEATURES.length;
  let v = new Float64Array(KINDS.length * (d + 1)).fill(1);
  let lambda = 0;
  for (let it = 0; it < 50; it++) {
    const next = new Float64Array(v.length);
    for (let n = 0; n < rows.length; n++) {
      const kind = rows[n]!.kind ?? 0;
      const x = xs[n]!;
      const s = (linear(v, x, kind, d) * rows[n]!.w) / total;
      for (const o of kind === 0 ? [0] : [0, kind * (d + 1)]) {
        next[o]! += s;
        for (let i = 0; i < d; i++) next[o + 1 + i]! += s * x[i]!;
      }
    }
    lambda = Math.hypot(...next);
    v = next.map((x) => x / lambda);
  }
  return lambda;
}

/** A stable fold per group (FNV-1a of its key). */
function foldOf(group: string): number {
  let h = 2166136261;
  for (let i = 0; i < group.length; i++) h = Math.imul(h ^ group.charCodeAt(i), 16777619);
  return (h >>> 0) % FOLDS;
}

interface Scored {
  p: number;
  y: number;
  set: string;
}

/** Out-of-fold probabilities: each from a model fitted without the question's group. */
function outOfFold(rows: readonly Row[]): Scored[] {
  const out: Scored[] = [];
  for (let k = 0; k < FOLDS; k++) {
    const m = fitLogistic(rows.filter((r) => foldOf(r.group) !== k));
    for (const r of rows)
      if (foldOf(r.group) === k) out.push({ p: prob(m, r.x, r.kind ?? 0), y: r.y, set: r.set });
  }
  return out;
}

/** Right-first share of a set's answers at and above `t` (1 when none). */
function precisionAt(scored: readonly Scored[], t: number): number {
  const high = scored.filter((s) => s.p >= t);
  return high.length === 0 ? 1 : high.filter((s) => s.y === 1).length / high.length;
}

/** Whether every set's answers at and above `t` are right ≥ PRECISION (a set with < MIN_JUDGED is not judged). */
function holdsAt(bySet: readonly Scored[][], t: number): boolean {
  return bySet.every((mine) => {
    const high = mine.filter((s) => s.p >= t).length;
    return high < MIN_JUDGED || precisionAt(mine, t) >= PRECISION;
  });
}

/**
 * Lowest threshold at which every set's "high" answers are right ≥ PRECISION, and still are at every
 * probability up to WINDOW above it (one lucky probability between two failing ones is noise). A set
 * with fewer than MIN_JUDGED answers at and above a probability is not judged there; a set that reaches
 * PRECISION at no judged probability cannot be met by any threshold and is left out of the rule (the
 * report says so) rather than making every other set's high answers as rare as its own. The threshold is
 * never below PRECISION itself: a set whose every answer is right 0.82 of the time on average still
 * holds answers that are right far less often, and those must not be called high.
 */
function pickThreshold(scored: readonly Scored[], sets: readonly string[]): { t: number; unmet: string[] } {
  const ps = [...new Set(scored.map((s) => s.p))].sort((a, b) => a - b);
  const of = (set: string) => scored.filter((s) => s.set === set);
  // Unmet: at no probability where it has MIN_JUDGED answers or more does the set hold.
  const unmet = sets.filter((set) => {
    const mine = of(set);
    const judged = ps.filter((t) => mine.filter((s) => s.p >= t).length >= MIN_JUDGED);
    return lowestHolding(judged, [mine]) === undefined;
  });
  const met = sets.filter((set) => !unmet.includes(set)).map(of);
  // A calibrated probability says itself how often it is right: "high" starts at PRECISION at the lowest.
  return {
    t:
      lowestHolding(
        ps.filter((t) => t >= PRECISION),
        met,
      ) ?? 1,
    unmet,
  };
}

/** The lowest of `ps` at which holdsAt is true for every probability up to WINDOW above it. */
function lowestHolding(ps: readonly number[], bySet: readonly Scored[][]): number | undefined {
  const ok = ps.map((t) => holdsAt(bySet, t));
  for (let i = 0; i < ps.length; i++) {
    let j = i;
    while (j < ps.length && ps[j]! <= ps[i]! + WINDOW && ok[j]) j++;
    if (j === ps.length || ps[j]! > ps[i]! + WINDOW) return ps[i];
  }
  return undefined;
}

/**
 * Single-article corpora drawn from the news and SQuAD sets: each answerable question asked of the one
 * article that answers it (the article holding an `expect` phrase). The seed set is one article with
 * eighteen questions, too few to teach what evidence means where no other article competes; these give
 * that case hundreds of questions of two kinds of text. Training rows only: the seed set judges.
 */
async function* singleArticleSets(squadEvery: number): AsyncGenerator<DevSet> {
  const evalDir = path.join(sharedDir, "eval");
  for (const [file, every] of [
    ["news/dev.jsonl", 1],
    ["squad/questions.jsonl", squadEvery],
  ] as const) {
    const corpus = await loadCorpus(path.join(evalDir, path.dirname(file), "corpus"));
    const questions = parseEvalFile(await readFile(path.join(evalDir, file), "utf8"), file).filter(
      (q, i) => i % every === 0 && (q.expect ?? []).length > 0,
    );
    const byArticle = new Map<number, EvalQuestion[]>();
    for (const q of questions) {
      const a = corpus.articles.findIndex((art) => art.paragraphs.some((p) => holdsExpected(p, q.expect!)));
      if (a >= 0) byArticle.set(a, [...(byArticle.get(a) ?? []), q]);
    }
    for (const [a, qs] of byArticle) {
      const index = buildIndex({ articles: [corpus.articles[a]!] });
      yield { name: "single", index, questions: qs, archive: false };
    }
  }
}

async function computeRows(argv: string[]): Promise<{ rows: Row[]; asked: Record<string, number> }> {
  const squadEvery = Number(flagValue(argv, "--squad-sample") ?? 10);
  const articles = await squadArticles();
  const rows: Row[] = [];
  const asked: Record<string, number> = {};
  const only = flagValue(argv, "--sets")?.split(",");
  if (!only || only.includes("single")) {
    for await (const set of singleArticleSets(squadEvery)) {
      asked.single = (asked.single ?? 0) + set.questions.length;
      rows.push(...rowsOf(set, articles));
    }
  }
  for await (const set of devSets(argv, squadEvery)) {
    if (only && !only.includes(set.name)) {
      if (set.name === "squad" && !only.includes("archive")) break; // the archive comes last: not loaded
      continue;
    }
    asked[set.name] = set.questions.filter((q) => set.archive || (q.expect ?? []).length > 0).length;
    rows.push(...rowsOf(set, articles));
  }
  return { rows, asked };
}

function report(
  rows: readonly Row[],
  asked: Record<string, number>,
  oof: Scored[],
  t: number,
  curve: boolean,
) {
  const f = (x: number) => x.toFixed(3);
  const sets = Object.keys(asked);
  const out = [`threshold ${f(t)} (out of fold, grouped; every set's high right first >= ${PRECISION})`];
  for (const set of sets) {
    const mine = oof.filter((o) => o.set === set);
    const high = mine.filter((o) => o.p >= t);
    const n = Math.max(1, asked[set]!);
    out.push(
      `${set}: ${asked[set]} questions, ${mine.length} found, right first ${mine.filter((o) => o.y === 1).length}; ` +
        `high ${high.length} (${f(high.length / n)} of questions), right ${f(precisionAt(mine, t))}`,
    );
  }
  if (curve) {
    for (const c of [0.5, 0.6, 0.7, 0.75, 0.8, 0.82, 0.84, 0.86, 0.88, 0.9, 0.92, 0.94]) {
      const parts = sets.map((set) => {
        const mine = oof.filter((o) => o.set === set);
        const high = mine.filter((o) => o.p >= c).length;
        return `${set} ${f(high / Math.max(1, asked[set]!))}/${f(precisionAt(mine, c))}`;
      });
      out.push(`  t ${c}: ${parts.join("  ")}`);
    }
  }
  process.stdout.write(`${out.join("\n")}\n`);
  void rows;
}

/** Rows saved by earlier runs (`--save-rows`), merged. */
async function readRows(files: readonly string[]): Promise<{ rows: Row[]; asked: Record<string, number> }> {
  const rows: Row[] = [];
  const asked: Record<string, number> = {};
  for (const file of files) {
    const saved = JSON.parse(await readFile(file, "utf8")) as {
      features: string[];
      rows: Row[];
      asked: Record<string, number>;
    };
    // Rows saved by another version of the features: read each column by its name.
    const at = CONFIDENCE_FEATURES.map((k) => saved.features.indexOf(k));
    const missing = CONFIDENCE_FEATURES.filter((_, i) => at[i]! < 0);
    if (missing.length > 0) throw new Error(`${file} lacks ${missing.join(", ")}: compute the rows again`);
    rows.push(...saved.rows.map((r) => ({ ...r, x: at.map((i) => r.x[i]!) })));
    Object.assign(asked, saved.asked);
  }
  return { rows, asked };
}

/** The weights of one kind (KINDS) as TypeScript object lines. */
function weightLines(model: Model, kind: number, indent: string): string {
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return FEATURES.map((k, i) => `${indent}${k}: ${round(model.w[kind]![i]!)},`).join("\n");
}

async function writeModel(model: Model, threshold: number): Promise<void> {
  const round = (x: number) => Math.round(x * 10000) / 10000;
  const file = path.resolve("src/answer/confidence-model.ts");
  const kind = (k: number) => `{
    bias: ${round(model.bias[k]!)},
    weights: {
${weightLines(model, k, "      ")}
    },
  }`;
  await writeFile(
    file,
    `/** Logistic weights: a bias and one weight per feature of confidence.ts (missing ones weigh 0). */
export interface ConfidenceWeights {
  bias: number;
  weights: Readonly<Record<string, number>>;
}

/**
 * The confidence model: base weights, adjustments added to them where the ask and the first passage's
 * article have dates among several articles (\`dated\`) and where the corpus is a single article
 * (\`single\`), and the threshold of "high" on the probability.
 */
export interface ConfidenceModel extends ConfidenceWeights {
  dated: ConfidenceWeights;
  single: ConfidenceWeights;
  threshold: number;
}

/**
 * Weights of the confidence model (see confidence.ts), as data: written by
 * \`npx tsx scripts/calibrate-confidence.ts --write\`, which fits them on the shared dev sets together
 * with cross-validation grouped by story and picks the threshold. Do not edit by hand.
 */
export const CONFIDENCE_MODEL: ConfidenceModel = {
  bias: ${round(model.bias[0]!)},
  weights: {
${weightLines(model, 0, "    ")}
  },
  dated: ${kind(1)},
  single: ${kind(2)},
  threshold: ${round(threshold)},
};
`,
  );
  process.stdout.write(`wrote ${file}\n`);
}

async function main(argv: string[]): Promise<void> {
  const chosen = flagValue(argv, "--features")?.split(",");
  PRECISION = Number(flagValue(argv, "--precision") ?? PRECISION);
  const rowsFiles = flagValue(argv, "--rows")?.split(",");
  const { rows: raw, asked } = rowsFiles ? await readRows(rowsFiles) : await computeRows(argv);
  const saveFile = flagValue(argv, "--save-rows");
  if (saveFile) await writeFile(saveFile, JSON.stringify({ features: FEATURES, rows: raw, asked }));
  // Each set weighs the same in the fit, whatever its size.
  const count = new Map<string, number>();
  for (const r of raw) count.set(r.set, (count.get(r.set) ?? 0) + 1);
  const columns = (chosen ?? CONFIDENCE_FEATURES).map((k) => CONFIDENCE_FEATURES.indexOf(k as never));
  if (columns.some((c) => c < 0))
    throw new Error(`--features: known ones are ${CONFIDENCE_FEATURES.join(",")}`);
  FEATURES = columns.map((c) => CONFIDENCE_FEATURES[c]!);
  const rows = raw.map((r) => ({
    ...r,
    x: columns.map((c) => r.x[c]!),
    w: 1 / count.get(r.set)!,
    kind: kindOf(r.x),
  }));
  const oof = outOfFold(rows);
  const { t: threshold, unmet } = pickThreshold(
    oof,
    // The single-article corpora train; the shared sets judge.
    Object.keys(asked).filter((set) => set !== "single"),
  );
  if (unmet.length > 0)
    process.stdout.write(`no threshold gives ${unmet.join(", ")} ${PRECISION} right first\n`);
  report(rows, asked, oof, threshold, argv.includes("--curve"));
  const model = fitLogistic(rows);
  const f = (x: number) => x.toFixed(3);
  for (const [k, name] of KINDS.entries()) {
    const ws = FEATURES.map((n, i) => `${n} ${f(model.w[k]![i]!)}`).join(" ");
    process.stdout.write(`model ${name}: bias ${f(model.bias[k]!)} ${ws}\n`);
  }
  if (argv.includes("--write")) await writeModel(model, threshold);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exitCode = 1;
});
