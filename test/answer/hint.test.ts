import { describe, expect, it } from "vitest";
import { notFoundHint } from "../../src/answer/hint.js";
import type { ParagraphIndex } from "../../src/index-store/paragraph-index.js";
import type { AnalyzedQuery, Expansion, QueryGroup } from "../../src/search/query.js";

// Only `surfaces` is read: the corpus word behind each term id.
const index = { surfaces: ["alpha", "beta", "gamma", "delta", "epsilon"] } as unknown as ParagraphIndex;

const expansion = (termId: number, kind: Expansion["kind"]): Expansion => ({
  termId,
  term: index.surfaces[termId]!,
  weight: 1,
  kind,
});
const group = (text: string, expansions: Expansion[]): QueryGroup => ({
  text,
  folded: text.toLowerCase(),
  term: text.toLowerCase(),
  weight: 1,
  idf: 0,
  expansions,
  related: [],
});
const query = (groups: QueryGroup[]): AnalyzedQuery => ({
  groups,
  tokens: [],
  onlyStopWords: false,
  answerType: null,
});

describe("notFoundHint", () => {
  it("names the words the articles never use and the close words they do, each once, three at most", () => {
    const hint = notFoundHint(
      index,
      query([
        group("Zork", []),
        group("alfa", [expansion(0, "fuzzy"), expansion(1, "fuzzy")]),
        group("bet", [expansion(1, "prefix"), expansion(2, "prefix")]),
        group("gamma", [expansion(2, "exact")]),
        group("Quux", []),
        group("deltas", [expansion(3, "fuzzy"), expansion(4, "fuzzy")]),
      ]),
    );
    expect(hint).toBe(
      "No passage matches well enough (the articles never use “Zork”, “Quux”; close words they do use: “alpha”, “beta”, “gamma”); try other words for the same thing.",
    );
  });

  it("gives either part alone, or the general advice when every word is known as written", () => {
    expect(notFoundHint(index, query([group("Zork", []), group("gamma", [expansion(2, "exact")])]))).toBe(
      "No passage matches well enough (the articles never use “Zork”); try other words for the same thing.",
    );
    expect(notFoundHint(index, query([group("alfa", [expansion(0, "fuzzy")])]))).toBe(
      "No passage matches well enough (close words they do use: “alpha”); try other words for the same thing.",
    );
    expect(notFoundHint(index, query([group("gamma", [expansion(2, "exact")])]))).toBe(
      "No passage matches enough of the question; try fewer or more specific words (a name, place or date).",
    );
  });
});
