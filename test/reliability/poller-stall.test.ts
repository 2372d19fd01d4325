/**
 * Issue 24, defects 1, 6, 7 and 13: the real process polls a hostile site — pages nested 3,000 and
 * 10,000 `<div>`s deep, a 20k-story full-text feed with no saved state, a sitemap index fanning out
 * to 100k children — and keeps acknowledging Slack at once; the poll stops at its caps; SIGTERM mid-poll
 * ends the process cleanly and promptly. On 7c7d424 the deep page alone held acks for over 100 s.
 */
import { cp, mkdir, rm } from "node:fs/promises";
import { get } from "node:http";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listeningPort, startMain } from "../support/main-process.js";
import { repoRoot, tempDir } from "../support/paths.js";
import { startSlackStandIn } from "../support/slack-stand-in.js";
import { ackTimes, writeHostileSources } from "./hostile-acks.js";
import { startHostileSite } from "./hostile-site.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface SourceView {
  name: string;
  state: string;
  lastError: string | null;
  lastHalt?: string | null;
  lastItemError: string | null;
}

function sources(port: number): Promise<SourceView[]> {
  return new Promise((resolve, reject) => {
    get({ host: "127.0.0.1", port, path: "/healthz" }, (res) => {
      let text = "";
      res.on("data", (d) => {
        text += String(d);
      });
      res.on("end", () => resolve((JSON.parse(text) as { sources?: SourceView[] }).sources ?? []));
    }).on("error", reject);
  });
}

describe("a hostile site polled by the running bot", () => {
  it("never delays an ack, stops each poll at its caps, and stops promptly on SIGTERM", async () => {
    const site = await startHostileSite();
    cleanups.push(() => site.close());
    const standIn = await startSlackStandIn();
    cleanups.push(() => standIn.close());
    const work = await tempDir("newsdesk-poller-stall-");
    cleanups.push(() => rm(work, { recursive: true, force: true }));
    await mkdir(path.join(work, "corpus"));
    await cp(path.join(repoRoot, "test/fixtures/slack/library.md"), path.join(work, "corpus", "library.md"));
    await cp(path.join(repoRoot, "test/fixtures/slack/library.md"), path.join(work, "corpus", "library.md"));
    const running = await startMain(standIn, cleanups, {
      SOURCES_FILE: await writeHostileSources(work, site.url),
      CORPUS_DIR: path.join(work, "corpus"),
      CACHE_DIR: path.join(work, "cache"),
      POLL_MAX_STORIES: "200",
    });
    const port = await listeningPort(running, 60_000);

    // Acks while the poller digests the site; the index's corpus (the fixtures) answers meanwhile.
    const times = await ackTimes(port, 10_000);
    expect(times.length).toBeGreaterThan(20);
    // Slack gives up after 3 s; a generous bound on a shared machine, far below the 39-110 s stalls.
    expect(Math.max(...times)).toBeLessThan(2_500);

    let seen: SourceView[] = [];
    // The feed's 200 stories take a minute or more on a loaded machine: wait up to 4 minutes.
    for (let i = 0; i < 1200; i++) {
      seen = await sources(port);
      const byName = new Map(seen.map((s) => [s.name, s]));
      if (byName.get("Deeper page")?.lastItemError && byName.get("Big feed")?.lastHalt) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const byName = new Map(seen.map((s) => [s.name, s]));
    expect(byName.get("Deep page")?.lastItemError).toMatch(/nests elements 3,00\d deep, more than the limit/);
    expect(byName.get("Deeper page")?.lastItemError).toMatch(/nests elements 10,00\d deep/);
    expect(byName.get("Big feed")?.lastHalt).toMatch(/limit of 200 stories/);

    // Mid-poll (the sitemap tree is still being walked): SIGTERM ends the process with 0, well
    // inside the 20 s shutdown deadline.
    const stopping = Date.now();
    running.child.kill("SIGTERM");
    expect(await running.exit).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(15_000);
  }, 420_000);
});
