import { beforeAll, describe, expect, it } from "vitest";
import { contentHeld, contentWords } from "../../src/answer/confidence-evidence.js";
import type { ParagraphIndex } from "../../src/index-store/paragraph-index.js";
import { resolveEngineOptions } from "../../src/search/engine-options.js";
import { type AnalyzedQuery, analyzeQuery } from "../../src/search/query.js";
import { fixtureIndex } from "../search/fixture.js";

let index: ParagraphIndex;
beforeAll(async () => {
  ({ index } = await fixtureIndex());
});

/** contentHeld as first written: each content word's terms scanned for in the paragraph's words. */
function plainContentHeld(query: AnalyzedQuery, doc: number): number {
  let count = 0;
  let held = 0;
  for (const g of query.groups) {
    if (g.weight > 1) continue;
    count++;
    if (g.expansions.length === 0) continue;
    const ids = g.expansions.map((e) => e.termId);
    for (let i = index.docTokenStart[doc]!; i < index.docTokenStart[doc + 1]!; i++) {
      if (ids.includes(index.docTokens[i]!)) {
        held++;
        break;
      }
    }
  }
  return count === 0 ? 1 : held / count;
}

describe("contentHeld (the question's content words as bits)", () => {
  // Every word of the fixture's paragraphs, so that a long question has more content words than bits.
  const long = () =>
    [
      ...new Set(
        index.articles.flatMap(
          (a) =>
            a.paragraphs
              .join(" ")
              .toLowerCase()
              .match(/[a-z]{5,}/g) ?? [],
        ),
      ),
    ]
      .slice(0, 60)
      .join(" ");

  it("is the plain share for every paragraph, with few content words or more than 31", () => {
    const questions = [
      "When did the bridge reopen?",
      "Who won the chess championship in Oslo?",
      "How many people came to the festival and the harbour fair?",
      "Which brigde reopned?",
      "zzyzx quorble",
      "Who?",
      long(),
    ];
    let bitsNull = 0;
    let partial = 0;
    for (const question of questions) {
      const query = analyzeQuery(index, question, resolveEngineOptions({ maxQueryWords: 80 }));
      const words = contentWords(query);
      if (words.bits === null) bitsNull++;
      for (let doc = 0; doc < index.docCount; doc++) {
        const plain = plainContentHeld(query, doc);
        if (plain > 0 && plain < 1) partial++;
        expect([question, doc, contentHeld(index, query, doc, words)]).toEqual([question, doc, plain]);
        expect(contentHeld(index, query, doc)).toBe(plain);
      }
    }
    expect(bitsNull).toBe(1);
    expect(partial).toBeGreaterThan(10);
  });
});
