import { describe, expect, it } from "vitest";
import type { Article } from "../../src/corpus/types.js";
import { FetchError } from "../../src/ingest/http-get.js";
import { createSourcePoller } from "../../src/ingest/poller.js";
import { createMemoryStateStore } from "../support/memory-state-store.js";

const silent = { info: () => {}, warn: () => {}, error: () => {} };

/** A clock and timers the test advances by hand. */
function manualTime() {
  let now = 0;
  const pending: { at: number; run: () => void; id: number }[] = [];
  let ids = 0;
  return {
    now: () => now,
    timers: {
      setTimeout: (run: () => void, ms: number) => {
        const id = ++ids;
        pending.push({ at: now + ms, run, id });
        return id;
      },
      clearTimeout: (id: unknown) => {
        const i = pending.findIndex((t) => t.id === id);
        if (i >= 0) pending.splice(i, 1);
      },
    },
    /** Delays of the timers now pending, from now. */
    delays: () => pending.map((t) => t.at - now).sort((a, b) => a - b),
    async advance(ms: number) {
      now += ms;
      for (const timer of pending.filter((t) => t.at <= now)) {
        pending.splice(pending.indexOf(timer), 1);
        timer.run();
      }
      for (let i = 0; i < 20; i++) await Promise.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

const article: Article = { id: "a", title: "A", publication: "P", paragraphs: ["x"], source: "u" };

describe("createSourcePoller scheduling", () => {
  it("retries a failing source with doubling backoff, keeps polling the healthy one, and recovers", async () => {
    const time = manualTime();
    let failing = true;
    const polled: string[] = [];
    const poller = createSourcePoller({
      sources: [
        { name: "bad", kind: "feed", url: "http://site/bad", intervalMs: 300_000 },
        { name: "good", kind: "feed", url: "http://site/good", intervalMs: 300_000 },
      ],
      ingest: async (source, ctx) => {
        polled.push(source.name);
        if (source.name === "bad" && failing)
          throw new FetchError("fetch_status", source.url, "HTTP 503.", { status: 503 });
        await ctx.onItem({
          type: "article",
          url: source.url,
          article,
          report: { kept: 1, dropped: [], warnings: [] },
        });
        return { kind: "feed", notModified: false };
      },
      write: async (a) => ({ outcome: "created", file: "f", article: a }),
      store: createMemoryStateStore(),
      logger: silent,
      now: time.now,
      timers: time.timers,
      backoffMs: 30_000,
      maxBackoffMs: 100_000,
    });
    await poller.start();
    await time.advance(0);
    expect(polled.sort()).toEqual(["bad", "good"]);
    expect(time.delays()).toEqual([30_000, 300_000]);
    const bad = () => poller.status()[0]!;
    expect(bad()).toMatchObject({ state: "failing", failures: 1, lastError: "http://site/bad: HTTP 503." });

    await time.advance(30_000);
    expect(bad().failures).toBe(2);
    expect(time.delays()).toEqual([60_000, 270_000]);
    await time.advance(60_000);
    expect(bad().failures).toBe(3);
    // Capped at maxBackoffMs.
    expect(time.delays()[0]).toBe(100_000);
    expect(poller.status()[1]).toMatchObject({ state: "ok", failures: 0 });

    failing = false;
    await time.advance(100_000);
    expect(bad()).toMatchObject({ state: "ok", failures: 0, lastError: null, lastRun: { created: 1 } });
    expect(bad().lastSuccessAt).toBe(new Date(190_000).toISOString());
    await poller.stop();
    expect(time.delays()).toEqual([]);
  });
});
