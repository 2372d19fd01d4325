import { describe, expect, it } from "vitest";
import { askedOfMs, askedOfTs } from "../../src/slack/slack-deps.js";

// The day of asking is read by arithmetic on every request; it must be the day a Date names.
describe("the day a Slack request was asked", () => {
  const fixed = new Date("2026-12-07T10:00:00Z");
  const now = () => fixed;
  const random = (seed: number) => () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };

  it("is the UTC day of a receiver's instant in milliseconds, as toISOString names it", () => {
    const next = random(7);
    for (let i = 0; i < 20_000; i++) {
      const ms = Math.round((next() * 2 - 1) * 1e13) + (i % 3 === 0 ? 0.5 : 0);
      expect(askedOfMs(ms, now)).toBe(new Date(ms).toISOString().slice(0, 10));
    }
    for (const ms of [0, -1, 86_399_999, 86_400_000, 951_782_400_000, 8.64e15, -8.64e15])
      expect(askedOfMs(ms, now)).toBe(new Date(ms).toISOString().slice(0, 10));
  });

  it("is the UTC day of a message's timestamp in seconds", () => {
    const next = random(11);
    for (let i = 0; i < 20_000; i++) {
      const seconds = Math.floor(next() * 4e9) + 1;
      const ts = `${seconds}.${String(i % 1_000_000).padStart(6, "0")}`;
      expect(askedOfTs(ts, now)).toBe(new Date(Number(ts) * 1000).toISOString().slice(0, 10));
    }
  });

  it("is the clock's day when the time cannot be read, never an error", () => {
    for (const ms of [Number.NaN, Number.POSITIVE_INFINITY, 1e20, -1e20, "1718400000000", undefined])
      expect(askedOfMs(ms, now)).toBe("2026-12-07");
    for (const ts of [undefined, "", "soon", "0", "-5", "1e20", "Infinity"])
      expect(askedOfTs(ts, now)).toBe("2026-12-07");
  });
});
