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
 * one pipeline, `rankPassages`) but without building excerpts, which do not move ranks.
 */
export function measure(
  set: QuestionSet,
  subset: readonly number[],
  engine: EngineOptions,
  indexOptions: IndexOptions,
): Metrics {
  const index = set.indexFor(indexOptions);
  let answerable = 0;
  let at1 = 0;
  let at3 = 0;
  let rr = 0;
  let unanswerable = 0;
  let noAnswer = 0;
  for (const q of subset) {
    const question = set.questions[q]!;
    const { ranked } = rankPassages(index, question.question, engine, LIMIT + 1);
    const found = ranked !== null;
    if (question.expect.length === 0) {
      unanswerable++;
      if (!found) noAnswer++;
      continue;
    }
    answerable++;
    if (!ranked) continue;
    const rank = ranked.slice(0, LIMIT).findIndex((r) => set.isHit(index, q, r.doc)) + 1;
    if (rank === 1) at1++;
    if (rank >= 1 && rank <= 3) at3++;
    if (rank > 0) rr += 1 / rank;
  }
  const share = (n: number) => (answerable === 0 ? 0 : n / answerable);
  return {
    answerable,
    recallAt1: share(at1),
    recallAt3: share(at3),
    mrr: share(rr),
    unanswerable,
    noAnswer,
  };
}

export function formatMetrics(m: Metrics): string {
  const f = (x: number) => x.toFixed(3);
  const na = m.unanswerable > 0 ? ` no-answer ${m.noAnswer}/${m.unanswerable}` : "";
  return `R@1 ${f(m.recallAt1)} R@3 ${f(m.recallAt3)} MRR ${f(m.mrr)}${na} (n=${m.answerable})`;
}
