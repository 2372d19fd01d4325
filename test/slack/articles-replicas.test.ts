/**
 * One corpus for all replicas (issue 23, part 3), with real processes and a real PostgreSQL: replicas
 * start on an empty database and answer "not found"; `npm run import` with DATABASE_URL writes an
 * article that both replicas then answer from, a correction reaches both, and so does its removal
 * (`--remove`); CORPUS_DIR beside
 * DATABASE_URL is imported at start, once (a restart adds no revision); a DATABASE_URL that cannot be
 * reached at import is one sentence and a non-zero exit.
 */
import { execFile } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "../../scripts/topology/postgres-cluster.js";
import { startTopology, type Topology } from "../../scripts/topology/start-topology.js";
import { openStore } from "../../src/store/index.js";
import { loggedPort, startMain } from "../support/main-process.js";
import { repoRoot, tempDir } from "../support/paths.js";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../support/slack-app-harness.js";
import { commandFields, createSlackSender } from "../support/slack-signer.js";
import { type SlackStandIn, startSlackStandIn } from "../support/slack-stand-in.js";

const run = promisify(execFile);

/** `npm run import -- ARGS` as a real process with `env` added. */
async function importCli(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      path.join(repoRoot, "node_modules/.bin/tsx"),
      [path.join(repoRoot, "src/cli/import.ts"), ...args],
      { cwd: repoRoot, env: { PATH: process.env.PATH ?? "", ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const article = (hours: string) => `---
id: "lighthouse-tours"
title: "Lighthouse reopens for guided tours"
publication: "Cape Herald"
url: "https://herald.example/news/lighthouse-tours"
published: "2026-12-01"
---

The old lighthouse on the cape reopens for guided tours this weekend, the harbour trust said.

Tours of the lantern room run ${hours}, and tickets are sold at the keeper's cottage.
`;

let standIn: SlackStandIn;
let topology: Topology;
let work: string;

beforeAll(async () => {
  standIn = await startSlackStandIn();
  work = await tempDir("newsdesk-articles-");
  topology = await startTopology({
    replicas: 2,
    adminUrl: inject("postgresUrl"),
    database: `articles_${process.pid}`,
    env: {
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: standIn.apiUrl,
      LOG_LEVEL: "info",
    },
  });
}, 300_000);

afterAll(async () => {
  await topology?.stop();
  await standIn?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** The reply of replica `index` to `/ask question`. */
async function ask(port: number, question: string): Promise<string> {
  const send = createSlackSender(`http://127.0.0.1:${port}/slack/events`, TEST_SIGNING_SECRET);
  const reply = await send.command(commandFields(question, standIn.responseUrl()));
  expect(reply.status).toBe(200);
  return reply.text;
}

/** Asks every replica until each reply contains `expected`; resolves to the ms it took. */
async function untilAllAnswer(question: string, expected: string, boundMs: number): Promise<number> {
  const started = Date.now();
  for (const replica of topology.replicas) {
    await expect
      .poll(() => ask(replica.port, question), { timeout: boundMs - (Date.now() - started), interval: 250 })
      .toContain(expected);
  }
  return Date.now() - started;
}

describe("articles in PostgreSQL, served by every replica", () => {
  it("answers not found on an empty database", async () => {
    for (const replica of topology.replicas) {
      const text = await ask(replica.port, "When does the lighthouse reopen for tours?");
      expect(text).not.toContain("Cape Herald");
      expect(text).toMatch(/No passage|nothing|not find|no answer/i);
    }
  }, 60_000);

  it("answers an article imported on one machine from every replica, then its correction", async () => {
    const file = path.join(work, "lighthouse-tours.md");
    await writeFile(file, article("every hour from ten"));
    const imported = await importCli({ DATABASE_URL: topology.databaseUrl }, file);
    expect(imported.stderr).toBe("");
    expect(imported.stdout).toContain("1 created, 0 updated, 0 unchanged.");
    expect(imported.code).toBe(0);
    const ms = await untilAllAnswer(
      "When do lighthouse tours of the lantern room run?",
      "every hour from ten",
      60_000,
    );
    console.log(`imported article answerable on both replicas after ${ms} ms`);

    await writeFile(file, article("twice a day, at eleven and at three"));
    const corrected = await importCli({ DATABASE_URL: topology.databaseUrl }, file);
    expect(corrected.stdout).toContain("0 created, 1 updated, 0 unchanged.");
    const fixedMs = await untilAllAnswer(
      "When do lighthouse tours of the lantern room run?",
      "twice a day, at eleven and at three",
      60_000,
    );
    console.log(`correction answerable on both replicas after ${fixedMs} ms`);
    // Each replica mirrored the change from the notification, not by polling per request.
    for (const replica of topology.replicas)
      expect(replica.lines.some((l) => l.includes("Mirrored new or corrected articles"))).toBe(true);

    // Removed with `npm run import -- --remove ID`: no replica cites it any more.
    const removed = await importCli({ DATABASE_URL: topology.databaseUrl }, "--remove", "lighthouse-tours");
    expect({ code: removed.code, stdout: removed.stdout.trim() }).toEqual({ code: 0, stdout: "1 removed." });
    const started = Date.now();
    for (const replica of topology.replicas) {
      await expect
        .poll(() => ask(replica.port, "When do lighthouse tours of the lantern room run?"), {
          timeout: 60_000,
          interval: 250,
        })
        .not.toContain("Cape Herald");
    }
    console.log(`removal gone from both replicas after ${Date.now() - started} ms`);
    // The index was patched, not rebuilt: the changes were a few articles each.
    for (const replica of topology.replicas)
      expect(replica.lines.some((l) => l.includes("the changed articles patched"))).toBe(true);
    const again = await importCli({ DATABASE_URL: topology.databaseUrl }, "--remove", "lighthouse-tours");
    expect({ code: again.code, stdout: again.stdout.trim() }).toEqual({
      code: 1,
      stdout: "0 removed; not in the database: lighthouse-tours.",
    });
    const folder = await importCli({ DATABASE_URL: "" }, "--remove", "lighthouse-tours");
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain("set DATABASE_URL");
  }, 240_000);

  it("says in one sentence that DATABASE_URL cannot be reached, and exits non-zero", async () => {
    const file = path.join(work, "lighthouse-tours.md");
    const result = await importCli({ DATABASE_URL: "postgres://newsdesk@127.0.0.1:1/newsdesk" }, file);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/DATABASE_URL .*127\.0\.0\.1:1\/newsdesk.*check DATABASE_URL/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});

describe("CORPUS_DIR beside DATABASE_URL", () => {
  it("is imported into the database at start, once: a restart adds nothing", async () => {
    const databaseUrl = await createDatabase(inject("postgresUrl"), `seed_${process.pid}`);
    const cleanups: Array<() => Promise<void>> = [];
    const store = openStore({ databaseUrl, dataDir: "", logger: pino({ level: "silent" }) });
    try {
      const env = { DATABASE_URL: databaseUrl, CORPUS_DIR: path.join(repoRoot, "test/fixtures/slack") };
      const first = await startMain(standIn, cleanups, env);
      await expect.poll(() => loggedPort(first), { timeout: 120_000, interval: 250 }).toBeDefined();
      expect(await ask(loggedPort(first)!, "harbour ferry")).toContain("Bayside Courier");
      await store.init();
      const count = await store.articles.count();
      const revision = await store.articles.revision();
      expect(count).toBe(2);
      first.child.kill("SIGTERM");
      await first.exit;

      const second = await startMain(standIn, cleanups, env);
      await expect.poll(() => loggedPort(second), { timeout: 120_000, interval: 250 }).toBeDefined();
      expect(await ask(loggedPort(second)!, "harbour ferry")).toContain("Bayside Courier");
      expect(await store.articles.count()).toBe(count);
      expect(await store.articles.revision()).toBe(revision);
      const seeded = second.stdout.find((l) => l.includes("Imported CORPUS_DIR into the database"));
      expect(seeded && JSON.parse(seeded)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    } finally {
      await store.stop();
      for (const cleanup of cleanups.reverse()) await cleanup();
    }
  }, 300_000);
});
