import { DEFAULT_ENGINE_OPTIONS, DEFAULT_INDEX_OPTIONS } from "../../src/search/index.js";
import type { Param, Weights } from "./coordinate-ascent.js";

/** Index options (the index is rebuilt for each distinct value); all others are engine options. */
export const INDEX_PARAMS: ReadonlySet<string> = new Set(Object.keys(DEFAULT_INDEX_OPTIONS));

/** The fitted weights and the grids tried (their defaults: DEFAULTS below). */
export const PARAMS: readonly Param[] = [
  { name: "bm25Power", grid: [0.25, 0.5, 0.75, 1, 1.25] },
  { name: "matchPower", grid: [0, 0.5, 1, 2, 3] },
  { name: "coveragePower", grid: [0, 0.25, 0.5, 0.75, 1, 1.5, 2] },
  { name: "proximityWeight", grid: [0, 0.25, 0.5, 1, 2, 4] },
  { name: "proximityWindow", grid: [4, 8, 12, 20, 40], integer: true },
  { name: "sentenceWeight", grid: [0, 0.5, 1, 2, 4] },
  { name: "leadWeight", grid: [0, 0.15, 0.3, 0.6, 1] },
  { name: "leadDecay", grid: [0.25, 0.5, 1, 2] },
  { name: "articleWeight", grid: [0, 0.5, 1, 2, 4, 8] },
  { name: "answerTypeWeight", grid: [0, 0.5, 1, 2, 4] },
  { name: "answerNearShare", grid: [0, 0.15, 0.3, 0.6, 1] },
  { name: "answerTypeDepth", grid: [10, 20, 40], integer: true },
  { name: "nameBoost", grid: [1, 1.3, 1.6, 2, 2.5, 3] },
  { name: "articles", grid: [5, 10, 20], integer: true },
  { name: "expandArticles", grid: [0, 3, 5, 10], integer: true },
  { name: "expandParagraphs", grid: [4, 8, 16], integer: true },
  { name: "k1", grid: [0.8, 1.2, 1.6, 2] },
  { name: "b", grid: [0.5, 0.75, 0.9] },
  { name: "titleWeight", grid: [0.5, 1, 1.5, 2, 3] },
  { name: "dekWeight", grid: [0.25, 0.75, 1.5] },
  { name: "fieldB", grid: [0.25, 0.5, 0.75] },
];

/** The defaults in the code (what the fit starts from), for the fitted parameters. */
export const DEFAULTS: Weights = Object.fromEntries(
  PARAMS.map((p) => {
    const value = INDEX_PARAMS.has(p.name)
      ? DEFAULT_INDEX_OPTIONS[p.name as keyof typeof DEFAULT_INDEX_OPTIONS]
      : DEFAULT_ENGINE_OPTIONS[p.name as keyof typeof DEFAULT_ENGINE_OPTIONS];
    if (typeof value !== "number") throw new Error(`No numeric default for tuned parameter ${p.name}`);
    return [p.name, value];
  }),
);

/** Splits a weight vector into index options and search options. */
export function splitWeights(w: Weights): { index: Record<string, number>; engine: Record<string, number> } {
  const index: Record<string, number> = {};
  const engine: Record<string, number> = {};
  for (const [k, v] of Object.entries(w)) (INDEX_PARAMS.has(k) ? index : engine)[k] = v;
  return { index, engine };
}
