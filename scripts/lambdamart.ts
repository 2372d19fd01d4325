/**
 * LambdaMART (Burges 2010, "From RankNet to LambdaRank to LambdaMART"): gradient-boosted regression
 * trees whose gradients are lambdas — for each pair of a right and a wrong candidate of one question, the
 * RankNet gradient scaled by how much swapping the two would change NDCG. Each tree is fitted to the
 * lambdas by greedy histogram splits on quantile bins, and each leaf takes a Newton step (sum of lambdas
 * over sum of their second derivatives), shrunk by the learning rate. Small on purpose: no JavaScript
 * library of this kind is maintained; test/tune/lambdamart.test.ts holds it to what it must do.
 */
import type { RegressionTree, TreeEnsemble } from "../src/search/tree-ensemble.js";

/** One question's candidates: feature rows, 0/1 labels, and the question's weight in the loss. */
export interface RankGroup {
  x: readonly (readonly number[])[];
  y: readonly number[];
  weight: number;
}

export interface LambdaMartOptions {
  trees: number;
  /** Depth of each tree (2^depth leaves at most). */
  depth: number;
  learningRate: number;
  /** Fewest candidates in a leaf. */
  minLeaf: number;
  /** L2 on leaf values (added to the sum of second derivatives). */
  lambdaL2: number;
  /** Quantile bins per feature for the split search. */
  bins: number;
  /** NDCG truncation: swaps below this rank in both places count only their RankNet part at 1/10. */
  ndcgAt: number;
}

export const LAMBDAMART_DEFAULTS: LambdaMartOptions = {
  trees: 150,
  depth: 3,
  learningRate: 0.1,
  minLeaf: 50,
  lambdaL2: 1,
  bins: 32,
  ndcgAt: 10,
};

/** Rows of the groups that can teach anything (a right and a wrong candidate), flattened. */
interface Data {
  rows: number;
  dims: number;
  /** Bin of row r, feature f at f * rows + r (column by column: the split search reads one at a time). */
  bin: Uint8Array;
  /** Per feature, the upper edge of each bin (a split "≤ edge"). */
  edges: number[][];
  groups: { start: number; n: number; y: readonly number[]; weight: number }[];
}

function quantileEdges(values: Float64Array, bins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const v = sorted[Math.min(sorted.length - 1, Math.floor((b * sorted.length) / bins))]!;
    if (edges.length === 0 || v > edges[edges.length - 1]!) edges.push(v);
  }
  return edges;
}

function prepare(groups: readonly RankGroup[], bins: number): Data {
  const useful = groups.filter((g) => g.y.includes(1) && g.y.includes(0) && g.weight > 0);
  const dims = useful[0]?.x[0]?.length ?? 0;
  const rows = useful.reduce((s, g) => s + g.x.length, 0);
  const edges: number[][] = [];
  const column = new Float64Array(rows);
  const bin = new Uint8Array(rows * dims);
  for (let f = 0; f < dims; f++) {
    let r = 0;
    for (const g of useful) for (const row of g.x) column[r++] = row[f]!;
    const e = quantileEdges(column, Math.min(bins, 255));
    edges.push(e);
    for (let i = 0; i < rows; i++) {
      let b = 0;
      while (b < e.length && column[i]! > e[b]!) b++;
      bin[f * rows + i] = b;
    }
  }
  let start = 0;
  const out: Data["groups"] = [];
  for (const g of useful) {
    out.push({ start, n: g.x.length, y: g.y, weight: g.weight });
    start += g.x.length;
  }
  return { rows, dims, bin, edges, groups: out };
}

const discount = (rank: number) => 1 / Math.log2(2 + rank);

/** Lambdas (gradients towards a better order) and their second derivatives for every row. */
function lambdas(data: Data, score: Float64Array, ndcgAt: number, grad: Float64Array, hess: Float64Array) {
  grad.fill(0);
  hess.fill(0);
  for (const g of data.groups) {
    const idx = [...Array(g.n).keys()].sort((a, b) => score[g.start + b]! - score[g.start + a]! || a - b);
    const rank = new Int32Array(g.n);
    idx.forEach((i, r) => {
      rank[i] = r;
    });
    const positives = g.y.reduce((s, y) => s + y, 0);
    let ideal = 0;
    for (let r = 0; r < positives; r++) ideal += discount(r);
    for (let i = 0; i < g.n; i++) {
      if (g.y[i] !== 1) continue;
      for (let j = 0; j < g.n; j++) {
        if (g.y[j] !== 0) continue;
        const ri = rank[i]!;
        const rj = rank[j]!;
        let delta = Math.abs(discount(ri) - discount(rj)) / ideal;
        if (ri >= ndcgAt && rj >= ndcgAt) delta = 0.1 * delta;
        const rho = 1 / (1 + Math.exp(score[g.start + i]! - score[g.start + j]!));
        const l = g.weight * rho * delta;
        const h = g.weight * rho * (1 - rho) * delta;
        grad[g.start + i]! += l;
        grad[g.start + j]! -= l;
        hess[g.start + i]! += h;
        hess[g.start + j]! += h;
      }
    }
  }
}

interface Split {
  feature: number;
  bin: number;
  gain: number;
}

function bestSplit(
  data: Data,
  rows: Int32Array,
  grad: Float64Array,
  hess: Float64Array,
  o: LambdaMartOptions,
) {
  const { dims, bin, edges } = data;
  let G = 0;
  let H = 0;
  for (const r of rows) {
    G += grad[r]!;
    H += hess[r]!;
  }
  const parent = (G * G) / (H + o.lambdaL2);
  let best: Split = { feature: -1, bin: 0, gain: 1e-12 };
  const hg = new Float64Array(256);
  const hh = new Float64Array(256);
  const hc = new Int32Array(256);
  for (let f = 0; f < dims; f++) {
    const nb = edges[f]!.length + 1;
    if (nb < 2) continue;
    hg.fill(0, 0, nb);
    hh.fill(0, 0, nb);
    hc.fill(0, 0, nb);
    const column = bin.subarray(f * data.rows, (f + 1) * data.rows);
    for (const r of rows) {
      const b = column[r]!;
      hg[b]! += grad[r]!;
      hh[b]! += hess[r]!;
      hc[b]!++;
    }
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let b = 0; b < nb - 1; b++) {
      gl += hg[b]!;
      hl += hh[b]!;
      cl += hc[b]!;
      const cr = rows.length - cl;
      if (cl < o.minLeaf || cr < o.minLeaf) continue;
      const gr = G - gl;
      const hr = H - hl;
      const gain = (gl * gl) / (hl + o.lambdaL2) + (gr * gr) / (hr + o.lambdaL2) - parent;
      if (gain > best.gain) best = { feature: f, bin: b, gain };
    }
  }
  return { split: best, G, H };
}

/** Fits one tree to the lambdas, depth first; nodes are numbered so children follow their parent. */
function fitTree(data: Data, grad: Float64Array, hess: Float64Array, o: LambdaMartOptions): RegressionTree {
  const tree: RegressionTree = { feature: [], threshold: [], left: [], right: [], value: [] };
  const grow = (rows: Int32Array, depth: number): number => {
    const id = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(0);
    const { split, G, H } = bestSplit(data, rows, grad, hess, o);
    if (depth >= o.depth || split.feature < 0) {
      tree.value[id] = (o.learningRate * G) / (H + o.lambdaL2);
      return id;
    }
    const f = split.feature;
    const column = data.bin.subarray(f * data.rows, (f + 1) * data.rows);
    const leftRows = rows.filter((r) => column[r]! <= split.bin);
    const rightRows = rows.filter((r) => column[r]! > split.bin);
    tree.feature[id] = f;
    tree.threshold[id] = data.edges[f]![split.bin]!;
    tree.left[id] = grow(leftRows, depth + 1);
    tree.right[id] = grow(rightRows, depth + 1);
    return id;
  };
  grow(
    Int32Array.from({ length: data.rows }, (_, i) => i),
    0,
  );
  return tree;
}

/**
 * Fits a LambdaMART ensemble to the groups. `base(row)` is a fixed starting score (e.g. the hand-made
 * order's); the trees learn what to add to it. Returns the trees only: the caller adds the base.
 */
export function fitLambdaMart(
  groups: readonly RankGroup[],
  features: readonly string[],
  options: Partial<LambdaMartOptions> = {},
  base: (row: readonly number[]) => number = () => 0,
): TreeEnsemble {
  const o = { ...LAMBDAMART_DEFAULTS, ...options };
  const data = prepare(groups, o.bins);
  const useful = groups.filter((g) => g.y.includes(1) && g.y.includes(0) && g.weight > 0);
  const rowsX = useful.flatMap((g) => g.x);
  const score = Float64Array.from(rowsX, (row) => base(row));
  const grad = new Float64Array(data.rows);
  const hess = new Float64Array(data.rows);
  const trees: RegressionTree[] = [];
  for (let t = 0; t < o.trees && data.rows > 0; t++) {
    lambdas(data, score, o.ndcgAt, grad, hess);
    const tree = fitTree(data, grad, hess, o);
    trees.push(tree);
    for (let r = 0; r < data.rows; r++) score[r]! += treeValueOfBins(tree, data, r);
  }
  return { features: [...features], trees };
}

/** A tree's output for training row r, read through the bins (the same side as its raw value). */
function treeValueOfBins(tree: RegressionTree, data: Data, r: number): number {
  let node = 0;
  for (;;) {
    const f = tree.feature[node]!;
    if (f < 0) return tree.value[node]!;
    const b = data.bin[f * data.rows + r]!;
    const edge = data.edges[f]!;
    // Bin b holds values ≤ edge[b] (and > edge[b−1]): ≤ threshold exactly when its upper edge is.
    const upper = b < edge.length ? edge[b]! : Number.POSITIVE_INFINITY;
    node = upper <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
  }
}
