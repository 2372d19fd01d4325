/**
 * The follow-up conversation sets (test/fixtures/conversations-eval/) and their scorer
 * (scripts/conversation-score.ts): every expected phrase is a paragraph's words in an article published
 * by the turn's day, and the scorer ranks a follow-up with its thread and alone as the engine answers.
 */
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readConversations, recallAt, scoreConversations } from "../../scripts/conversation-score.js";
import { createEngine } from "../../src/answer/engine.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import type { Article } from "../../src/corpus/types.js";
import { buildIndex } from "../../src/search/build-index.js";
import { repoRoot, sharedDir } from "../support/paths.js";

const setsDir = path.join(repoRoot, "test/fixtures/conversations-eval");
const newsCorpus = path.join(sharedDir, "eval/news/corpus");
const fold = (s: string) =>
  s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, " ")
    .toLowerCase();

describe("the conversation sets", () => {
  if (!existsSync(newsCorpus)) {
    it.skip(`needs ${newsCorpus} (the shared folder next to the checkout)`, () => {});
    return;
  }
  let articles: Article[];
  beforeAll(async () => {
    articles = (await loadCorpus(newsCorpus)).articles;
  });

  it("quote, for every turn, a paragraph of an article published by the day it was asked", async () => {
    const files = (await readdir(setsDir)).filter((f) => f.endsWith(".jsonl"));
    expect(files.length).toBeGreaterThanOrEqual(4);
    const missing: string[] = [];
    for (const file of files) {
      for (const conversation of await readConversations(path.join(setsDir, file))) {
        expect(conversation.turns.length).toBeGreaterThanOrEqual(3);
        expect(conversation.turns[0]!.kind).toBe("first");
        for (const turn of conversation.turns) {
          const found = turn.expect.some((phrase) =>
            articles.some(
              (a) =>
                (a.published ?? "") <= (turn.asked ?? "9999") &&
                a.paragraphs.some((p) => fold(p).includes(fold(phrase))),
            ),
          );
          if (!found) missing.push(`${file} ${conversation.id}: ${turn.question}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("the conversation scorer", () => {
  it("ranks a follow-up with its thread and alone, as the engine answers each", async () => {
    const index = buildIndex(await loadCorpus(path.join(repoRoot, "test/fixtures/conversations")));
    const ask = createEngine(index).ask;
    const rows = scoreConversations(ask, [
      {
        id: "nair",
        turns: [
          {
            question: "Who is the new superintendent?",
            asked: "2025-06-10",
            kind: "first",
            expect: ["Priya Nair"],
          },
          { question: "who did she replace?", asked: "2025-06-10", kind: "pronoun", expect: ["succeeds"] },
        ],
      },
    ]);
    expect(rows).toHaveLength(1);
    // Alone, the agency's "to replace" paragraph comes first; with the thread, her story's.
    expect(rows[0]!.alone).not.toBe(1);
    expect(rows[0]!.withThread).toBeGreaterThan(0);
    expect(recallAt(rows, "withThread", 3)).toBe(1);
  });
});
