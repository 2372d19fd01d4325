/**
 * Which requests become accepted work, and the lifecycle of one item in a real (SQLite) store: recorded
 * once, completed by its holder, taken over by a live process after its holder's lease runs out, given
 * up after too many takeovers.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import {
  createAcceptedWork,
  WORK_LEASE_MS,
  WORK_MAX_ATTEMPTS,
  workIdOf,
} from "../../src/slack/accepted-work.js";
import { openStore, type Store, type WorkItem } from "../../src/store/index.js";
import { dmEvent, eventCallback, mentionEvent } from "../support/slack-signer.js";

describe("workIdOf", () => {
  it("is the message's channel and ts for a mention and a DM, the same for both events of one message", () => {
    const mention = mentionEvent("ferry", { channel: "D0DM", ts: "1.000001" });
    const dm = dmEvent("<@UNEWSBOT> ferry", { channel: "D0DM", ts: "1.000001" });
    expect(workIdOf(mention)).toBe("message:D0DM:1.000001");
    expect(workIdOf(dm)).toBe(workIdOf(mention));
  });

  it("is nothing for what is not answered after its ack", () => {
    expect(workIdOf(dmEvent("hi", { subtype: "message_changed" }))).toBeUndefined();
    expect(workIdOf(dmEvent("hi", { bot_id: "B1" }))).toBeUndefined();
    expect(workIdOf(dmEvent("hi", { channel_type: "channel" }))).toBeUndefined();
    expect(workIdOf(eventCallback({ type: "app_uninstalled" }))).toBeUndefined();
    expect(workIdOf({ command: "/ask", text: "ferry", trigger_id: "1.2" })).toBeUndefined();
  });
});

describe("accepted work in the store", () => {
  let dataDir: string;
  let store: Store;
  const clock = { now: 1_000_000 };
  const logger = createLogger({ level: "silent" });
  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "nd-work-"));
    store = openStore({ dataDir, logger });
    await store.init();
  });
  afterEach(async () => {
    await store.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("records a request once, and completes it for good", async () => {
    const a = createAcceptedWork({ store, logger, holder: "A", now: () => clock.now });
    const body = mentionEvent("ferry");
    expect(await a.accept(body)).toEqual({ verdict: "accepted", id: workIdOf(body) });
    expect(await a.accept(body)).toEqual({ verdict: "duplicate", id: workIdOf(body) });
    expect(await a.accept({ command: "/ask" })).toEqual({ verdict: "unrecorded" });
    expect(a.held()).toBe(1);
    await a.complete(workIdOf(body)!);
    expect(a.held()).toBe(0);
    expect(await store.work.pending()).toBe(0);
    await a.release();
  });

  it("is taken over by a live process once the holder's lease runs out, and given up after too many", async () => {
    const dead = createAcceptedWork({ store, logger, holder: "dead", now: () => clock.now });
    const body = mentionEvent("ferry");
    await dead.accept(body);
    const answered: WorkItem[] = [];
    const live = createAcceptedWork({ store, logger, holder: "live", now: () => clock.now });
    live.start(async (item) => {
      answered.push(item);
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toEqual([]); // the lease still runs
    clock.now += WORK_LEASE_MS + 1;
    await expect.poll(() => answered.length, { timeout: 5_000 }).toBe(1);
    expect(answered[0]).toMatchObject({ id: workIdOf(body), payload: body, attempts: 2 });
    live.stopSweeping();
    await live.complete(workIdOf(body)!);
    expect(await live.release()).toBe(0);

    // Work whose takers keep dying (claimed and never completed, as raw claims here): given up.
    const poison = mentionEvent("poison");
    await dead.accept(poison);
    for (let i = 1; i < WORK_MAX_ATTEMPTS; i++) {
      clock.now += WORK_LEASE_MS + 1;
      expect(await store.work.claimExpired(`dying-${i}`, clock.now, WORK_LEASE_MS, 10)).toHaveLength(1);
    }
    const last: WorkItem[] = [];
    const survivor = createAcceptedWork({ store, logger, holder: "survivor", now: () => clock.now });
    clock.now += WORK_LEASE_MS + 1;
    survivor.start(async (item) => {
      last.push(item);
    });
    await expect.poll(() => store.work.pending(), { timeout: 5_000 }).toBe(0);
    expect(last).toEqual([]);
    survivor.stopSweeping();
    await survivor.release();
    await dead.release();
  }, 30_000);
});
