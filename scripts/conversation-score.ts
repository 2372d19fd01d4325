/**
 * Scoring follow-ups: each turn after the first is asked twice — with its thread (the earlier turns as
 * Newsdesk answered them: questions, days, filters and the passages it cited) and alone — and its rank
 * found as the eval sets find it (a hit is a passage whose text holds an `expect` phrase, folded).
 * Shared by scripts/eval-conversations.ts and scripts/tune/thread-weight.ts.
 */
import { readFile } from "node:fs/promises";
import { turnOf } from "../src/answer/follow-up.js";
import type { Answer, AnswerOptions, ThreadTurn } from "../src/answer/types.js";

export interface Turn {
  question: string;
  asked?: string;
  kind: string;
  expect: string[];
}
export interface Conversation {
  id: string;
  turns: Turn[];
}
/** One follow-up's 1-based rank with its thread and alone (0: no hit in the first three). */
export interface FollowUpRow {
  kind: string;
  id: string;
  question: string;
  withThread: number;
  alone: number;
}

const fold = (s: string) =>
  s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, " ")
    .toLowerCase();

/** 1-based rank of the first passage holding an expected phrase, 0 when none does. */
function rankOf(answer: Answer, expect: readonly string[]): number {
  const wanted = expect.map(fold);
  const i = answer.passages.findIndex((p) => wanted.some((w) => fold(p.text).includes(w)));
  return i + 1;
}

export async function readConversations(file: string): Promise<Conversation[]> {
  return (await readFile(file, "utf8"))
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Conversation);
}

/** Every follow-up of the conversations, asked with its thread and alone. */
export function scoreConversations(
  ask: (question: string, options: AnswerOptions) => Answer,
  conversations: readonly Conversation[],
): FollowUpRow[] {
  const rows: FollowUpRow[] = [];
  for (const conversation of conversations) {
    const thread: ThreadTurn[] = [];
    for (const [i, turn] of conversation.turns.entries()) {
      const options: AnswerOptions = { limit: 3, ...(turn.asked ? { asked: turn.asked } : {}) };
      const withThread = ask(turn.question, i === 0 ? options : { ...options, thread: { turns: thread } });
      thread.push(turnOf(withThread));
      if (i === 0) continue;
      const alone = ask(turn.question, options);
      rows.push({
        kind: turn.kind,
        id: conversation.id,
        question: turn.question,
        withThread: rankOf(withThread, turn.expect),
        alone: rankOf(alone, turn.expect),
      });
    }
  }
  return rows;
}

/** Share of rows whose rank (with the thread or alone) is within k. */
export function recallAt(rows: readonly FollowUpRow[], key: "withThread" | "alone", k: number): number {
  return rows.filter((r) => r[key] > 0 && r[key] <= k).length / Math.max(1, rows.length);
}
