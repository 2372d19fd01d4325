/**
 * `restrictedOut` on a not-found answer: its filters or channel scope, not its words, left nothing — the
 * editors' report keeps such questions out of the archive's coverage gaps (slack/channel-ask.ts). On the
 * conversations fixture (test/fixtures/conversations: the Bayside Courier's harbour ferry of 2024 and
 * 2025, Priya Nair's appointment of June 2025).
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.js";
import type { AnswerOptions, ThreadTurn } from "../../src/answer/types.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import type { ParagraphIndex } from "../../src/index-store/paragraph-index.js";
import { buildIndex } from "../../src/search/build-index.js";
import { repoRoot } from "../support/paths.js";

let index: ParagraphIndex;
beforeAll(async () => {
  index = buildIndex(await loadCorpus(path.join(repoRoot, "test/fixtures/conversations")));
});
const ask = (question: string, options: AnswerOptions = {}) =>
  answerQuestion(index, question, { asked: "2025-06-10", ...options });

describe("an answer left empty by its filters or scope", () => {
  it("is marked when the words find passages that day without them, typed, scoped or carried", () => {
    const typed = ask("Who is the new superintendent? before:2024-12");
    expect(typed.found).toBe(false);
    expect(typed.restrictedOut).toBe(true);
    const scoped = ask("Who is the new superintendent?", { scope: { publications: ["Capital Ledger"] } });
    expect(scoped.found).toBe(false);
    expect(scoped.restrictedOut).toBe(true);
    // A thread's filters carry into the follow-up: still the filter, not the words.
    const turns: ThreadTurn[] = [
      {
        question: "How many passengers rode the harbour ferry? before:2024-06",
        asked: "2025-06-10",
        filters: { before: "2024-06-30" },
      },
    ];
    const carried = ask("Who is the new superintendent?", { thread: { turns } });
    expect(carried.found).toBe(false);
    expect(carried.followUp?.filtersCarried).toBe(true);
    expect(carried.restrictedOut).toBe(true);
  });

  it("is not marked when the words find nothing anyway, or nothing but the day excluded", () => {
    const words = ask("Who won the chess championship? before:2024-12");
    expect(words.found).toBe(false);
    expect(words.restrictedOut).toBeUndefined();
    // Asked before the appointment was published: the day of asking, not a filter, left nothing.
    const early = ask("Who is the new superintendent?", { asked: "2025-01-01" });
    expect(early.found).toBe(false);
    expect(early.restrictedOut).toBeUndefined();
  });
});
