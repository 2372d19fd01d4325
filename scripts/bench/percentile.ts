/** Latency summary in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * Nearest-rank percentile (the value below which `p`% of samples fall, taken from the samples themselves,
 * never interpolated) — so p99 of 100 samples is the 99th smallest, and p100 the max.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  if (p < 0 || p > 100) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function summarize(values: readonly number[]): LatencySummary {
  const count = values.length;
  const mean = count === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / count;
  return {
    count,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: count === 0 ? Number.NaN : Math.max(...values),
    mean,
  };
}
