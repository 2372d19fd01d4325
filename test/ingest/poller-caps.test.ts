/**
 * Issue 24, defects 6, 7 and 13 in the poller itself: a poll stops at its caps on stories and fetches
 * and carries on soon after; the sources' state is saved as the poll goes (so losing the process
 * mid-poll loses little); `stop()` cancels a poll under way at once instead of letting it run on.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { IngestState } from "../../src/ingest/index.js";
import { createSitePoller, POLL_LIMITS } from "../../src/ingest/index.js";
import { bigFeed, sitemapTreeRoutes } from "../reliability/hostile-site.js";
import { createMemoryStateStore } from "../support/memory-state-store.js";
import { tempDir } from "../support/paths.js";
import { type Site, startSite } from "./site.js";

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const sites: Site[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.close();
});

async function hostile() {
  const site = await startSite();
  sites.push(site);
  Object.assign(site.routes, sitemapTreeRoutes(site.url, [20, 50]), {
    "/robots.txt": { type: "text/plain", body: "User-agent: *\nAllow: /\n" },
    "/feed.xml": { type: "application/rss+xml", body: bigFeed(site.url, 300) },
  });
  return site;
}

describe("a poll's caps, saved state and cancellation", () => {
  it("stops a full-text feed at the story cap, saves the stamps as it goes, and resumes soon", async () => {
    const site = await hostile();
    const saves: number[] = [];
    const store = createMemoryStateStore();
    const save = store.save;
    store.save = async (states: Record<string, IngestState>) => {
      saves.push(Object.keys(states[`${site.url}/feed.xml`]?.seen ?? {}).length);
      await save(states);
    };
    const poller = createSitePoller({
      sources: [{ name: "feed", kind: "feed", url: `${site.url}/feed.xml`, intervalMs: 3_600_000 }],
      corpusDir: await tempDir(),
      cacheDir: await tempDir(),
      fetch,
      logger: silent,
      store,
      limits: { ...POLL_LIMITS, maxItems: 120 },
      saveEveryMs: 0,
    });
    await poller.start();
    await vi.waitFor(() => expect(poller.status()[0]!.state).toBe("ok"), { timeout: 30_000 });
    const status = poller.status()[0]!;
    expect(status.lastHalt).toMatch(/limit of 120 stories/);
    expect(status.lastRun).toMatchObject({ created: 120 });
    // Saved during the poll, not only at its end: a kill mid-poll keeps most stamps.
    expect(saves.filter((n) => n > 0 && n < 120).length).toBeGreaterThan(10);
    // The rest comes 30 s later, not at the hourly interval.
    expect(Date.parse(status.nextPollAt!) - Date.now()).toBeLessThan(31_000);
    await poller.stop();
  }, 60_000);

  it("stops a sitemap tree at the fetch cap", async () => {
    const site = await hostile();
    const poller = createSitePoller({
      sources: [{ name: "tree", kind: "sitemap", url: `${site.url}/sitemap.xml`, intervalMs: 3_600_000 }],
      corpusDir: await tempDir(),
      cacheDir: await tempDir(),
      fetch,
      logger: silent,
      store: createMemoryStateStore(),
      limits: { ...POLL_LIMITS, maxFetches: 60 },
    });
    await poller.start();
    await vi.waitFor(() => expect(poller.status()[0]!.state).toBe("ok"), { timeout: 30_000 });
    expect(poller.status()[0]!.lastHalt).toMatch(/limit of 60 fetches/);
    const requests = [...site.hits.entries()].filter(([p]) => p !== "/robots.txt");
    expect(requests.reduce((sum, [, n]) => sum + n, 0)).toBe(60);
    await poller.stop();
  }, 60_000);

  it("cancels a poll under way on stop()", async () => {
    const site = await hostile();
    // Every leaf answers after 2 s: the tree would take minutes.
    const slow = site.routes["*"]!;
    site.routes["*"] = (req, url) => ({
      ...(typeof slow === "function" ? slow(req, url) : slow),
      delayMs: 2_000,
    });
    const poller = createSitePoller({
      sources: [{ name: "tree", kind: "sitemap", url: `${site.url}/sitemap.xml`, intervalMs: 3_600_000 }],
      corpusDir: await tempDir(),
      cacheDir: await tempDir(),
      fetch,
      logger: silent,
      store: createMemoryStateStore(),
    });
    await poller.start();
    await vi.waitFor(() => expect(poller.status()[0]!.state).toBe("polling"), { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 500));
    const started = Date.now();
    await poller.stop();
    expect(Date.now() - started).toBeLessThan(1_500);
  }, 60_000);
});
