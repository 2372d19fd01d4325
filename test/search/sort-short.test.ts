import { describe, expect, it } from "vitest";
import { sortShort } from "../../src/search/sort-short.js";
import { random as seeded } from "../support/random.js";

describe("sortShort", () => {
  it("orders like Array.prototype.sort, equal keys kept in their order (stable), at every length", () => {
    const random = seeded(7);
    for (let length = 0; length <= 60; length++) {
      // Few distinct keys, so many ties: only a stable sort keeps the ids of equal keys ascending.
      const items = Array.from({ length }, (_, id) => ({ key: Math.floor(random() * 5), id }));
      const byKey = (x: { key: number }, y: { key: number }) => x.key - y.key;
      const expected = [...items].sort(byKey);
      const sorted = [...items];
      expect(sortShort(sorted, byKey)).toBe(sorted);
      expect(sorted).toEqual(expected);
    }
  });
});
