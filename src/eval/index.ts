// The evaluation layer's front door: reading question files and scoring answers against them.

export { type Calibration, calibrationOf } from "./calibration.js";
export { foldForEval, holdsExpected, parseEvalFile, rankScores, scoreEval } from "./eval-score.js";
export { reliabilityChart } from "./reliability-chart.js";
