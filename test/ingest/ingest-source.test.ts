import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpGet } from "../../src/ingest/http-get.js";
import {
  emptyIngestState,
  type IngestItem,
  type IngestState,
  ingestSource,
} from "../../src/ingest/ingest-source.js";
import { createRobotsCheck } from "../../src/ingest/robots.js";
import { barrier, startNewsroom } from "./fixtures.js";
import { type Site, storyParagraphs } from "./site.js";

let site: Site;
beforeAll(async () => {
  site = await startNewsroom();
});
afterAll(() => site.close());

const get = () => createHttpGet({ fetch, timeoutMs: 500, maxBytes: 1024 * 1024 });

async function ingest(path: string, state: IngestState = emptyIngestState(), kind: "auto" | "feed" = "auto") {
  const items: IngestItem[] = [];
  const httpGet = get();
  const summary = await ingestSource(`${site.url}${path}`, kind, {
    get: httpGet,
    robots: createRobotsCheck({ get: httpGet }),
    now: () => Date.parse("2024-06-01T12:00:00Z"),
    state,
    onItem: async (item) => {
      items.push(item);
    },
  });
  const articles = items.flatMap((item) => (item.type === "article" ? [item] : []));
  const failed = items.flatMap((item) => (item.type === "failed" ? [item] : []));
  return { summary, items, articles, failed, state };
}

describe("ingestSource against a loopback newsroom site", () => {
  it("imports an article page: bylines, standfirsts and ad slots are not paragraphs, dates are UTC", async () => {
    const { summary, articles } = await ingest("/news/barrier");
    expect(summary.kind).toBe("page");
    const [{ article, report }] = articles as [(typeof articles)[number]];
    expect(article.id).toBe("news-barrier");
    expect(article.url).toBe(`${site.url}/news/barrier`);
    expect(article.byline).toBe("Maria Okafor");
    expect(article.dek).toBe(barrier.standfirst);
    expect(article.published).toBe("2024-05-14T17:32:00Z");
    // The site's first paragraph is ¶1, and the closing quote is kept.
    expect(article.paragraphs[0]).toBe(barrier.paragraphs[0]);
    expect(article.paragraphs).toEqual(barrier.paragraphs);
    expect(article.paragraphs.join("\n")).not.toMatch(
      /ADVERTISEMENT|Related stories|By Maria|rights reserved|Home/,
    );
    const reasons = report.dropped.map((block) => block.reason);
    expect(reasons).toContain("ad slot");
    expect(reasons).toContain("byline/dateline → metadata");
    expect(reasons).toContain("standfirst → dek");
    expect(report.kept).toBe(barrier.paragraphs.length);
    expect(report.warnings).toEqual([]);
  });

  it("answers a second fetch of an unchanged page with a conditional request (304)", async () => {
    const state = emptyIngestState();
    await ingest("/news/barrier", state);
    const before = site.notModified.get("/news/barrier") ?? 0;
    const again = await ingest("/news/barrier", state);
    expect(again.summary.notModified).toBe(true);
    expect(site.notModified.get("/news/barrier")).toBe(before + 1);
  });

  it("reads RSS 2.0: content:encoded is used as is, other items' pages are fetched, a 404 fails alone", async () => {
    const hitsBefore = site.hits.get("/news/lighthouse") ?? 0;
    const { summary, articles, failed } = await ingest("/feed.xml", emptyIngestState(), "feed");
    expect(summary.kind).toBe("feed");
    const byUrl = new Map(articles.map((item) => [item.url, item.article]));
    const lighthouse = byUrl.get(`${site.url}/news/lighthouse`);
    expect(lighthouse?.title).toBe("Lighthouse keeper retires after forty years");
    expect(lighthouse?.byline).toBe("Tom Reyes");
    expect(lighthouse?.published).toBe("2024-05-16T08:15:00Z");
    expect(lighthouse?.paragraphs).toHaveLength(3);
    expect(site.hits.get("/news/lighthouse") ?? 0).toBe(hitsBefore);
    expect(byUrl.get(`${site.url}/news/ferry`)?.paragraphs).toHaveLength(4);
    expect(failed.map((item) => [item.url, (item.error as { code?: string }).code])).toEqual([
      [`${site.url}/news/gone`, "fetch_status"],
    ]);
  });

  it("reads Atom with HTML content", async () => {
    const { articles } = await ingest("/atom.xml");
    expect(articles).toHaveLength(1);
    expect(articles[0]!.article).toMatchObject({
      title: "Fish market reopens on the quay",
      byline: "Ana Ruiz",
      published: "2024-05-17T06:00:00Z",
      publication: "The Harbour Gazette",
    });
    expect(articles[0]!.article.corrected).toBeUndefined();
  });

  it("follows a sitemap index to a news sitemap, and skips unchanged pages on the next poll", async () => {
    const state = emptyIngestState();
    const first = await ingest("/sitemap_index.xml", state);
    expect(first.summary.kind).toBe("sitemap");
    expect(first.articles.map((item) => item.article.id).sort()).toEqual(["news-barrier", "news-ferry"]);
    const barrierHits = site.hits.get("/news/barrier");
    const second = await ingest("/sitemap_index.xml", state);
    expect(second.articles).toEqual([]);
    expect(site.hits.get("/news/barrier")).toBe(barrierHits);
  });

  it("pages through the WordPress REST API, then asks only for posts modified after the last", async () => {
    const state = emptyIngestState();
    const first = await ingest("/wp-json/", state);
    expect(first.summary.kind).toBe("wordpress");
    expect(first.articles).toHaveLength(4);
    expect(first.articles[0]!.article).toMatchObject({
      title: "Harbour story number 1 ’s update",
      publication: "Harbour WP",
      byline: "Desk Editor",
      published: "2024-05-01T10:00:00Z",
    });
    // Categories, then tags, become the section (WordPress's "Uncategorized" says nothing).
    expect(first.articles.map((item) => item.article.section)).toEqual([
      "Politics, Harbour",
      "Arts & Culture, Harbour",
      "Politics, Harbour",
      "Arts & Culture, Harbour",
    ]);
    const paged = [...site.hits.keys()].filter((key) => key.startsWith("/wp-json/wp/v2/posts?"));
    expect(paged.some((key) => key.includes("page=2"))).toBe(true);
    const second = await ingest("/wp-json/", state);
    expect(second.articles).toEqual([]);
    expect([...site.hits.keys()].some((key) => key.includes("modified_after=2024-05-04T10%3A05%3A00"))).toBe(
      true,
    );
  });

  it("skips a null or a number in a WordPress post list and imports the rest (issue 24, item 17)", async () => {
    const route = site.routes["/wp-json/wp/v2/posts"];
    const post = {
      id: 9,
      date_gmt: "2024-05-09T10:00:00",
      modified_gmt: "2024-05-09T10:05:00",
      link: `${site.url}/2024/05/09/wp-story-9/`,
      title: { rendered: "Harbour story number 9" },
      content: {
        rendered: storyParagraphs("WordPress story 9", 3)
          .map((p) => `<p>${p}</p>`)
          .join("\n"),
      },
    };
    site.routes["/wp-json/wp/v2/posts"] = {
      type: "application/json",
      headers: { "x-wp-totalpages": "1", "x-wp-total": "3" },
      body: JSON.stringify([null, post, 7]),
    };
    try {
      const { summary, articles } = await ingest("/wp-json/");
      expect(summary.kind).toBe("wordpress");
      expect(articles.map((a) => a.article.title)).toEqual(["Harbour story number 9"]);
    } finally {
      site.routes["/wp-json/wp/v2/posts"] = route!;
    }
  });

  it.each([
    ["/broken", "fetch_status"],
    ["/slow", "fetch_timeout"],
    ["/huge", "fetch_too_large"],
    ["/loop-a", "fetch_redirect_loop"],
    ["/logo.png", "ingest_unsupported"],
    ["/private/memo", "fetch_robots"],
    ["/missing", "fetch_status"],
  ])("refuses %s with %s and a sentence naming the URL", async (path, code) => {
    const error = await ingest(path).then(
      () => undefined,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(error?.code).toBe(code);
    expect(error?.message).toContain(`${site.url}${path === "/loop-a" ? "/loop-a" : path}`);
  });

  it("follows a bounded redirect to the page", async () => {
    const { articles } = await ingest("/moved");
    expect(articles[0]!.article.url).toBe(`${site.url}/news/ferry`);
  });

  it("says when a source is not the kind it is listed as", async () => {
    await expect(ingest("/news/barrier", emptyIngestState(), "feed")).rejects.toThrow(
      /listed as a feed but serves an HTML page/,
    );
  });
});
