/**
 * One suite, both engines: every behaviour of the store holds on SQLite (the embedded default) and on a
 * real PostgreSQL server started by test/global-setup.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type FeedbackRow, MIGRATIONS, type Store } from "../../src/store/index.js";
import { CHESS_GAP, ENGINES, freshPlace, type StorePlace, storeAt } from "./store-fixture.js";

const MINUTE = 60_000;

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function vote(overrides: Partial<FeedbackRow> = {}): FeedbackRow {
  return {
    team: "T1",
    channel: "C1",
    user: "U1",
    question: "When does the ferry run?",
    normalizedQuestion: "ferry run",
    askedDay: "2026-12-07",
    articleId: "harbour-ferry",
    paragraph: 2,
    rank: 1,
    vote: "up",
    at: 1_000,
    ...overrides,
  };
}

describe.each(ENGINES)("store on %s", (engine) => {
  let place: StorePlace;
  let store: Store;
  beforeEach(async (context) => {
    place = await freshPlace(engine, context.task.name.replace(/\W+/g, "_").slice(0, 20));
    store = storeAt(place);
    await store.init();
  });
  afterEach(async () => {
    await store.stop();
    place.cleanup();
  });

  it("applies every migration once, and again is a no-op", async () => {
    const last = MIGRATIONS[MIGRATIONS.length - 1]!.version;
    expect(await store.version()).toBe(last);
    const second = storeAt(place);
    await second.init();
    expect(await second.version()).toBe(last);
    await second.stop();
    expect(store.health()).toMatchObject({ engine, reachable: true, reachedOnce: true });
  });

  it("claims a key once within its window, and again after it", async () => {
    expect(await store.seen.claim("event:Ev1", 1_000, 10 * MINUTE)).toBe(true);
    expect(await store.seen.claim("event:Ev1", 1_000 + 9 * MINUTE, 10 * MINUTE)).toBe(false);
    expect(await store.seen.claim("event:Ev2", 1_000 + 9 * MINUTE, 10 * MINUTE)).toBe(true);
    expect(await store.seen.claim("event:Ev1", 1_000 + 11 * MINUTE, 10 * MINUTE)).toBe(true);
    expect(await store.seen.claim("event:Ev1", 1_000 + 12 * MINUTE, 10 * MINUTE)).toBe(false);
  });

  it("lets exactly one of many concurrent claims of a key win, across two connections", async () => {
    const other = storeAt(place);
    await other.init();
    const claims = Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? other : store).seen.claim("event:race", 5_000, MINUTE),
    );
    const won = (await Promise.all(claims)).filter(Boolean);
    expect(won).toHaveLength(1);
    await other.stop();
  });

  it("purges keys older than a bound and keeps the rest", async () => {
    await store.seen.claim("old", 1_000, MINUTE);
    await store.seen.claim("new", 100_000, MINUTE);
    expect(await store.seen.purge(50_000)).toBe(1);
    expect(await store.seen.claim("new", 100_001, MINUTE)).toBe(false);
    expect(await store.seen.claim("old", 100_001, 10 * MINUTE)).toBe(true);
  });

  it("keeps channel settings as a document per team and channel", async () => {
    expect(await store.settings.get("T1", "C1")).toBeUndefined();
    await store.settings.put("T1", "C1", { desk: "sport", passages: 3, sites: ["a", "b"] }, 10);
    await store.settings.put("T1", "C2", { desk: "city" }, 11);
    await store.settings.put("T2", "C1", { desk: "other team" }, 12);
    expect(await store.settings.get("T1", "C1")).toEqual({ desk: "sport", passages: 3, sites: ["a", "b"] });
    await store.settings.put("T1", "C1", { desk: "politics" }, 20);
    expect(await store.settings.get("T1", "C1")).toEqual({ desk: "politics" });
    expect(await store.settings.list("T1")).toEqual([
      { channel: "C1", settings: { desk: "politics" }, updatedAt: 20 },
      { channel: "C2", settings: { desk: "city" }, updatedAt: 11 },
    ]);
    await store.settings.delete("T1", "C1");
    expect(await store.settings.get("T1", "C1")).toBeUndefined();
    expect(await store.settings.get("T2", "C1")).toEqual({ desk: "other team" });
  });

  it("stores feedback rows whole and lists them newest first with filters", async () => {
    await store.feedback.add(vote({ at: 1_000 }));
    await store.feedback.add(vote({ at: 2_000, vote: "down", reason: "outdated", rank: 2, paragraph: 0 }));
    await store.feedback.add(vote({ at: 3_000, team: "T2", channel: "C9", user: "U9" }));
    const all = await store.feedback.list();
    expect(all.map((r) => r.at)).toEqual([3_000, 2_000, 1_000]);
    expect(all[1]).toEqual(vote({ at: 2_000, vote: "down", reason: "outdated", rank: 2, paragraph: 0 }));
    expect(all[2]).not.toHaveProperty("reason");
    expect((await store.feedback.list({ team: "T1" })).map((r) => r.at)).toEqual([2_000, 1_000]);
    expect((await store.feedback.list({ channel: "C9" })).map((r) => r.user)).toEqual(["U9"]);
    expect((await store.feedback.list({ since: 2_000 })).map((r) => r.at)).toEqual([3_000, 2_000]);
    expect((await store.feedback.list({ limit: 1 })).map((r) => r.at)).toEqual([3_000]);
  });

  it("refuses a vote that is neither up nor down", async () => {
    await expect(store.feedback.add(vote({ vote: "sideways" as "up" }))).rejects.toThrow();
    expect(await store.feedback.list()).toEqual([]);
    expect(store.health().reachable).toBe(true);
  });

  it("replaces a channel's settings only at the revision read, so no change undoes another", async () => {
    expect(await store.settings.read("T1", "C1")).toBeUndefined();
    expect(await store.settings.replace("T1", "C1", { sections: ["Politics"] }, 0, 10)).toBe(true);
    // A second writer that also saw "none yet" loses rather than overwrite.
    expect(await store.settings.replace("T1", "C1", { sections: ["Sport"] }, 0, 11)).toBe(false);
    expect(await store.settings.read("T1", "C1")).toEqual({
      settings: { sections: ["Politics"] },
      revision: 1,
      updatedAt: 10,
    });
    expect(await store.settings.replace("T1", "C1", { replies: "ephemeral" }, 1, 12)).toBe(true);
    expect(await store.settings.replace("T1", "C1", { replies: "thread" }, 1, 13)).toBe(false);
    expect(await store.settings.read("T1", "C1")).toMatchObject({
      revision: 2,
      settings: { replies: "ephemeral" },
    });
    await store.settings.put("T1", "C1", { desk: "C9" }, 14);
    expect(await store.settings.read("T1", "C1")).toMatchObject({ revision: 3, settings: { desk: "C9" } });
    expect(await store.settings.read("T2", "C1")).toBeUndefined();
  });

  it("lets exactly one of concurrent replacements of one revision win, across two connections", async () => {
    const other = storeAt(place);
    await other.init();
    await store.settings.replace("T1", "C1", { n: 0 }, 0, 1);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? other : store).settings.replace("T1", "C1", { n: i }, 1, 2),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect(await store.settings.read("T1", "C1")).toMatchObject({ revision: 2, settings: { n: winner } });
    await other.stop();
  });

  it("returns each vote's id, and adds a reason only to the voter's own 👎", async () => {
    const down = await store.feedback.add(vote({ vote: "down", user: "U1" }));
    const up = await store.feedback.add(vote({ vote: "up", user: "U2", at: 2_000 }));
    expect(down).not.toBe(up);
    expect(await store.feedback.explain(down, "T1", "U2", { kind: "out_of_date" })).toBe(false);
    expect(await store.feedback.explain(down, "T2", "U1", { kind: "out_of_date" })).toBe(false);
    expect(await store.feedback.explain(up, "T1", "U2", { kind: "other" })).toBe(false);
    expect(await store.feedback.explain(down, "T1", "U1", { kind: "other" })).toBe(true);
    const long = `${"why ".repeat(200)}<!channel>`;
    expect(await store.feedback.explain(down, "T1", "U1", { reason: long })).toBe(true);
    const [, mine] = await store.feedback.list();
    expect(mine).toMatchObject({ user: "U1", vote: "down", reasonKind: "other", reason: long });
  });

  it("keeps a passage id of any length whole and finds a question's votes by team", async () => {
    const id = `a${"-long".repeat(39)}`;
    await store.feedback.add(vote({ articleId: id, paragraph: 12, vote: "down", at: 5 }));
    await store.feedback.add(vote({ normalizedQuestion: "other question", at: 6 }));
    await store.feedback.add(vote({ team: "T2", vote: "down", at: 7 }));
    const votes = await store.feedback.forQuestion("T1", "ferry run");
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ articleId: id, paragraph: 12, vote: "down" });
    expect(votes[0]!.articleId).toHaveLength(id.length);
  });

  it("reads a channel's settings and a question's votes as changed by itself or another connection", async () => {
    const other = storeAt(place);
    await other.init();
    // Read once each (an engine that keeps reads keeps these), then changed elsewhere and here.
    expect(await store.settings.get("T1", "C1")).toBeUndefined();
    expect(await store.feedback.forQuestion("T1", "ferry run")).toEqual([]);
    await other.settings.put("T1", "C1", { desk: "sport" }, 10);
    await other.feedback.add(vote({ vote: "down" }));
    // Another connection's commit is read from the next turn of the event loop on (a request arriving
    // after it starts one); this connection's own writes at once.
    await nextTurn();
    expect(await store.settings.get("T1", "C1")).toEqual({ desk: "sport" });
    expect(await store.feedback.forQuestion("T1", "ferry run")).toMatchObject([{ vote: "down" }]);
    expect(await store.settings.replace("T1", "C1", { desk: "city" }, 1, 11)).toBe(true);
    await store.feedback.add(vote({ vote: "up", at: 2_000 }));
    expect(await store.settings.get("T1", "C1")).toEqual({ desk: "city" });
    expect(await store.feedback.forQuestion("T1", "ferry run")).toMatchObject([
      { vote: "down" },
      { vote: "up" },
    ]);
    expect(await other.settings.get("T1", "C1")).toEqual({ desk: "city" });
    await other.settings.delete("T1", "C1");
    await other.feedback.purge(10_000);
    await nextTurn();
    expect(await store.settings.get("T1", "C1")).toBeUndefined();
    expect(await store.feedback.forQuestion("T1", "ferry run")).toEqual([]);
    // What a read returns is the caller's: changing it changes no later read.
    (await store.feedback.forQuestion("T1", "ferry run")).push(vote());
    expect(await store.feedback.forQuestion("T1", "ferry run")).toEqual([]);
    await other.stop();
  });

  it("records questions that found nothing and purges votes and those past retention", async () => {
    const gap = CHESS_GAP;
    await store.feedback.addUnanswered({ ...gap, at: 100 });
    await store.feedback.addUnanswered({ ...gap, at: 300 });
    await store.feedback.addUnanswered({ ...gap, team: "T2", at: 400 });
    await store.feedback.add(vote({ at: 150 }));
    await store.feedback.add(vote({ at: 350 }));
    expect((await store.feedback.listUnanswered({ team: "T1" })).map((r) => r.at)).toEqual([300, 100]);
    expect((await store.feedback.listUnanswered({ since: 300 })).map((r) => r.team)).toEqual(["T2", "T1"]);
    expect((await store.feedback.listUnanswered())[0]).toEqual({ ...gap, team: "T2", at: 400 });
    expect(await store.feedback.purge(200)).toBe(2);
    expect((await store.feedback.listUnanswered()).map((r) => r.at)).toEqual([400, 300]);
    expect((await store.feedback.list()).map((r) => r.at)).toEqual([350]);
  });

  it("purges feedback past the configured retention as soon as it starts, and keeps the rest", async () => {
    const DAY = 86_400_000;
    const now = 1_000 * DAY;
    const gap = CHESS_GAP;
    await store.feedback.add(vote({ at: now - 11 * DAY }));
    await store.feedback.add(vote({ at: now - 9 * DAY }));
    await store.feedback.addUnanswered({ ...gap, at: now - 11 * DAY });
    await store.feedback.addUnanswered({ ...gap, at: now - 9 * DAY });
    // Past the default of 180 days, nothing of these would go: ten days is what is configured.
    const started = storeAt(place, () => now, 10 * DAY);
    await started.init();
    started.start();
    try {
      await vi.waitFor(
        async () => expect((await store.feedback.list()).map((r) => r.at)).toEqual([now - 9 * DAY]),
        { timeout: 5_000, interval: 20 },
      );
      expect((await store.feedback.listUnanswered()).map((r) => r.at)).toEqual([now - 9 * DAY]);
    } finally {
      await started.stop();
    }
  });

  it("marks threads, settles each once, and forgets old marks", async () => {
    expect(await store.threads.get("T1", "C1", "1.0001", "desk")).toBeUndefined();
    expect(await store.threads.settle("T1", "C1", "1.0001", "desk", 5)).toBe(false);
    await store.threads.mark("T1", "C1", "1.0001", "desk", { asker: "U1" }, 10);
    await store.threads.mark("T1", "C1", "1.0001", "answered", {}, 11);
    await store.threads.mark("T1", "C1", "2.0002", "answered", {}, 500);
    expect(await store.threads.get("T1", "C1", "1.0001", "desk")).toEqual({
      data: { asker: "U1" },
      at: 10,
      settledAt: null,
    });
    const settles = await Promise.all(
      [1, 2, 3].map(() => store.threads.settle("T1", "C1", "1.0001", "desk", 20)),
    );
    expect(settles.filter(Boolean)).toHaveLength(1);
    expect(await store.threads.get("T1", "C1", "1.0001", "desk")).toMatchObject({ settledAt: 20 });
    expect(await store.threads.get("T2", "C1", "1.0001", "desk")).toBeUndefined();
    expect(await store.threads.purge(100)).toBe(2);
    expect(await store.threads.get("T1", "C1", "2.0002", "answered")).toMatchObject({ at: 500 });
  });

  it("keeps the newest recent questions per user", async () => {
    for (let i = 1; i <= 7; i += 1) {
      await store.recentQuestions.add("T1", "U1", { question: `q${i}`, channel: "C1", at: i * 10 }, 5);
    }
    await store.recentQuestions.add("T1", "U2", { question: "other user", channel: "C1", at: 5 }, 5);
    await store.recentQuestions.add("T2", "U1", { question: "other team", channel: "C1", at: 5 }, 5);
    const mine = await store.recentQuestions.list("T1", "U1", 10);
    expect(mine.map((q) => q.question)).toEqual(["q7", "q6", "q5", "q4", "q3"]);
    expect(mine[0]).toEqual({ question: "q7", channel: "C1", at: 70 });
    expect((await store.recentQuestions.list("T1", "U1", 2)).map((q) => q.question)).toEqual(["q7", "q6"]);
    expect((await store.recentQuestions.list("T2", "U1", 10)).map((q) => q.question)).toEqual(["other team"]);
  });

  it("keeps assistant threads: the viewed channel, replaced on change; the title claimed once", async () => {
    expect(await store.assistantThreads.get("D1", "1.1")).toBeUndefined();
    expect(await store.assistantThreads.claimTitle("D1", "1.1")).toBe(false); // unknown thread
    await store.assistantThreads.put("D1", "1.1", "U1", { channelId: "C1", teamId: "T1" }, 10);
    await store.assistantThreads.put("D1", "1.2", "U1", {}, 10);
    expect(await store.assistantThreads.get("D1", "1.1")).toEqual({
      user: "U1",
      context: { channelId: "C1", teamId: "T1" },
      titled: false,
    });
    await store.assistantThreads.put("D1", "1.1", "U1", { channelId: "C2", teamId: "T1" }, 20);
    expect((await store.assistantThreads.get("D1", "1.1"))?.context.channelId).toBe("C2");
    const claims = await Promise.all([1, 2, 3].map(() => store.assistantThreads.claimTitle("D1", "1.1")));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect((await store.assistantThreads.get("D1", "1.1"))?.titled).toBe(true);
    // A context change keeps the title claimed.
    await store.assistantThreads.put("D1", "1.1", "U1", { channelId: "C3" }, 30);
    expect(await store.assistantThreads.get("D1", "1.1")).toMatchObject({
      titled: true,
      context: { channelId: "C3" },
    });
    expect(await store.assistantThreads.purge(15)).toBe(1); // 1.2, untouched since 10
    expect(await store.assistantThreads.get("D1", "1.2")).toBeUndefined();
  });

  it("keeps installations and sources' poll state as documents", async () => {
    await store.installations.put("T1", { bot: { token: "xoxb-1" }, team: { id: "T1" } }, 1);
    expect(await store.installations.get("T1")).toEqual({ bot: { token: "xoxb-1" }, team: { id: "T1" } });
    await store.installations.delete("T1");
    expect(await store.installations.get("T1")).toBeUndefined();
    await store.sources.put("city-feed", { etag: '"abc"', failures: 0 }, 5);
    await store.sources.put("city-feed", { etag: '"def"', failures: 1 }, 6);
    expect(await store.sources.get("city-feed")).toEqual({ etag: '"def"', failures: 1 });
    expect(await store.sources.list()).toEqual([
      { source: "city-feed", state: { etag: '"def"', failures: 1 }, updatedAt: 6 },
    ]);
  });

  it("hands an OAuth state back once, before it expires, and never a forged one", async () => {
    await store.oauthStates.put("s1", { scopes: ["commands"], metadata: "m" }, 10_000);
    await store.oauthStates.put("s2", { scopes: [] }, 10_000);
    expect(await store.oauthStates.take("forged", 1_000)).toBeUndefined();
    expect(await store.oauthStates.take("s1", 1_000)).toEqual({ scopes: ["commands"], metadata: "m" });
    expect(await store.oauthStates.take("s1", 1_001)).toBeUndefined(); // used
    expect(await store.oauthStates.take("s2", 10_001)).toBeUndefined(); // expired
    await store.oauthStates.put("s3", { scopes: [] }, 10_000);
    await store.oauthStates.put("s4", { scopes: [] }, 30_000);
    expect(await store.oauthStates.purge(20_000)).toBe(1);
    expect(await store.oauthStates.take("s4", 20_000)).toEqual({ scopes: [] });
  });

  it("lets one of two connections take a state that both try to use", async () => {
    const other = storeAt(place);
    await other.init();
    await store.oauthStates.put("race", { scopes: [] }, 10_000);
    const taken = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? other : store).oauthStates.take("race", 1_000)),
    );
    expect(taken.filter((t) => t !== undefined)).toHaveLength(1);
    await other.stop();
  });

  it("grants a lease to one holder until it expires or is released", async () => {
    expect(await store.leases.acquire("source:city", "A", 0, MINUTE)).toBe(true);
    expect(await store.leases.acquire("source:city", "B", 30_000, MINUTE)).toBe(false);
    expect(await store.leases.acquire("source:city", "A", 50_000, MINUTE)).toBe(true); // renewal
    expect(await store.leases.acquire("source:city", "B", 100_000, MINUTE)).toBe(false);
    expect(await store.leases.acquire("source:city", "B", 110_000, MINUTE)).toBe(true); // expired
    await store.leases.release("source:city", "A"); // not A's any more: no effect
    expect(await store.leases.acquire("source:city", "A", 120_000, MINUTE)).toBe(false);
    await store.leases.release("source:city", "B");
    expect(await store.leases.acquire("source:city", "A", 120_000, MINUTE)).toBe(true);
    // A's lease runs to 180,000: purged only once expired; gone, it is free to anyone.
    expect(await store.leases.purge(179_999)).toBe(0);
    expect(await store.leases.acquire("source:city", "B", 150_000, MINUTE)).toBe(false);
    expect(await store.leases.purge(180_001)).toBe(1);
    expect(await store.leases.acquire("source:city", "B", 150_000, MINUTE)).toBe(true);
  });

  it("accepts work once, hands expired work to a live process, completes it once", async () => {
    const item = { id: "event:Ev1", kind: "mention", payload: { text: "ferry?", channel: "C1" } };
    expect(await store.work.accept(item, "A", 1_000, 10_000)).toBe(true);
    expect(await store.work.accept(item, "B", 1_001, 10_000)).toBe(false);
    expect(await store.work.claimExpired("B", 5_000, 10_000, 10)).toEqual([]);
    await store.work.renew([item.id], "A", 8_000, 10_000);
    expect(await store.work.claimExpired("B", 12_000, 10_000, 10)).toEqual([]);
    const taken = await store.work.claimExpired("B", 18_001, 10_000, 10);
    expect(taken).toEqual([{ ...item, acceptedAt: 1_000, attempts: 2 }]);
    expect(await store.work.complete(item.id, "A", 19_000)).toBe(false);
    expect(await store.work.complete(item.id, "B", 19_000)).toBe(true);
    expect(await store.work.complete(item.id, "B", 19_001)).toBe(false);
    expect(await store.work.pending()).toBe(0);
    expect(await store.work.claimExpired("C", 99_000, 10_000, 10)).toEqual([]);
    expect(await store.work.purge(20_000)).toBe(1);
  });

  it("gives released work to the next claimer at once, oldest first", async () => {
    for (const [id, at] of [
      ["w2", 2_000],
      ["w1", 1_000],
      ["w3", 3_000],
    ] as const) {
      await store.work.accept({ id, kind: "command", payload: { id } }, "A", at, 60_000);
    }
    await store.work.release(["w1", "w2", "w3"], "A");
    expect(await store.work.pending()).toBe(3);
    const first = await store.work.claimExpired("B", 4_000, 60_000, 2);
    expect(first.map((w) => w.id)).toEqual(["w1", "w2"]);
    expect((await store.work.claimExpired("C", 4_000, 60_000, 5)).map((w) => w.id)).toEqual(["w3"]);
  });

  it("never hands one expired item to two concurrent claimers", async () => {
    for (let i = 0; i < 30; i += 1) {
      await store.work.accept({ id: `w${i}`, kind: "event", payload: i }, "dead", i, 1);
    }
    const other = storeAt(place);
    await other.init();
    const batches = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? other : store).work.claimExpired(`h${i}`, 10_000, 60_000, 4),
      ),
    );
    const ids = batches.flat().map((w) => w.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    await other.stop();
  });
});
