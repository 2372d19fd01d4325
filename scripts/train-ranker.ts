/**
 * Fits the learned ranker (src/search/learned-rank.ts) on the shared dev sets — LambdaMART, boosted
 * regression trees with a ranking objective (scripts/lambdamart.ts) — with k-fold cross-validation
 * grouped by set and story, and reports out-of-fold figures per set.
 *
 *   NODE_OPTIONS=--max-old-space-size=8192 npx tsx scripts/train-ranker.ts
 *     [--archive-corpus DIR] [--cache DIR] [--squad-sample N] [--depth N]
 *     [--features-out FILE] [--features-in FILE] [--write]
 *     [--no-archive] [--trees N] [--tree-depth N] [--rate X] [--min-leaf N] [--l2 X] [--ndcg-at N]
 *     [--set-weights squad=3,news=1] [--drop a,b] [--squad-every N] [--sets archive,news]
 *
 * Sets: seed dev over corpus/, news dev over news/corpus (asked on its `asked` days), every Nth SQuAD
 * question (default every 2nd) over squad/corpus, and the archive set over the whole archive (asked on
 * its days). Each question is ranked by the engine with the learned step off (`learnedDepth: 0`); its
 * first `--depth` passages (default: DEFAULT_ENGINE_OPTIONS.learnedDepth, or 50 while it is off) are its
 * candidates, labelled by the eval's rule (src/eval/eval-score.ts: the paragraph holds an `expect`
 * phrase; archive rows, the `answer`). Each question weighs the same within its set and each set the
 * same in all. Folds: 5, by a hash of the set and the question's story — the quiz day for the news and
 * archive sets (one week's questions share stories), the article of the answer for SQuAD — so no story
 * is both trained and scored on. Out-of-fold R@1 / R@3 (answer@1/@3 for the archive) re-order each
 * question by the model fitted without its fold, as the pipeline does (then a passage with none of the
 * question's words is not first). `--write` saves the model fitted on every question to
 * src/search/ranker-model.json. `--features-out` saves the feature rows (JSON lines) and `--features-in`
 * trains from such a file (an older file's missing features read 0).
 */
import { createReadStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { askContext } from "../src/answer/ask-context.js";
import { flagValue } from "../src/cli/engine-args.js";
import { type EvalQuestion, foldForEval } from "../src/eval/eval-score.js";
import type { ParagraphIndex } from "../src/index-store/index.js";
import {
  DEFAULT_ENGINE_OPTIONS,
  docHoldsQuestionWord,
  modelScore,
  RANKER_FEATURES,
  type RankerModel,
  rankerFeatures,
  rankPassages,
} from "../src/search/index.js";
import { repoRoot } from "./bench/paths.js";
import { devSets } from "./dev-sets.js";
import { fitLambdaMart, type LambdaMartOptions } from "./lambdamart.js";

const FOLDS = 5;
/** Candidates per question while the learned step is off: the "top fifty". */
const DEFAULT_DEPTH = 50;

/** One question's candidates: feature rows, labels, whether each holds a question word. */
interface Group {
  set: string;
  id: string;
  /** The question's story, for grouped folds (see the header). */
  story: string;
  x: number[][];
  y: number[];
  content: boolean[];
  /** Each candidate's article (index position), for analyses of the saved rows. */
  articles?: number[];
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
    const rows = rankerFeatures(index, query, ranked, depth, context.restriction);
    const top = ranked.slice(0, rows.length);
    const textOf = (doc: number) =>
      index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!]!;
    const y = top.map((r) => (targets.some((t) => holds(textOf(r.doc), t)) ? 1 : 0));
    groups.push({
      set,
      id: q.id,
      story: storyOf(set, q.id, index, top.find((_, i) => y[i] === 1)?.doc),
      x: rows.map((r) => Array.from(r, (v) => Math.round(v * 1e6) / 1e6)),
      y,
      content: top.map((r) => docHoldsQuestionWord(index, query, r.doc)),
      articles: top.map((r) => index.docArticle[r.doc]!),
    });
  }
  return { set, questions: scored, groups };
}

/**
 * A question's story: its quiz day for the news and archive sets ("quiz-20230106_10" → the 6 January 2023
 * quiz), the article of its first answering candidate for SQuAD (questions on one Wikipedia article), the
 * question itself otherwise.
 */
function storyOf(set: string, id: string, index: ParagraphIndex, answerDoc: number | undefined): string {
  if (set === "news" || set === "archive") return id.replace(/_[^_]*$/, "");
  if (set === "squad" && answerDoc !== undefined) return index.articles[index.docArticle[answerDoc]!]!.id;
  return id;
}

function foldOf(g: { set: string; story: string }): number {
  let h = 2166136261;
  for (const ch of `${g.set}\u0000${g.story}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) % FOLDS;
}

/** Positions of a group's candidates in the order a model gives them, as the pipeline orders them. */
function orderOf(g: Group, model: RankerModel | null): number[] {
  const n = g.x.length;
  const idx = [...Array(n).keys()];
  if (!model) return idx;
  const z = g.x.map((row) => modelScore(model, row));
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
  model: (g: Group) => RankerModel | null,
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
  // `--sets archive` (names, comma-separated) ranks only those sets.
  const only = flagValue(argv, "--sets")?.split(",");
  for await (const { name, index, questions } of devSets(argv, squadEvery)) {
    if (only && !only.includes(name)) continue;
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

/** LambdaMART's settings from the command line (defaults: LAMBDAMART_DEFAULTS). */
function fitOptions(argv: string[]): Partial<LambdaMartOptions> {
  const out: Partial<LambdaMartOptions> = {};
  const num = (flag: string) =>
    flagValue(argv, flag) === undefined ? undefined : Number(flagValue(argv, flag));
  const set = <K extends keyof LambdaMartOptions>(key: K, v: number | undefined) => {
    if (v !== undefined) out[key] = v as LambdaMartOptions[K];
  };
  set("trees", num("--trees"));
  set("depth", num("--tree-depth"));
  set("learningRate", num("--rate"));
  set("minLeaf", num("--min-leaf"));
  set("lambdaL2", num("--l2"));
  set("ndcgAt", num("--ndcg-at"));
  return out;
}

async function main(argv: string[]): Promise<void> {
  const depth = Number(flagValue(argv, "--depth") ?? DEFAULT_ENGINE_OPTIONS.learnedDepth) || DEFAULT_DEPTH;
  const featuresIn = flagValue(argv, "--features-in");
  const sets = featuresIn ? await readFeatures(featuresIn) : await collect(argv, depth);
  // `--squad-every N` keeps every Nth SQuAD question of saved rows (a quicker fit).
  const squadEvery = Number(flagValue(argv, "--squad-every") ?? 1);
  for (const s of sets.filter((x) => x.set === "squad" && squadEvery > 1)) {
    const kept = s.groups.filter((_, i) => i % squadEvery === 0);
    s.questions = Math.round((s.questions * kept.length) / Math.max(1, s.groups.length));
    s.groups = kept;
  }
  const featuresOut = flagValue(argv, "--features-out");
  if (featuresOut) await writeFeatures(featuresOut, sets);
  // Each set weighs the same in all unless `--set-weights squad=2,news=1` says otherwise.
  const setWeight = new Map(
    (flagValue(argv, "--set-weights") ?? "")
      .split(",")
      .filter((x) => x.includes("="))
      .map((x) => [x.split("=")[0]!, Number(x.split("=")[1])] as const),
  );
  // `--drop a,b` leaves features out (their column reads 0), to measure what each adds.
  const dropped = new Set((flagValue(argv, "--drop") ?? "").split(",").filter(Boolean));
  const droppedAt = RANKER_FEATURES.flatMap((name, i) => (dropped.has(name) ? [i] : []));
  for (const g of sets.flatMap((s) => s.groups)) for (const x of g.x) for (const i of droppedAt) x[i] = 0;
  const all = sets.flatMap((s) => s.groups);
  const options = fitOptions(argv);
  const fitModel = (groups: readonly Group[]): RankerModel => {
    const count = new Map<string, number>();
    for (const g of groups) count.set(g.set, (count.get(g.set) ?? 0) + 1);
    const weighted = groups.map((g) => ({
      x: g.x,
      y: g.y,
      weight: (setWeight.get(g.set) ?? 1) / count.get(g.set)!,
    }));
    return fitLambdaMart(weighted, RANKER_FEATURES, options);
  };
  const models: RankerModel[] = [];
  for (let k = 0; k < FOLDS; k++) {
    models.push(fitModel(all.filter((g) => foldOf(g) !== k)));
    process.stderr.write(`fold ${k + 1} of ${FOLDS} fitted\n`);
  }
  const f = (x: number) => x.toFixed(3);
  const signed = (x: number, n: number) => {
    const k = Math.round(x * n);
    return k > 0 ? `+${k}` : String(k);
  };
  process.stdout.write(`depth ${depth}; out-of-fold (${FOLDS} folds by set and story), before → after\n`);
  const model = fitModel(all);
  for (const s of sets) {
    const before = recall(s.groups, s.questions, () => null);
    const after = recall(s.groups, s.questions, (g) => models[foldOf(g)]!);
    const inSample = recall(s.groups, s.questions, () => model);
    const within = s.groups.filter((g) => g.y.includes(1)).length / Math.max(1, s.questions);
    process.stdout.write(
      `${s.set}: ${s.questions} questions, answer within depth ${f(within)}; ` +
        `R@1 ${f(before.r1)} → ${f(after.r1)}, R@3 ${f(before.r3)} → ${f(after.r3)} ` +
        `(${signed(after.r1 - before.r1, s.questions)} / ${signed(after.r3 - before.r3, s.questions)} questions); ` +
        `in-sample ${f(inSample.r1)} / ${f(inSample.r3)}\n`,
    );
  }
  process.stdout.write(`model: ${model.trees.length} trees\n`);
  if (argv.includes("--write")) {
    const file = path.join(repoRoot, "src/search/ranker-model.json");
    await writeFile(file, `${JSON.stringify(roundModel(model))}\n`);
    process.stdout.write(`wrote ${file}\n`);
  }
}

/** The model with thresholds and values rounded to 6 significant digits: a smaller file, the same order. */
function roundModel(model: RankerModel): RankerModel {
  const r = (x: number) => Number(x.toPrecision(6));
  return {
    features: model.features,
    trees: model.trees.map((t) => ({ ...t, threshold: t.threshold.map(r), value: t.value.map(r) })),
  };
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exitCode = 1;
});
