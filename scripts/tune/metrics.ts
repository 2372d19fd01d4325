import { rankScores } from "../../src/eval/index.js";
import { type EngineOptions, type IndexOptions, rankPassages } from "../../src/search/index.js";
import type { QuestionSet } from "./question-set.js";

/** Passages the evaluation looks at, as `npm run eval` asks for them. */
const LIMIT = 10;

export interface Metrics {
  answerable: number;
  recallAt1: number;
  recallAt3: number;
  mrr: number;
  unanswerable: number;
  noAnswer: number;
}

/**
 * Scores a subset of a question set under one weight vector, as `npm run eval` does (through the engine's
 * one pipeline, `rankPassages`, and the evaluation's `rankScores`) but without building excerpts, which
 * do not move ranks.
 */
export function measure(
  set: QuestionSet,
  subset: readonly number[],
  engine: EngineOptions,
  indexOptions: IndexOptions,
): Metrics {
  const index = set.indexFor(indexOptions);
  const ranks: number[] = [];
  let unanswerable = 0;
  let noAnswer = 0;
  for (const q of subset) {
    const question = set.questions[q]!;
    const { ranked } = rankPassages(index, question.question, engine, LIMIT + 1);
    if ((question.expect?.length ?? 0) === 0) {
      unanswerable++;
      if (ranked === null) noAnswer++;
      continue;
    }
    ranks.push(ranked ? ranked.slice(0, LIMIT).findIndex((r) => set.isHit(index, q, r.doc)) + 1 : 0);
  }
  return { answerable: ranks.length, ...rankScores(ranks), unanswerable, noAnswer };
}

export function formatMetrics(m: Metrics): string {
  const f = (x: number) => x.toFixed(3);
  const na = m.unanswerable > 0 ? ` no-answer ${m.noAnswer}/${m.unanswerable}` : "";
  return `R@1 ${f(m.recallAt1)} R@3 ${f(m.recallAt3)} MRR ${f(m.mrr)}${na} (n=${m.answerable})`;
}
