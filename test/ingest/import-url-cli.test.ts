import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCli } from "../support/import-cli.js";
import { tempDir } from "../support/paths.js";
import { barrier, startNewsroom } from "./fixtures.js";
import { articlePage, type Site } from "./site.js";

let site: Site;
beforeAll(async () => {
  site = await startNewsroom();
});
afterAll(() => site.close());

describe("npm run import -- URL", () => {
  it("imports a feed, a sitemap and a page; de-duplicates; reports corrections by paragraph", async () => {
    const dir = await tempDir();
    const dry = await importCli(`${site.url}/feed.xml`, "--corpus", dir, "--dry-run", "--verbose");
    expect(dry.stdout).toMatch(
      /would create .*news-lighthouse\.md: "Lighthouse keeper retires after forty years", 3 paragraphs kept/,
    );
    expect(dry.stdout).toContain("2 created, 0 updated, 0 unchanged, 1 failed (dry run: nothing written).");
    expect(dry.stderr).toMatch(/error: .*\/news\/gone: HTTP 404\./);
    expect(await readdir(dir)).toEqual([]);

    const feed = await importCli(`${site.url}/feed.xml`, "--corpus", dir);
    expect(feed.code).toBe(1); // the 404 item
    // The sitemap lists the ferry again (same canonical URL): updated in place, not duplicated.
    const sitemap = await importCli(`${site.url}/sitemap_index.xml`, "--corpus", dir, "--verbose");
    expect(sitemap.code).toBe(0);
    expect(sitemap.stdout).toContain("1 created, 0 updated, 1 unchanged.");
    expect(sitemap.stdout).toMatch(/ {2}dropped \(ad slot\): "ADVERTISEMENT"/);
    expect((await readdir(dir)).sort()).toEqual(["news-barrier.md", "news-ferry.md", "news-lighthouse.md"]);
    const stored = await readFile(path.join(dir, "news-barrier.md"), "utf8");
    expect(stored).toContain('published: "2024-05-14T17:32:00Z"');
    expect(stored).toContain('byline: "Maria Okafor"');
    expect(stored).not.toContain("ADVERTISEMENT");

    // The newsroom corrects the story: ¶2 changes and the page says when.
    const corrected = {
      ...barrier,
      paragraphs: barrier.paragraphs.map((p, i) => (i === 1 ? p.replace("six days", "seven days") : p)),
      modified: "2024-05-15T09:00:00Z",
      note: "Correction: an earlier version of this article gave the wrong number of working days.",
    };
    site.routes["/news/barrier"] = { body: articlePage(site.url, corrected), etag: '"barrier-2"' };
    const update = await importCli(`${site.url}/news/barrier`, "--corpus", dir);
    expect(update.stdout).toMatch(/updated .*news-barrier\.md: .* — changed: corrected, correction, ¶2\n/);
    const after = await readFile(path.join(dir, "news-barrier.md"), "utf8");
    expect(after).toContain('corrected: "2024-05-15T09:00:00Z"');
    expect(after).toContain("seven days a week");
  }, 180_000); // six CLI runs, each starting tsx
});
