import { holdsExpected, rankScores } from "../../src/eval/index.js";

export interface RecallScore {
  answerable: number;
  r1: number;
  r3: number;
  mrr: number;
}

/**
 * R@1, R@3 and MRR over answerable questions, by the evaluation's hit rule and figures (src/eval);
 * `ranked[i]` are question i's passage texts, best first.
 */
export function scoreRecall(
  questions: readonly { expect: readonly string[] }[],
  ranked: readonly (readonly string[])[],
): RecallScore {
  const ranks: number[] = [];
  questions.forEach((q, i) => {
    if (q.expect.length === 0) return;
    ranks.push((ranked[i] ?? []).findIndex((t) => holdsExpected(t, q.expect)) + 1);
  });
  const { recallAt1, recallAt3, mrr } = rankScores(ranks);
  return { answerable: ranks.length, r1: recallAt1, r3: recallAt3, mrr };
}
