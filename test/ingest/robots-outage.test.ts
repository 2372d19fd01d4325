import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSitePoller } from "../../src/ingest/index.js";
import { importCli } from "../support/import-cli.js";
import { createMemoryStateStore } from "../support/memory-state-store.js";
import { tempDir } from "../support/paths.js";
import { startNewsroom } from "./fixtures.js";
import type { Site } from "./site.js";

// Issue 24, item 10: one robots.txt 5xx (or the site down once) kept the whole origin out for the hour
// a robots.txt is kept, and status blamed robots.txt ("does not allow fetching it"). The importer said
// the same of a refused connection, took ftp:// for a scrape, printed a raw ENOENT and a stack trace.

let site: Site;
beforeAll(async () => {
  site = await startNewsroom();
});
afterAll(() => site?.close());

describe("robots.txt unreachable once", () => {
  it("fails that poll saying why, and the site is polled again once it recovers", async () => {
    const robots = site.routes["/robots.txt"];
    site.routes["/robots.txt"] = { status: 503, body: "maintenance" };
    let clock = Date.parse("2024-05-20T10:00:00Z");
    const poller = createSitePoller({
      sources: [
        { name: "feed", kind: "feed", url: `${site.url}/feed.xml`, intervalMs: 600_000, allowInternal: true },
      ],
      corpusDir: await tempDir(),
      cacheDir: await tempDir(),
      fetch,
      now: () => clock,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
      store: createMemoryStateStore(),
    });
    try {
      await poller.pollAll();
      const down = poller.status()[0]!;
      expect(down.state).toBe("failing");
      expect(down.lastError).toMatch(/robots\.txt could not be read: HTTP 503/);
      expect(down.lastError).not.toMatch(/does not allow/);
      // The site is back; two minutes on (not an hour), the next poll reads it.
      site.routes["/robots.txt"] = robots!;
      clock += 2 * 60_000;
      await poller.pollAll();
      const up = poller.status()[0]!;
      expect(up.state).toBe("ok");
      expect(up.lastRun?.created).toBeGreaterThan(0);
    } finally {
      site.routes["/robots.txt"] = robots!;
      await poller.stop();
    }
  }, 30_000);
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("npm run import -- with inputs it cannot use", () => {
  it("says connection refused, not robots.txt's rules", async () => {
    const port = await closedPort();
    const { code, stderr } = await importCli(
      `http://127.0.0.1:${port}/feed.xml`,
      "--corpus",
      await tempDir(),
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/robots\.txt could not be read: the request failed \(connection refused\)/);
    expect(stderr).not.toMatch(/does not allow|\n\s+at /);
  }, 60_000);

  it.each([
    [
      ["ftp://files.example/feed.xml"],
      /^ftp:\/\/files\.example\/feed\.xml: ftp: URLs are not supported; give an http:\/\/ or https:\/\/ URL, or a file\. Nothing was imported\.\n$/,
    ],
    [
      ["/nonexistent.html"],
      /^\/nonexistent\.html does not exist; check the path \(or give an http:\/\/ or https:\/\/ URL\)\. Nothing was imported\.\n$/,
    ],
    [["--bogus", "x.txt"], /^Unknown option --bogus; run npm run import -- --help to see the options\.\n$/],
  ])(
    "%j: one sentence, exit 2",
    async (args, sentence) => {
      const { code, stdout, stderr } = await importCli(...args, "--corpus", await tempDir());
      expect(code).toBe(2);
      expect(stderr).toMatch(sentence);
      expect(stdout).toBe("");
    },
    60_000,
  );
});
