/** A fitted parameter: its name, and the grid tried around it (integers stay integers). */
export interface Param {
  name: string;
  grid: readonly number[];
  integer?: boolean;
}

export type Weights = Record<string, number>;

export interface AscentOptions {
  /** Passes over all parameters at most (stops earlier when a pass changes nothing). */
  rounds: number;
  /** Smallest gain of the mean score that moves a parameter: below it, noise keeps the current value. */
  minGain: number;
  /**
   * Most each set's score may fall for a move to count, per set (default 0): a move must not buy one set's
   * gain with another's loss, so a small set cannot pull the weights its own way.
   */
  tolerance?: readonly number[];
  /** Share of each set in the mean that is maximised (default equal shares). */
  shares?: readonly number[];
  log(line: string): void;
}

/** Weighted mean of a score vector (equal shares by default). */
export function mean(scores: readonly number[], shares?: readonly number[]): number {
  let sum = 0;
  let total = 0;
  scores.forEach((x, i) => {
    const share = shares?.[i] ?? 1;
    sum += share * x;
    total += share;
  });
  return total === 0 ? 0 : sum / total;
}

/**
 * Coordinate ascent: one parameter at a time, the grid value (plus ×0.8 and ×1.25 of the current one
 * from the second pass on) that most raises the mean of the sets' scores without lowering any set (beyond
 * its tolerance), the others held; passes repeat until none moves.
 */
export function coordinateAscent(
  params: readonly Param[],
  start: Weights,
  objective: (w: Weights) => readonly number[],
  options: AscentOptions,
): { weights: Weights; scores: readonly number[] } {
  const cache = new Map<string, readonly number[]>();
  const evaluate = (w: Weights): readonly number[] => {
    const key = JSON.stringify(params.map((p) => w[p.name]));
    let v = cache.get(key);
    if (v === undefined) {
      v = objective(w);
      cache.set(key, v);
    }
    return v;
  };
  const show = (s: readonly number[]) => s.map((x) => x.toFixed(4)).join(" ");
  let weights = { ...start };
  let scores = evaluate(weights);
  options.log(`start ${show(scores)} ${JSON.stringify(weights)}`);
  for (let round = 1; round <= options.rounds; round++) {
    let moved = false;
    for (const p of params) {
      const current = weights[p.name]!;
      const tries = new Set(p.grid);
      if (round > 1 && current !== 0) {
        for (const f of [0.8, 1.25]) tries.add(p.integer ? Math.round(current * f) : round4(current * f));
      }
      let best = scores;
      let bestX = current;
      for (const x of [...tries].sort((a, b) => a - b)) {
        if (x === current) continue;
        const s = evaluate({ ...weights, [p.name]: x });
        const holds = s.every((v, i) => v >= scores[i]! - (options.tolerance?.[i] ?? 0));
        if (holds && mean(s, options.shares) > mean(best, options.shares) + options.minGain) {
          best = s;
          bestX = x;
        }
      }
      if (bestX !== current) {
        options.log(`round ${round} ${p.name} ${current} → ${bestX}: ${show(scores)} → ${show(best)}`);
        weights = { ...weights, [p.name]: bestX };
        scores = best;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return { weights, scores };
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
