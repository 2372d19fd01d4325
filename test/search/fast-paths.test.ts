import { beforeAll, describe, expect, it } from "vitest";
import { documentFrequency } from "../../src/index-store/index.js";
import type { ParagraphIndex } from "../../src/index-store/paragraph-index.js";
import { boostAnswerType } from "../../src/search/answer-type/boost.js";
import { resolveEngineOptions } from "../../src/search/engine-options.js";
import type { Expansion } from "../../src/search/expansion.js";
import { idf } from "../../src/search/formula.js";
import { rankPassages, retrieve } from "../../src/search/pipeline.js";
import { analyzeQuery, type QueryGroup } from "../../src/search/query.js";
import { relatedTerms } from "../../src/search/related-words.js";
import { docHoldsQuestionWord, keepHoldingQuestionWord } from "../../src/search/rerank.js";
import { fixtureIndex } from "./fixture.js";

let index: ParagraphIndex;
beforeAll(async () => {
  ({ index } = await fixtureIndex());
});

const QUESTIONS = [
  "When did the bridge reopen?",
  "Who won the chess championship?",
  "Which company cut jobs at the retail chain?",
  "How many people came to the festival?",
  "What did the council vote on?",
  "Where did the flood hit?",
  "Who runs the museum?",
  "How much did the harbour works cost?",
  "What did he say about the bridge?",
  "zzyzx quorble",
];

// Faster paths of the answer's hot loop, each held to the plain one it replaced.
describe("keepHoldingQuestionWord", () => {
  it("keeps what filtering by docHoldsQuestionWord keeps", () => {
    let dropped = 0;
    for (const question of QUESTIONS) {
      const { query } = rankPassages(index, question);
      // Every candidate of the first stage, not only the found ones: more passages without the words.
      const all = retrieve(index, query, resolveEngineOptions({ candidates: 200 }), 200);
      for (const keep of [0, 1, 3, 10]) {
        const plain = all.filter((r, i) => i < keep || docHoldsQuestionWord(index, query, r.doc));
        dropped += all.length - plain.length;
        expect(keepHoldingQuestionWord(index, query, all, keep)).toEqual(plain);
      }
    }
    // The check means something only if some passages were left out.
    expect(dropped).toBeGreaterThan(0);
  });
});

describe("boostAnswerType's boosted passages", () => {
  it("are the re-ranked ones with their new score and shares, field for field", () => {
    let boosted = 0;
    for (const question of QUESTIONS) {
      const { query } = rankPassages(index, question);
      const options = resolveEngineOptions();
      const ranked = retrieve(index, query, options);
      const byDoc = new Map(ranked.map((r) => [r.doc, r]));
      for (const out of boostAnswerType(index, query, ranked, options)) {
        const before = byDoc.get(out.doc)!;
        if (out === before) continue;
        boosted++;
        const shares: Record<string, number> = { answerShare: out.answerShare! };
        if (out.subjectShare !== undefined) shares.subjectShare = out.subjectShare;
        // As `{ ...r, score, answerShare }` made them: the same keys in the same order.
        expect(Object.keys(out)).toEqual(Object.keys({ ...before, score: out.score, ...shares }));
        expect(out).toEqual({ ...before, score: out.score, ...shares });
      }
    }
    expect(boosted).toBeGreaterThan(0);
  });
});

describe("the question words' related words (read against the corpus once per word)", () => {
  /** relatedExpansions as first written: every WordNet word looked up in the vocabulary, each time. */
  function plainRelated(group: QueryGroup, weight: number, max: number): Expansion[] {
    const out: Expansion[] = [];
    for (const related of relatedTerms(group.folded)) {
      if (out.length >= max) break;
      const termId = index.termIds.get(related);
      if (termId === undefined || group.expansions.some((e) => e.termId === termId)) continue;
      const relatedIdf = idf(index.docCount, documentFrequency(index, termId));
      const w = group.idf > 0 ? weight * Math.min(1, group.idf / relatedIdf) : weight;
      out.push({ termId, term: related, weight: w, kind: "related" });
    }
    return out;
  }

  it("are what the plain reading finds, asked once or again", () => {
    const options = resolveEngineOptions();
    let related = 0;
    for (const round of [1, 2]) {
      for (const question of [...QUESTIONS, "Which shop closed its stores?", "Did the ferry leave early?"]) {
        const query = analyzeQuery(index, question, options);
        const asked = new Set(query.groups.flatMap((g) => g.expansions.map((e) => e.termId)));
        for (const g of query.groups) {
          if (g.weight > 1) continue;
          // A word the question itself holds is dropped from the others' related words (dropAskedRelated).
          const plain = plainRelated(g, options.relatedWeight, options.maxRelated).filter(
            (e) => !asked.has(e.termId),
          );
          expect([round, g.folded, g.related]).toEqual([round, g.folded, plain]);
          related += plain.length;
        }
      }
    }
    expect(related).toBeGreaterThan(0);
  });
});
