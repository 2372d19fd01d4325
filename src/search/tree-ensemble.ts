/**
 * A boosted ensemble of regression trees, as the learned ranker stores and scores it (LambdaMART: the
 * trees are fitted by scripts/lambdamart.ts). Each tree is four parallel arrays over its nodes: node i
 * is a leaf when `feature[i]` < 0 (its value `value[i]`, the learning rate included), else a split that
 * goes to `left[i]` when the row's feature is ≤ `threshold[i]` and to `right[i]` otherwise. Node 0 is
 * the root. The model is plain JSON data (ranker-model.json).
 */
export interface RegressionTree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

export interface TreeEnsemble {
  /** Names of the row's columns, in order (the trees index them by position). */
  features: string[];
  trees: RegressionTree[];
}

/** One tree's output for a feature row. */
export function treeOutput(tree: RegressionTree, row: ArrayLike<number>): number {
  let node = 0;
  for (;;) {
    const f = tree.feature[node]!;
    if (f < 0) return tree.value[node]!;
    node = row[f]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
  }
}

/** The ensemble's score of a feature row: the sum of its trees' outputs. */
export function ensembleScore(model: TreeEnsemble, row: ArrayLike<number>): number {
  let z = 0;
  for (const tree of model.trees) z += treeOutput(tree, row);
  return z;
}

/**
 * Checks that parsed JSON is a usable ensemble over `expected` columns: every split's feature within the
 * row, every child a node of its tree, so scoring can neither read outside a row nor loop. Returns the
 * problem in one sentence, or null.
 */
export function ensembleProblem(model: unknown, expected: readonly string[]): string | null {
  const m = model as Partial<TreeEnsemble> | null;
  if (!m || !Array.isArray(m.features) || !Array.isArray(m.trees)) {
    return 'the ranker model needs "features" and "trees" arrays';
  }
  if (m.features.join(",") !== expected.join(",")) {
    return `the ranker model's "features" differ from the engine's (${expected.length} columns): retrain it with scripts/train-ranker.ts --write`;
  }
  for (const [t, tree] of m.trees.entries()) {
    const n = tree?.feature?.length ?? 0;
    const parts = [tree?.threshold, tree?.left, tree?.right, tree?.value];
    if (n === 0 || parts.some((p) => !Array.isArray(p) || p.length !== n)) {
      return `tree ${t} of the ranker model needs five arrays of one length`;
    }
    for (let i = 0; i < n; i++) {
      const f = tree.feature[i]!;
      if (f >= expected.length) return `tree ${t} splits on column ${f}, beyond the row`;
      // Children come after their parent, so a walk from the root always ends at a leaf.
      if (f >= 0 && !(tree.left[i]! > i && tree.left[i]! < n && tree.right[i]! > i && tree.right[i]! < n)) {
        return `tree ${t} node ${i} has a child outside the tree`;
      }
    }
  }
  return null;
}
