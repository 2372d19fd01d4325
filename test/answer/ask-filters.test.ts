import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundDay, parseAskFilters } from "../../src/answer/ask-filters.js";
import { filtersText } from "../../src/answer/filters-text.js";

describe("parseAskFilters", () => {
  it("takes from:, section:, after: and before: out of the question", () => {
    const parsed = parseAskFilters("from:cnn.com after:2024-01 who won? before:2024-06-30 section:politics");
    expect(parsed.question).toBe("who won?");
    expect(parsed.filters).toEqual({
      publications: ["cnn.com"],
      sections: ["politics"],
      after: "2024-01-01",
      before: "2024-06-30",
    });
    expect(parsed.problem).toBeUndefined();
  });

  it("takes byline: out too, and says it in the filters' sentence", () => {
    const parsed = parseAskFilters('ferry byline:"Ann Lee" byline:Reyes');
    expect(parsed.question).toBe("ferry");
    expect(parsed.filters).toEqual({ bylines: ["Ann Lee", "Reyes"] });
    expect(filtersText(parsed.filters)).toBe("Only articles by Ann Lee or Reyes.");
  });

  it("reads quoted values and repeated publications, and leaves other colons alone", () => {
    const parsed = parseAskFilters('from:"Harbour Times" from:cnn ratio 3:1 at 10:30?');
    expect(parsed.filters.publications).toEqual(["Harbour Times", "cnn"]);
    expect(parsed.question).toBe("ratio 3:1 at 10:30?");
  });

  it("counts years and months whole, and names a date it cannot read", () => {
    expect(boundDay("2024", false)).toBe("2024-01-01");
    expect(boundDay("2024", true)).toBe("2024-12-31");
    expect(boundDay("2024-02", true)).toBe("2024-02-29");
    expect(boundDay("2024-13", false)).toBeNull();
    expect(boundDay("2023-02-29", false)).toBeNull();
    expect(parseAskFilters("before:soon who?").problem).toBe(
      '"before:soon" is not a date I can read; write before:2024, before:2024-01 or before:2024-01-15.',
    );
  });

  it("says what was applied in one sentence", () => {
    expect(filtersText({ publications: ["cnn.com"], after: "2024-01-01", before: "2024-06-30" })).toBe(
      "Only articles from cnn.com, published 1 Jan 2024 – 30 Jun 2024.",
    );
  });
});

describe("parseAskFilters without a colon (the common question)", () => {
  it("reads the question as the filter path does: whitespace folded, no filters", () => {
    const spaces = fc.constantFrom(" ", "  ", "\t", "\n", "\u00a0", "\u2003", " \r\n ");
    const text = fc
      .array(fc.tuple(fc.constantFrom("who", "from", "after", "2024", "won?", "é", ""), spaces), {
        maxLength: 8,
      })
      .map((parts) => parts.map(([w, s]) => w + s).join(""));
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), (t) => {
        fc.pre(!t.includes(":"));
        // The plain path: the same text with a filter token appended, which the filter path takes out.
        const plain = parseAskFilters(`${t} from:x`);
        expect(parseAskFilters(t)).toEqual({
          question: plain.question.replace(/ ?from:x$/, ""),
          filters: {},
        });
      }),
      { numRuns: 2000 },
    );
  });
});
