// The evaluation layer's front door: reading question files and scoring answers against them.
export { parseEvalFile, scoreEval } from "./eval-score.js";
