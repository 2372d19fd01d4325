/**
 * PostgreSQL stopped while the store is in use (its own real server, stopped and started again):
 * operations fail at once instead of hanging, de-duplication falls back to the process's memory,
 * /healthz says degraded, and everything resumes without a restart when the server is back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PostgresCluster, startPostgresCluster } from "../../scripts/topology/postgres-cluster.js";
import { createRequestClaims } from "../../src/slack/request-claims.js";
import { openStore, type Store, StoreUnavailable } from "../../src/store/index.js";
import { createFakeAsk, makePassage } from "../support/fake-answers.js";
import { type SlackAppHarness, startSlackAppHarness } from "../support/slack-app-harness.js";
import { quietLogger } from "./store-fixture.js";

/** Polls `check` until it holds (a condition, not a timing): throws after a generous 20 s. */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let cluster: PostgresCluster;
let store: Store;
let h: SlackAppHarness;

beforeAll(async () => {
  cluster = await startPostgresCluster();
  store = openStore({ databaseUrl: cluster.url, dataDir: "/nonexistent", logger: quietLogger });
  await store.init();
  store.start();
  h = await startSlackAppHarness({ ask: createFakeAsk([makePassage()]), store });
}, 120_000);

afterAll(async () => {
  await h?.stop();
  await store?.stop();
  await cluster?.destroy();
});

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${h.baseUrl}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("PostgreSQL stopped while serving", () => {
  it("falls back, reports degraded, and resumes when the server returns", async () => {
    const claims = createRequestClaims({ store, logger: quietLogger });
    expect(await claims.claim("event:before")).toBe(true);
    expect((await get("/healthz")).body).toMatchObject({ ok: true, store: { reachable: true } });
    expect((await get("/readyz")).status).toBe(200);

    await cluster.stop();
    // The first operation after the stop finds it (or the idle ping does); then it fails at once.
    await until(async () => {
      try {
        await store.seen.claim("probe", Date.now(), 60_000);
        return false;
      } catch (error) {
        return error instanceof StoreUnavailable;
      }
    }, "the store to notice the outage");
    const started = performance.now();
    await expect(store.settings.get("T1", "C1")).rejects.toBeInstanceOf(StoreUnavailable);
    expect(performance.now() - started).toBeLessThan(1_000);

    // De-duplication goes on from memory: first sighting answered, repeat not.
    expect(await claims.claim("event:during")).toBe(true);
    expect(await claims.claim("event:during")).toBe(false);
    expect(claims.fallbacks).toBe(1);
    const health = await get("/healthz");
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      ok: true,
      state: "degraded",
      store: { engine: "postgres", reachable: false },
    });
    // Still ready: the store was reached once, and the index answers.
    expect((await get("/readyz")).status).toBe(200);

    await cluster.start();
    await until(() => store.health().reachable, "the store to be reachable again");
    expect(await claims.claim("event:after")).toBe(true);
    expect(await store.seen.claim("event:after", Date.now(), 60_000)).toBe(false); // it went to the store
    expect((await get("/healthz")).body).toMatchObject({ ok: true, store: { reachable: true } });
    expect((await get("/healthz")).body.state).not.toBe("degraded");
  }, 120_000);
});

describe("readiness", () => {
  it("is 503 until the store was reached once", async () => {
    const unreached = openStore({ dataDir: "/nonexistent", databaseUrl: cluster.url, logger: quietLogger });
    const app = await startSlackAppHarness({ ask: createFakeAsk([makePassage()]), store: unreached });
    try {
      const before = await fetch(`${app.baseUrl}/readyz`);
      expect(before.status).toBe(503);
      expect(await before.json()).toEqual({ ready: false });
      await unreached.init();
      const after = await fetch(`${app.baseUrl}/readyz`);
      expect(after.status).toBe(200);
      expect(await after.json()).toEqual({ ready: true });
    } finally {
      await app.stop();
      await unreached.stop();
    }
  }, 60_000);
});
