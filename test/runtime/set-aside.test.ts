import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createSitePoller } from "../../src/ingest/index.js";
import { createLiveIndex, type LiveIndex } from "../../src/runtime/live-index.js";
import { articlePage, type Site, startSite } from "../ingest/site.js";
import { createMemoryStateStore } from "../support/memory-state-store.js";
import { tempDir } from "../support/paths.js";

// Issue 24, item 2: a 4.3 MiB page (fetch cap 5 MiB, loader cap 4 MiB a file) was written to the
// corpus; the live index went degraded and took no new file, and the next start exited 1. Now the
// writer refuses what the loader would (one set of limits), and a bad file in the corpus folder,
// however it got there, is set aside by the loader — listed, the rest indexed — at start and on every
// reload: never a reason not to start, nor to stop taking new articles.

const open: LiveIndex[] = [];
afterEach(() => {
  for (const live of open.splice(0)) live.close();
});

const markdown = (id: string, text: string) =>
  `---\nid: "${id}"\ntitle: "Story ${id}"\npublication: "The Harbour Gazette"\n---\n\n${text}\n`;

async function corpusWithBadFiles(): Promise<string> {
  const dir = await tempDir();
  await writeFile(
    path.join(dir, "barrier.md"),
    markdown("barrier", "Councillors voted to build a flood barrier."),
  );
  // Over the loader's 4 MiB a file (4.3 MiB), an invalid front matter, and a duplicate id.
  await writeFile(path.join(dir, "huge.md"), markdown("huge", `${"Dredging news. ".repeat(300_000)}`));
  await writeFile(path.join(dir, "broken.md"), '---\nid: "broken\ntitle: [\n---\n\nText.\n');
  await writeFile(path.join(dir, "zz-barrier-copy.md"), markdown("barrier", "A copy with the same id."));
  return dir;
}

async function start(corpusDir: string, over: Partial<Parameters<typeof createLiveIndex>[0]> = {}) {
  const live = await createLiveIndex({
    corpusDir,
    cacheDir: await tempDir(),
    debounceMs: 20,
    pollMs: 0,
    ...over,
  });
  open.push(live);
  return live;
}

describe("a bad file in the corpus folder", () => {
  it("is set aside at start: listed, the rest served, health ok", async () => {
    const dir = await corpusWithBadFiles();
    const live = await start(dir);
    expect(live.status().articles).toBe(1);
    expect(live.ask("flood barrier councillors").passages[0]?.articleId).toBe("barrier");
    const listed = live.status().errors.map((e) => [e.file, e.code]);
    expect(listed).toEqual([
      ["broken.md", expect.stringMatching(/^corpus_/)],
      ["huge.md", "corpus_file_too_large"],
      ["zz-barrier-copy.md", "corpus_duplicate_id"],
    ]);
    expect(live.health()).toMatchObject({ ok: true, state: "ok" });
    expect(live.health().errors).toHaveLength(3);
  }, 60_000);

  it("is set aside on a reload too: new articles keep coming in", async () => {
    const dir = await tempDir();
    await writeFile(
      path.join(dir, "barrier.md"),
      markdown("barrier", "Councillors voted to build a flood barrier."),
    );
    const live = await start(dir);
    await writeFile(path.join(dir, "huge.md"), markdown("huge", `${"Dredging news. ".repeat(300_000)}`));
    await writeFile(
      path.join(dir, "ferry.md"),
      markdown("ferry", "The island ferry timetable was cut for the summer."),
    );
    await vi.waitFor(() => expect(live.status().articles).toBe(2), { timeout: 30_000, interval: 50 });
    expect(live.status()).toMatchObject({ lastReloadOk: true });
    expect(live.status().errors.map((e) => e.code)).toEqual(["corpus_file_too_large"]);
    expect(live.health().state).toBe("ok");
    expect(live.ask("island ferry timetable").passages[0]?.articleId).toBe("ferry");
  }, 60_000);

  it("is set aside by a start from the start-up snapshot as well, once verified", async () => {
    const dir = await corpusWithBadFiles();
    const cacheDir = await tempDir();
    const first = await start(dir, { cacheDir, watch: false });
    await first.startupChecked();
    first.close();
    // Let the first start's snapshot be written.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const again = await start(dir, { cacheDir, watch: false });
    const outcome = await again.startupChecked();
    expect(outcome).toBe("verified");
    expect(again.status().articles).toBe(1);
    expect(again.status().errors.map((e) => e.file)).toEqual(["broken.md", "huge.md", "zz-barrier-copy.md"]);
  }, 60_000);
});

describe("a page under the fetch cap but over the loader's file cap", () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
    site.routes["/robots.txt"] = { type: "text/plain", body: "User-agent: *\nAllow: /\n" };
  });
  afterAll(() => site?.close());

  it("is never written; the index stays ok and takes the source's other stories", async () => {
    const paragraphs = Array.from(
      { length: 45 },
      (_, i) => `Paragraph ${i} of the long report. ${"The harbour dredging report goes on. ".repeat(2700)}`,
    );
    const big = articlePage(site.url, {
      slug: "big",
      title: "A very long report",
      published: "2024-05-01T10:00:00Z",
      paragraphs,
    });
    expect(Buffer.byteLength(big)).toBeGreaterThan(4.1 * 1024 * 1024);
    expect(Buffer.byteLength(big)).toBeLessThan(5 * 1024 * 1024);
    site.routes["/news/big"] = { body: big };
    site.routes["/news/small"] = {
      body: articlePage(site.url, {
        slug: "small",
        title: "Fish market reopens on the quay",
        published: "2024-05-02T10:00:00Z",
        paragraphs: Array.from(
          { length: 4 },
          (_, i) =>
            `Paragraph ${i}: the fish market reopened on the quay on Monday morning after the winter repairs to its roof.`,
        ),
      }),
    };
    site.routes["/sitemap.xml"] = {
      type: "application/xml",
      body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${site.url}/news/big</loc></url><url><loc>${site.url}/news/small</loc></url></urlset>`,
    };
    const corpusDir = await tempDir();
    await writeFile(
      path.join(corpusDir, "barrier.md"),
      markdown("barrier", "Councillors voted to build a flood barrier."),
    );
    const live = await start(corpusDir);
    const poller = createSitePoller({
      sources: [
        {
          name: "sitemap",
          kind: "sitemap",
          url: `${site.url}/sitemap.xml`,
          intervalMs: 600_000,
          allowInternal: true,
        },
      ],
      corpusDir,
      cacheDir: await tempDir(),
      fetch,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
      store: createMemoryStateStore(),
    });
    try {
      await poller.pollAll();
      const status = poller.status()[0]!;
      expect(status.lastRun).toMatchObject({ created: 1, failed: 1 });
      expect(status.lastItemError).toMatch(/over the corpus limit of 4 MiB; it is not written/);
      await vi.waitFor(() => expect(live.status().articles).toBe(2), { timeout: 30_000, interval: 50 });
      expect(live.health()).toMatchObject({ state: "ok", errors: [] });
    } finally {
      await poller.stop();
    }
  }, 60_000);
});
