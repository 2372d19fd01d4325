import { readFileSync } from "node:fs";
import { NewsdeskError } from "../errors.js";
import { RANKER_FEATURES, type RankerModel } from "./ranker-features.js";
import { ensembleProblem } from "./tree-ensemble.js";

/**
 * The learned ranker's model (see learned-rank.ts), as data: ranker-model.json, written by
 * `npx tsx scripts/train-ranker.ts --write`, which fits it on the shared dev sets with cross-validation
 * grouped by set and question (figures: docs/quality.md). Do not edit the JSON by hand.
 */
export function readRankerModel(url: URL = new URL("./ranker-model.json", import.meta.url)): RankerModel {
  const model: unknown = JSON.parse(readFileSync(url, "utf8"));
  const problem = ensembleProblem(model, RANKER_FEATURES);
  if (problem) throw new NewsdeskError("ranker_model_invalid", `${url.pathname}: ${problem}.`);
  return model as RankerModel;
}

export const RANKER_MODEL: RankerModel = readRankerModel();
