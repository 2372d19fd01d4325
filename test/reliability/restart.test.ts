/**
 * The real process (`npm start`, HTTP mode) killed with SIGKILL and started again over the same cache
 * folder: it comes back answering (the live index and its cache recover from a kill at any point
 * after a write), and an event delivered before the kill and again after it is answered once
 * (issue 12, defect 8: the requests already answered are claimed in the embedded store, DATA_DIR). Starting on a
 * port already taken is one sentence naming PORT, exit 1, no stack trace.
 */
import { rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { SQLITE_FILE_NAME } from "../../src/store/index.js";
import { listeningPort, startMain } from "../support/main-process.js";
import { tempDir } from "../support/paths.js";
import { TEST_SIGNING_SECRET } from "../support/slack-app-harness.js";
import { createSlackSender, mentionEvent } from "../support/slack-signer.js";
import { startSlackStandIn } from "../support/slack-stand-in.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Polls `check` until it holds (a condition, not a timing): throws after a generous 60 s. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("kill -9 and restart", () => {
  it("comes back answering, and an event delivered before and after the kill is answered once", async () => {
    const standIn = await startSlackStandIn();
    cleanups.push(() => standIn.close());
    const cacheDir = await tempDir("newsdesk-restart-");
    cleanups.push(() => rm(cacheDir, { recursive: true, force: true }));
    const posts = () => standIn.callsTo("chat.postMessage");

    const dataDir = path.join(cacheDir, "data");
    const first = await startMain(standIn, cleanups, { CACHE_DIR: cacheDir, DATA_DIR: dataDir });
    const firstPort = await listeningPort(first);
    const event = mentionEvent("harbour ferry passengers");
    const send1 = createSlackSender(`http://127.0.0.1:${firstPort}/slack/events`, TEST_SIGNING_SECRET);
    expect((await send1.event(event)).status).toBe(200);
    await standIn.waitFor(() => posts().length === 1, 20_000);
    expect(JSON.stringify(posts()[0]!.args)).toContain("Bayside Courier");
    // The mention was recorded as accepted work before its ack (its claim), and completed once answered;
    // the process dies without clean-up.
    const db = new Database(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    const workId = `message:C0NEWS:${String(event.event.event_ts)}`;
    await until(
      async () =>
        db.prepare("SELECT id FROM work WHERE id = ? AND done_at IS NOT NULL").all(workId).length === 1,
      "the answered work's completion",
    );
    db.close();
    first.child.kill("SIGKILL");
    await first.exit;

    const second = await startMain(standIn, cleanups, { CACHE_DIR: cacheDir, DATA_DIR: dataDir });
    const secondPort = await listeningPort(second);
    const send2 = createSlackSender(`http://127.0.0.1:${secondPort}/slack/events`, TEST_SIGNING_SECRET);
    // Slack's redelivery of the event the killed process had answered.
    const again = await send2.event(event, { headers: { "x-slack-retry-num": "1" } });
    expect(again.status).toBe(200);
    const fresh = mentionEvent("harbour ferry passengers", { channel: "C0AFTER" });
    expect((await send2.event(fresh)).status).toBe(200);
    await standIn.waitFor(() => posts().length === 2, 20_000);
    expect(posts().map((p) => p.args.channel)).toEqual(["C0NEWS", "C0AFTER"]);
    expect(JSON.stringify(posts()[1]!.args)).toContain("Bayside Courier");
    await until(
      async () => second.stdout.some((l) => l.includes('"outcome":"duplicate"')),
      "the duplicate line",
    );
    second.child.kill("SIGTERM");
    expect(await second.exit).toBe(0);
  }, 120_000);
});

describe("a port already taken", () => {
  it("stops start-up with one sentence naming PORT and the fix, exit 1, no stack trace", async () => {
    const standIn = await startSlackStandIn();
    cleanups.push(() => standIn.close());
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as { port: number }).port;
    const running = await startMain(standIn, cleanups, { PORT: String(port) });
    expect(await running.exit).toBe(1);
    const stderr = running.stderr.join("").trim();
    expect(stderr).toBe(
      `Cannot listen on port ${port}: another program is using it; stop that program or set PORT to a free port (for example PORT=3001).`,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
