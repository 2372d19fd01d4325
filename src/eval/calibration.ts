/**
 * Calibration of answer confidence on one question set: for each band ("high", "low", not found) the
 * answers and the share right first, and per tenth of the model's probability the same — the points of
 * a reliability diagram (reliability-chart.ts). Pure.
 */

/** One scored question as calibration reads it. */
export interface CalibrationPoint {
  /** Undefined when the answer was "not found". */
  confidence?: "high" | "low";
  /** The model's probability that the first passage answers (Answer.confidenceScore). */
  probability?: number;
  rightFirst: boolean;
}

export interface CalibrationBand {
  band: "high" | "low" | "not found";
  answers: number;
  /** Share right first (0 when there are no answers). */
  rightFirst: number;
}

export interface CalibrationBin {
  /** Probabilities in [from, to) (the last bin includes 1). */
  from: number;
  to: number;
  answers: number;
  rightFirst: number;
  meanProbability: number;
}

export interface Calibration {
  bands: CalibrationBand[];
  bins: CalibrationBin[];
}

/** Bins of the reliability diagram: tenths of probability. */
export const CALIBRATION_BINS = 10;

function share(n: number, of: number): number {
  return of === 0 ? 0 : n / of;
}

export function calibrationOf(points: readonly CalibrationPoint[]): Calibration {
  const bands: CalibrationBand[] = (["high", "low", "not found"] as const).map((band) => {
    const mine = points.filter((p) => (p.confidence ?? "not found") === band);
    return {
      band,
      answers: mine.length,
      rightFirst: share(mine.filter((p) => p.rightFirst).length, mine.length),
    };
  });
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < CALIBRATION_BINS; b++) {
    const from = b / CALIBRATION_BINS;
    const to = (b + 1) / CALIBRATION_BINS;
    const mine = points.filter(
      (p) =>
        p.probability !== undefined &&
        p.probability >= from &&
        (p.probability < to || (b === CALIBRATION_BINS - 1 && p.probability <= 1)),
    );
    const sum = mine.reduce((s, p) => s + p.probability!, 0);
    bins.push({
      from,
      to,
      answers: mine.length,
      rightFirst: share(mine.filter((p) => p.rightFirst).length, mine.length),
      meanProbability: share(sum, mine.length),
    });
  }
  return { bands, bins };
}
