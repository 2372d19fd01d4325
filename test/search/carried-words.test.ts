/**
 * How much a follow-up's carried words weigh (src/search/carried-words.ts), on the conversations
 * fixture (test/fixtures/conversations: Priya Nair's appointment — her predecessor "succeeds" in ¶2,
 * her salary "paid" in ¶4 — beside a security agency "established … to replace" a ministry).
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import type { ParagraphIndex } from "../../src/index-store/paragraph-index.js";
import { buildIndex } from "../../src/search/build-index.js";
import { carriedWeight, withCarriedWords } from "../../src/search/carried-words.js";
import { DEFAULT_ENGINE_OPTIONS } from "../../src/search/engine-options.js";
import { analyzeQuery } from "../../src/search/query.js";
import { repoRoot } from "../support/paths.js";

let index: ParagraphIndex;
beforeAll(async () => {
  index = buildIndex(await loadCorpus(path.join(repoRoot, "test/fixtures/conversations")));
});
const story = new Set(["nair-superintendent"]);
const options = DEFAULT_ENGINE_OPTIONS;

describe("carried words' weight", () => {
  it("is threadWeightInStory once the cited story holds one of the follow-up's own words", () => {
    // Her story writes "paid": the subject has found the story, and "paid" tells its passages apart.
    const paid = analyzeQuery(index, "how much will she be paid?", options);
    expect(carriedWeight(index, paid, options, story)).toBe(options.threadWeightInStory);
  });

  it("stays threadWeight when only another story writes the follow-up's words, or no story is known", () => {
    // Only the agency's story writes "replace": the carried subject must outweigh it to keep her story.
    const replace = analyzeQuery(index, "who did she replace?", options);
    expect(carriedWeight(index, replace, options, story)).toBe(options.threadWeight);
    const paid = analyzeQuery(index, "how much will she be paid?", options);
    expect(carriedWeight(index, paid, options, undefined)).toBe(options.threadWeight);
    expect(carriedWeight(index, paid, options, new Set(["no-such-article"]))).toBe(options.threadWeight);
  });

  it("weighs every carried group by that weight, in retrieval and in coverage", () => {
    const paid = analyzeQuery(index, "how much will she be paid?", options);
    const alone = analyzeQuery(index, "and Priya Nair", options);
    const carried = withCarriedWords(index, paid, "Priya Nair", options, story);
    const extra = carried.groups.slice(paid.groups.length);
    expect(extra.length).toBeGreaterThan(0);
    for (const g of extra) {
      const typed = alone.groups.find((a) => a.term === g.term)!;
      expect(g.weight).toBeCloseTo(typed.weight * options.threadWeightInStory, 6);
      expect(g.idf).toBeCloseTo(typed.idf * options.threadWeightInStory, 6);
    }
  });
});
