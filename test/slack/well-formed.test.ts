import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wellFormed } from "../../src/slack/mrkdwn.js";

/** The plain walk wellFormed must equal: every string's lone surrogates replaced, copies only where changed. */
function plainWellFormed(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/\p{Surrogate}/gu, "\uFFFD");
  if (Array.isArray(value)) return value.map(plainWellFormed);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainWellFormed(v)]));
  }
  return value;
}

// UTF-16 units drawn mostly from the surrogate ranges, so lone halves and pairs both occur.
const unit = fc.oneof(fc.integer({ min: 0xd800, max: 0xdfff }), fc.integer({ min: 0, max: 0xffff }));
const utf16 = fc.array(unit, { maxLength: 8 }).map((units) => String.fromCharCode(...units));
const reply = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    utf16,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(utf16, tie("value"), { maxKeys: 4 }),
  ),
})).value;

describe("wellFormed", () => {
  it("equals the plain walk on random replies, and returns what it was given when nothing changed", () => {
    fc.assert(
      fc.property(reply, (value) => {
        const snapshot = structuredClone(value);
        const fixed = wellFormed(value);
        expect(fixed).toEqual(plainWellFormed(value));
        expect(value).toEqual(snapshot);
        if (JSON.stringify(fixed) === JSON.stringify(snapshot)) expect(fixed).toBe(value);
      }),
      { numRuns: 3000 },
    );
  });

  it("replaces a lone surrogate and keeps a pair", () => {
    expect(wellFormed({ text: "a\uD800b", blocks: [{ t: "\uD83D\uDE00" }] })).toEqual({
      text: "a\uFFFDb",
      blocks: [{ t: "\uD83D\uDE00" }],
    });
  });
});
