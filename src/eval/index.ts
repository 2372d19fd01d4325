// The evaluation layer's front door: reading question files and scoring answers against them.
export { foldForEval, holdsExpected, parseEvalFile, rankScores, scoreEval } from "./eval-score.js";
