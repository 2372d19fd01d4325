import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSitePoller } from "../../src/ingest/index.js";
import { tempDir } from "../support/paths.js";
import { startNewsroom } from "./fixtures.js";
import type { Site } from "./site.js";

// Issue 24, item 11: a state file of the wrong shape failed its source for ever (and was written back
// each time); a truncated one was reset without a word. Both now reset with a sentence in the log.

let site: Site;
beforeAll(async () => {
  site = await startNewsroom();
});
afterAll(() => site?.close());

async function pollWithStateFile(text: string) {
  const cacheDir = await tempDir();
  const file = path.join(cacheDir, "sources-state.json");
  await writeFile(file, text);
  const warnings: string[] = [];
  const url = `${site.url}/feed.xml`;
  const poller = createSitePoller({
    sources: [{ name: "feed", kind: "feed", url, intervalMs: 60_000, allowInternal: true }],
    corpusDir: await tempDir(),
    cacheDir,
    fetch,
    logger: { info: () => {}, warn: (_f, message) => warnings.push(message), error: () => {} },
    backoffMs: 60_000,
  });
  await poller.start();
  await vi.waitFor(() => expect(poller.status()[0]!.state).not.toMatch(/waiting|polling/), {
    timeout: 20_000,
    interval: 50,
  });
  await poller.stop();
  return { status: poller.status()[0]!, warnings, saved: JSON.parse(await readFile(file, "utf8")), url };
}

describe("the sources' state file", () => {
  it("resets a source whose saved state is well-formed JSON of the wrong shape, and says so", async () => {
    const feed = `${site.url}/feed.xml`;
    const { status, warnings, saved } = await pollWithStateFile(
      JSON.stringify({ [feed]: { validators: null, seen: {}, wordpress: {} } }),
    );
    expect(status.state).toBe("ok");
    expect(status.lastRun?.created).toBeGreaterThan(0);
    expect(warnings.some((w) => /not in the expected shape; it starts afresh/.test(w))).toBe(true);
    // What is written back is the poller's shape again, not the bad value.
    expect(saved[feed].validators).toEqual(expect.any(Object));
    expect(saved[feed].validators).not.toBeNull();
  }, 30_000);

  it("resets a truncated file with a sentence in the log", async () => {
    const { status, warnings } = await pollWithStateFile('{"http://127.0.0.1/feed.xml": {"validators": {"ht');
    expect(status.state).toBe("ok");
    expect(warnings.some((w) => /is not valid JSON \(a write cut short\?\)/.test(w))).toBe(true);
  }, 30_000);
});
