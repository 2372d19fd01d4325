import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/index.js";
import {
  METADATA_QUESTION_CHARS,
  THREAD_EVENT_TYPE,
  threadContextOf,
  threadMetadata,
  tsBefore,
  turnOfMessage,
  UNREAD,
} from "../../src/slack/thread-metadata.js";
import { makePassage } from "../support/fake-answers.js";

const self = { botId: "BUS", appId: "AUS", botUserId: "UUSBOT" };
const answer: Answer = {
  question: "Who is the new superintendent? from:courier",
  found: true,
  hasMore: false,
  asked: "2025-06-10",
  filters: { publications: ["courier"], after: "2025-01-01" },
  passages: [1, 2, 3, 4].map((n) => makePassage({ articleId: `a${n}`, paragraph: n, rank: n })),
};
const ours = (metadata: unknown, extra: Record<string, unknown> = {}) => ({
  ts: "1.1",
  bot_id: "BUS",
  app_id: "AUS",
  metadata,
  ...extra,
});

describe("thread metadata", () => {
  it("keeps the question, its day, its filters and the first page's citations, flat as Slack wants", () => {
    const metadata = threadMetadata(answer);
    expect(metadata).toEqual({
      event_type: THREAD_EVENT_TYPE,
      event_payload: {
        question: answer.question,
        asked: "2025-06-10",
        cited: "a1#1\na2#2\na3#3",
        publications: "courier",
        after: "2025-01-01",
      },
    });
    for (const value of Object.values(metadata.event_payload)) expect(typeof value).toBe("string");
    // Read back, it is the turn the engine reads.
    expect(turnOfMessage(ours(metadata), self)).toEqual({
      question: answer.question,
      asked: "2025-06-10",
      filters: { publications: ["courier"], after: "2025-01-01" },
      cited: ["a1#1", "a2#2", "a3#3"],
    });
  });

  it("keeps every filter kind, so a follow-up carries each over: sections and bylines too", () => {
    const filters = {
      publications: ["courier", "ledger"],
      sections: ["education"],
      bylines: ["Ann Lee", "Raj Patel"],
      after: "2025-01-01",
      before: "2025-06-30",
    };
    const metadata = threadMetadata({ ...answer, filters });
    expect(metadata.event_payload).toMatchObject({ sections: "education", bylines: "Ann Lee\nRaj Patel" });
    expect(turnOfMessage(ours(metadata), self)?.filters).toEqual(filters);
  });

  it("bounds a long question", () => {
    const long = threadMetadata({ ...answer, question: "x".repeat(3000) });
    expect(long.event_payload.question.length).toBe(METADATA_QUESTION_CHARS);
  });

  it("trusts only our own messages and our event type; malformed payloads are skipped", () => {
    const metadata = threadMetadata(answer);
    expect(turnOfMessage(ours(metadata, { bot_id: "BOTHER", app_id: "AOTHER" }), self)).toBeUndefined();
    // A user's message carrying no bot id is not ours, whatever app id it claims.
    expect(turnOfMessage({ ts: "1.1", app_id: "AUS", metadata }, self)).toBeUndefined();
    expect(turnOfMessage(ours({ ...metadata, event_type: "other_app_event" }), self)).toBeUndefined();
    expect(
      turnOfMessage(ours({ event_type: THREAD_EVENT_TYPE, event_payload: { question: 5 } }), self),
    ).toBeUndefined();
    expect(turnOfMessage(ours({ event_type: THREAD_EVENT_TYPE }), self)).toBeUndefined();
    const odd = turnOfMessage(
      ours({ event_type: THREAD_EVENT_TYPE, event_payload: { question: "q", asked: "yesterday", cited: 7 } }),
      self,
    );
    expect(odd).toEqual({ question: "q", cited: [] });
  });

  it("a thread's context: our turns in order, else the asker's root question, else unread", () => {
    const m = (q: string, ts: string) => ours(threadMetadata({ ...answer, question: q }), { ts });
    expect(
      threadContextOf(
        [m("one", "1.1"), { ts: "1.2", user: "U1", text: "chat" }, m("two", "1.3")],
        self,
        "1.4",
        "C1",
      ),
    ).toMatchObject({
      turns: [{ question: "one" }, { question: "two" }],
    });
    expect(
      threadContextOf(
        [{ ts: "1749556800.1", user: "U1", text: "<@UUSBOT> Who won?" }],
        self,
        "1749556800.4",
        "C1",
      ),
    ).toEqual({
      turns: [{ question: "Who won?", asked: "2025-06-10", cited: [] }],
    });
    // A person's root: in a DM it was put to us; in a channel only if it mentions us.
    const post = [{ ts: "1749556800.1", user: "U1", text: "Who won?" }];
    expect(threadContextOf(post, self, "1749556800.4", "D1")).toEqual({
      turns: [{ question: "Who won?", asked: "2025-06-10", cited: [] }],
    });
    expect(threadContextOf(post, self, "1749556800.4", "C1")).toEqual({ unread: UNREAD.none });
    expect(threadContextOf(post, self, "1749556800.4", "G1")).toEqual({ unread: UNREAD.none });
    expect(threadContextOf([{ ts: "1.1", bot_id: "BOTHER", text: "hi" }], self, "1.4", "D1")).toEqual({
      unread: UNREAD.none,
    });
    expect(threadContextOf([], self, "1.4", "D1")).toEqual({ unread: UNREAD.none });
  });

  it("reads only what came before: an answer posted after the follow-up is no earlier turn of it", () => {
    const m = (q: string, ts: string) => ours(threadMetadata({ ...answer, question: q }), { ts });
    const thread = [m("one", "1700000000.000009"), m("two", "1700000000.000010"), m("three", "1700000001.0")];
    // Seconds compare as numbers, fractions digit by digit (Slack writes six digits).
    expect(threadContextOf(thread, self, "1700000000.000010", "C1")).toMatchObject({
      turns: [{ question: "one" }],
    });
    expect(threadContextOf(thread, self, "1700000000.5", "C1")).toMatchObject({
      turns: [{ question: "one" }, { question: "two" }],
    });
    expect(tsBefore("999.9", "1000.0")).toBe(true);
    expect(tsBefore("1000.000001", "1000.000001")).toBe(false);
  });
});
