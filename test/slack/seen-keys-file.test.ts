import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createPersistentRecentKeys, MAX_KEY_CHARS } from "../../src/slack/seen-keys-file.js";
import { tempDir } from "../support/paths.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: "debug",
    destination: new Writable({
      write(chunk, _e, done) {
        for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    }),
  });
  return { logger, lines };
}

async function scratch(): Promise<string> {
  const dir = await tempDir("newsdesk-seen-keys-");
  dirs.push(dir);
  return path.join(dir, "seen-requests.json");
}

describe("createPersistentRecentKeys (the store made twice over one folder)", () => {
  it("a key seen by the first store is a repeat for the second", async () => {
    const file = await scratch();
    const { logger, lines } = capture();
    const first = createPersistentRecentKeys({ file, logger });
    expect(first.firstTime("event:Ev1")).toBe(true);
    expect(first.firstTime("command:1.2.3")).toBe(true);
    await first.flush();
    const second = createPersistentRecentKeys({ file, logger });
    expect(second.firstTime("event:Ev1")).toBe(false);
    expect(second.firstTime("command:1.2.3")).toBe(false);
    expect(second.firstTime("event:Ev2")).toBe(true);
    expect(lines.filter((l) => l.level === 40)).toEqual([]);
  });

  it("keeps at most `max` keys and forgets those older than the TTL when loading", async () => {
    const file = await scratch();
    const { logger } = capture();
    let now = 1_000_000;
    const first = createPersistentRecentKeys({ file, logger, max: 3, ttlMs: 1000, now: () => now });
    for (const key of ["a", "b", "c", "d"]) {
      first.firstTime(key);
      now += 100;
    }
    await first.flush();
    const stored = JSON.parse(await readFile(file, "utf8")) as { keys: Array<[string, number]> };
    expect(stored.keys.map(([k]) => k)).toEqual(["b", "c", "d"]);
    // 1 000 ms after "b" was seen it is forgotten; "c" and "d" are not yet.
    now = 1_000_000 + 100 + 1000;
    const second = createPersistentRecentKeys({ file, logger, max: 3, ttlMs: 1000, now: () => now });
    expect(second.entries().map(([k]) => k)).toEqual(["c", "d"]);
  });

  it("stores a very long key as its hash, and still recognises it", async () => {
    const file = await scratch();
    const { logger } = capture();
    const long = `command:${"x".repeat(5000)}`;
    const first = createPersistentRecentKeys({ file, logger });
    first.firstTime(long);
    await first.flush();
    expect((await readFile(file, "utf8")).length).toBeLessThan(MAX_KEY_CHARS + 100);
    expect(createPersistentRecentKeys({ file, logger }).firstTime(long)).toBe(false);
  });

  it.each([
    ["not JSON", '{"format":1,"keys":[["event:Ev1",1'],
    ["another format", JSON.stringify({ format: 99, keys: [] })],
    ["entries of the wrong shape", JSON.stringify({ format: 1, keys: [["a", "yesterday"], 7] })],
    ["JSON null", "null"],
  ])("a file that is %s is logged and ignored, then rewritten", async (_what, content) => {
    const file = await scratch();
    await writeFile(file, content);
    const { logger, lines } = capture();
    const store = createPersistentRecentKeys({ file, logger });
    expect(store.size).toBe(0);
    expect(lines.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
      expect.stringMatching(/file of requests already answered is .*starting without it/),
    ]);
    expect(store.firstTime("event:Ev9")).toBe(true);
    await store.flush();
    expect(createPersistentRecentKeys({ file, logger }).firstTime("event:Ev9")).toBe(false);
  });

  it("a missing file is a fresh start without a warning; an unwritable one is one warning, not a crash", async () => {
    const file = await scratch();
    const { logger, lines } = capture();
    const store = createPersistentRecentKeys({ file, logger });
    expect(lines).toEqual([]);
    // The file's folder is a file: every write fails.
    const blocked = path.join(file, "nested", "seen.json");
    await writeFile(file, "");
    const stuck = createPersistentRecentKeys({ file: blocked, logger });
    expect(stuck.firstTime("a")).toBe(true);
    await stuck.flush();
    expect(stuck.firstTime("b")).toBe(true);
    await stuck.flush();
    expect(stuck.firstTime("a")).toBe(false);
    expect(lines.filter((l) => /^Cannot write/.test(String(l.msg)))).toHaveLength(1);
    expect(store.size).toBe(0);
  });
});
