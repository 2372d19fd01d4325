import { describe, expect, it } from "vitest";
import { createRecentKeys } from "../../src/slack/recent-keys.js";

describe("createRecentKeys", () => {
  it("says first time once per key within the TTL, again after it", () => {
    let now = 0;
    const recent = createRecentKeys({ ttlMs: 1000, now: () => now });
    expect(recent.firstTime("a")).toBe(true);
    expect(recent.firstTime("a")).toBe(false);
    now = 999;
    expect(recent.firstTime("a")).toBe(false);
    now = 2500;
    expect(recent.firstTime("a")).toBe(true);
  });

  it("stays bounded, forgetting the oldest first", () => {
    const recent = createRecentKeys({ max: 3 });
    for (const key of ["a", "b", "c", "d"]) recent.firstTime(key);
    expect(recent.size).toBe(3);
    expect(recent.firstTime("d")).toBe(false);
    expect(recent.firstTime("a")).toBe(true);
  });
});
