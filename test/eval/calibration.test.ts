import { describe, expect, it } from "vitest";
import { calibrationOf } from "../../src/eval/calibration.js";
import { reliabilityChart } from "../../src/eval/reliability-chart.js";

describe("calibration per band and per tenth of probability", () => {
  const points = [
    { confidence: "high" as const, probability: 0.91, rightFirst: true },
    { confidence: "high" as const, probability: 0.95, rightFirst: false },
    { confidence: "high" as const, probability: 1, rightFirst: true },
    { confidence: "low" as const, probability: 0.12, rightFirst: false },
    { rightFirst: false },
  ];

  it("counts answers and the right-first share per band, not found apart", () => {
    const { bands } = calibrationOf(points);
    expect(bands).toEqual([
      { band: "high", answers: 3, rightFirst: 2 / 3 },
      { band: "low", answers: 1, rightFirst: 0 },
      { band: "not found", answers: 1, rightFirst: 0 },
    ]);
  });

  it("bins by probability, the last bin holding 1, with each bin's mean probability", () => {
    const { bins } = calibrationOf(points);
    expect(bins).toHaveLength(10);
    expect(bins[9]).toMatchObject({ answers: 3, rightFirst: 2 / 3 });
    expect(bins[9]!.meanProbability).toBeCloseTo((0.91 + 0.95 + 1) / 3, 9);
    expect(bins[1]).toMatchObject({ answers: 1, rightFirst: 0 });
    expect(bins.reduce((s, b) => s + b.answers, 0)).toBe(4);
  });

  it("draws a standalone SVG with a dot per filled bin and the threshold", () => {
    const svg = reliabilityChart("dev <set> & co", calibrationOf(points), 0.8);
    expect(svg.startsWith("<svg xmlns=")).toBe(true);
    expect(svg.trim().endsWith("</svg>")).toBe(true);
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toContain("high ≥ 0.80");
    expect(svg).toContain("dev &#60;set&#62; &#38; co");
    expect(svg).not.toContain("<set>");
  });
});
