import { describe, expect, it } from "vitest";
import { parseBenchArgs } from "../../scripts/bench/args.js";

describe("parseBenchArgs", () => {
  it("defaults to the issue's full sizes", () => {
    const options = parseBenchArgs([]);
    expect(options.sizes).toEqual([2000, 10000, 25888]);
    expect(options.archiveQuestions + options.squadQuestions).toBeGreaterThanOrEqual(1000);
    expect(options.http).toBe(true);
  });

  it("makes --quick small and honours explicit sizes", () => {
    const quick = parseBenchArgs(["--quick"]);
    expect(quick.sizes).toEqual([500]);
    expect(quick.archiveQuestions).toBeLessThan(200);
    expect(parseBenchArgs(["--quick", "--sizes", "100,200", "--no-http"])).toMatchObject({
      sizes: [100, 200],
      http: false,
    });
  });

  it("runs only the HTTP phase with --http-only", () => {
    expect(parseBenchArgs(["--http-only", "--http-rounds", "2"])).toMatchObject({
      sizes: [],
      http: true,
      httpOnly: true,
      httpRounds: 2,
    });
    expect(parseBenchArgs(["--http-only"]).httpCeiling).toBe(false);
    expect(parseBenchArgs(["--http-only", "--http-ceiling"]).httpCeiling).toBe(true);
    expect(() => parseBenchArgs(["--http-only", "--no-http"])).toThrow(/exclude/);
    expect(() => parseBenchArgs(["--http-only", "--sizes", "100"])).toThrow(/no sizes/);
  });

  it("times follow-ups by default, alone with --follow-ups-only, never with --http-only", () => {
    expect(parseBenchArgs([])).toMatchObject({ followUps: true, followUpsOnly: false, followUpRounds: 20 });
    expect(parseBenchArgs(["--quick"]).followUpRounds).toBe(3);
    expect(parseBenchArgs(["--follow-ups-only", "--follow-up-rounds", "5"])).toMatchObject({
      sizes: [],
      http: false,
      followUps: true,
      followUpsOnly: true,
      followUpRounds: 5,
    });
    expect(parseBenchArgs(["--http-only"]).followUps).toBe(false);
    expect(parseBenchArgs(["--no-follow-ups"]).followUps).toBe(false);
    expect(() => parseBenchArgs(["--follow-ups-only", "--http-only"])).toThrow(/follow-ups-only/);
    expect(() => parseBenchArgs(["--follow-ups-only", "--sizes", "100"])).toThrow(/follow-ups-only/);
  });

  it("rejects sizes that are not positive whole numbers", () => {
    expect(() => parseBenchArgs(["--sizes", "10,abc"])).toThrow(/whole number/);
    expect(() => parseBenchArgs(["--sizes", "0"])).toThrow(/positive/);
  });
});
