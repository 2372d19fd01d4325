import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { renderAnswerText } from "../../src/answer/render-text.js";
import { createSitePoller, renderSourcesStatus, type SourcePoller } from "../../src/ingest/index.js";
import { createLiveIndex, type LiveIndex } from "../../src/runtime/live-index.js";
import { createMemoryStateStore } from "../support/memory-state-store.js";
import { tempDir } from "../support/paths.js";
import { barrier } from "./fixtures.js";
import { articlePage, type Site, type StorySpec, startSite, storyParagraphs } from "./site.js";

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const waitFor = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 15_000, interval: 50 });

function sitemap(origin: string, stories: { slug: string; lastmod: string }[]) {
  return {
    type: "application/xml",
    body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${stories
      .map((s) => `<url><loc>${origin}/news/${s.slug}</loc><lastmod>${s.lastmod}</lastmod></url>`)
      .join("")}</urlset>`,
  };
}

const lighthouse: StorySpec = {
  slug: "lighthouse",
  title: "Lighthouse keeper retires after forty years",
  published: "2024-05-16T08:15:00Z",
  paragraphs: [
    "The last keeper of the Gull Point lighthouse retired on Friday after forty years of climbing its 112 steps every night.",
    ...storyParagraphs("the lighthouse", 3),
  ],
};

let site: Site;
let live: LiveIndex;
let poller: SourcePoller;
let corpusDir: string;

beforeAll(async () => {
  site = await startSite();
  site.routes["/robots.txt"] = { type: "text/plain", body: "User-agent: *\nAllow: /\n" };
  site.routes["/news/barrier"] = { body: articlePage(site.url, barrier) };
  site.routes["/sitemap.xml"] = sitemap(site.url, [{ slug: "barrier", lastmod: "2024-05-14T17:32:00Z" }]);
  site.routes["/feed.xml"] = { status: 500, body: "database down" };
  corpusDir = await tempDir();
  // The corpus the bot starts with: one article from elsewhere.
  await writeFile(
    path.join(corpusDir, "chess.md"),
    '---\nid: "chess"\ntitle: "Chess club wins the county league"\npublication: "The Harbour Gazette"\n---\n\nThe chess club won the county league on Saturday.\n',
  );
  live = await createLiveIndex({
    corpusDir,
    cacheDir: await tempDir(),
    debounceMs: 20,
    buildInWorker: false,
  });
  poller = createSitePoller({
    sources: [
      { name: "news sitemap", kind: "sitemap", url: `${site.url}/sitemap.xml`, intervalMs: 60_000 },
      { name: "feed", kind: "auto", url: `${site.url}/feed.xml`, intervalMs: 60_000 },
    ],
    corpusDir,
    cacheDir: await tempDir(),
    fetch,
    logger: silent,
    store: createMemoryStateStore(),
    backoffMs: 60_000,
  });
  await poller.start();
  await waitFor(() =>
    expect(poller.status().every((s) => s.state !== "waiting" && s.state !== "polling")).toBe(true),
  );
}, 60_000);

afterAll(async () => {
  await poller?.stop();
  live?.close();
  await site?.close();
});

const top = (question: string) => live.ask(question).passages[0];

describe("the source poller in a running bot", () => {
  it("imports the first poll's articles, and the live index answers from them", async () => {
    await waitFor(() =>
      expect(top("How did councillors vote on the flood barrier?")?.articleId).toBe("news-barrier"),
    );
    expect(live.status().articles).toBe(2);
  });

  it("makes a newly published article answerable without a restart", async () => {
    site.routes["/news/lighthouse"] = { body: articlePage(site.url, lighthouse) };
    site.routes["/sitemap.xml"] = sitemap(site.url, [
      { slug: "barrier", lastmod: "2024-05-14T17:32:00Z" },
      { slug: "lighthouse", lastmod: "2024-05-16T08:15:00Z" },
    ]);
    await poller.pollAll();
    await waitFor(() =>
      expect(top("How many steps did the lighthouse keeper climb?")?.articleId).toBe("news-lighthouse"),
    );
    expect(poller.status()[0]!.lastRun).toEqual({ created: 1, updated: 0, unchanged: 1, failed: 0 });
  });

  it("takes a correction: the cited text changes and the citation says Corrected", async () => {
    site.routes["/news/barrier"] = {
      body: articlePage(site.url, {
        ...barrier,
        paragraphs: barrier.paragraphs.map((p, i) => (i === 0 ? p.replace("31 to 9", "32 to 8") : p)),
        modified: "2024-05-15T09:00:00Z",
        note: "Correction: an earlier version of this article gave the vote as 31 to 9.",
      }),
    };
    site.routes["/sitemap.xml"] = sitemap(site.url, [
      { slug: "barrier", lastmod: "2024-05-15T09:00:00Z" },
      { slug: "lighthouse", lastmod: "2024-05-16T08:15:00Z" },
    ]);
    await poller.pollAll();
    await waitFor(() =>
      expect(top("How did councillors vote on the flood barrier?")?.text).toContain("32 to 8"),
    );
    const answer = live.ask("How did councillors vote on the flood barrier?");
    expect(answer.passages[0]!.corrected).toBe("2024-05-15T09:00:00Z");
    expect(renderAnswerText(answer)).toContain("Corrected");
    expect(poller.status()[0]!.lastRun).toMatchObject({ updated: 1, unchanged: 1 });
  });

  it("shows a failing source in status with its error, keeps the others going, and recovers", async () => {
    const [news, feed] = poller.status();
    expect(news!.state).toBe("ok");
    expect(feed).toMatchObject({ state: "failing", lastSuccessAt: null });
    expect(feed!.failures).toBeGreaterThanOrEqual(1);
    expect(feed!.lastError).toContain("/feed.xml: HTTP 500.");
    expect(feed!.nextPollAt).not.toBeNull();
    const text = renderSourcesStatus(poller.status());
    expect(text).toMatch(
      /Sources: 2 polled, 1 failing\.\n• feed \(auto\) — failing \(\d+ attempts?\): .*HTTP 500\. Last success never; retrying /,
    );
    // The answers never stopped.
    expect(top("Who won the county chess league?")?.articleId).toBe("chess");

    site.routes["/feed.xml"] = {
      type: "application/rss+xml",
      body: `<rss version="2.0"><channel><title>The Harbour Gazette</title><item><title>${lighthouse.title}</title><link>${site.url}/news/lighthouse</link></item></channel></rss>`,
    };
    await poller.pollAll();
    const recovered = poller.status()[1]!;
    expect(recovered).toMatchObject({ state: "ok", failures: 0, lastError: null });
    expect(recovered.lastSuccessAt).not.toBeNull();
    expect(renderSourcesStatus(poller.status())).toMatch(/^Sources: 2 polled\.\n/);
  });
});
