import { describe, expect, it } from "vitest";
import { coordinateAscent, type Param } from "../../scripts/tune/coordinate-ascent.js";

const quiet = { log: () => {} };

describe("coordinateAscent", () => {
  it("finds the grid optimum of a separable objective, one coordinate at a time", () => {
    const params: Param[] = [
      { name: "x", grid: [0, 1, 2, 3] },
      { name: "y", grid: [0, 5, 10], integer: true },
    ];
    const objective = (w: Record<string, number>) => [-((w.x! - 2) ** 2) - (w.y! - 10) ** 2];
    const fit = coordinateAscent(params, { x: 0, y: 0 }, objective, { rounds: 3, minGain: 0, ...quiet });
    expect(fit.weights).toEqual({ x: 2, y: 10 });
    expect(fit.scores[0]).toBeCloseTo(0, 12);
  });

  it("keeps the start where no value gains more than minGain", () => {
    const params: Param[] = [{ name: "x", grid: [0, 1, 2] }];
    const objective = (w: Record<string, number>) => [w.x === 2 ? 0.0005 : 0];
    const fit = coordinateAscent(params, { x: 1 }, objective, { rounds: 2, minGain: 0.001, ...quiet });
    expect(fit.weights).toEqual({ x: 1 });
  });

  it("refines around the current value from the second pass on", () => {
    const params: Param[] = [{ name: "x", grid: [1, 2] }];
    // Best on the grid is 2; 2 × 1.25 = 2.5 is better still, and only the refinement tries it.
    const objective = (w: Record<string, number>) => [-Math.abs(w.x! - 2.5)];
    const fit = coordinateAscent(params, { x: 1 }, objective, { rounds: 3, minGain: 0, ...quiet });
    expect(fit.weights.x).toBe(2.5);
  });

  it("takes no move that lowers one set beyond its tolerance, however much another gains", () => {
    const params: Param[] = [{ name: "x", grid: [0, 1, 2] }];
    // x = 2 gains set 0 a lot but costs set 1; x = 1 gains a little and costs nothing.
    const scores: Record<number, number[]> = { 0: [0.5, 0.5], 1: [0.52, 0.5], 2: [0.9, 0.45] };
    const at = (x: number) => scores[x] ?? [0, 0];
    const fit = coordinateAscent(params, { x: 0 }, (w) => at(w.x!), {
      rounds: 2,
      minGain: 0,
      tolerance: [0, 0.01],
      ...quiet,
    });
    expect(fit.weights).toEqual({ x: 1 });
    const loose = coordinateAscent(params, { x: 0 }, (w) => at(w.x!), {
      rounds: 2,
      minGain: 0,
      tolerance: [0, 0.1],
      ...quiet,
    });
    expect(loose.weights).toEqual({ x: 2 });
  });

  it("evaluates each distinct weight vector once", () => {
    let calls = 0;
    const params: Param[] = [{ name: "x", grid: [0, 1] }];
    coordinateAscent(
      params,
      { x: 0 },
      () => {
        calls++;
        return [0];
      },
      { rounds: 3, minGain: 0, ...quiet },
    );
    expect(calls).toBe(2);
  });
});
