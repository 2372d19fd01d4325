import { type Site, startSite } from "../ingest/site.js";

// Pages and lists from a hostile (or merely broken) newsroom site, served on loopback: what issue 24
// found stalling the answers. Shared by the regression test and scripts/ingest/ack-latency.ts.

/** An article page whose body sits `depth` `<div>`s deep (Readability's cost grows with its cube). */
export function nestedPage(depth: number): string {
  const text = "The harbour authority said the quay would stay closed through the winter months. ".repeat(3);
  return `<!doctype html><html><head><title>Deep</title><meta property="og:type" content="article"><meta property="og:site_name" content="Hostile"></head><body>${"<div>".repeat(depth)}<p>${text}</p>${"</div>".repeat(depth)}</body></html>`;
}

/** An RSS feed of `items` stories carrying their full text (every one parsed after lost state). */
export function bigFeed(origin: string, items: number): string {
  const parts: string[] = [];
  for (let i = 0; i < items; i++) {
    parts.push(
      `<item><title>Story ${i}</title><link>${origin}/n/${i}</link><content:encoded>&lt;p&gt;Story ${i} of the flood: the council met.&lt;/p&gt;</content:encoded></item>`,
    );
  }
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Hostile</title>${parts.join("")}</channel></rss>`;
}

const index = (locs: string[]) =>
  `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((l) => `<sitemap><loc>${l}</loc></sitemap>`).join("")}</sitemapindex>`;

/**
 * Routes of a sitemap index fanning out to `fanOut ** 2` child sitemaps two levels down (100 × 1000 =
 * 100k children), each child listing one page.
 */
export function sitemapTreeRoutes(origin: string, fanOut: [number, number]): Site["routes"] {
  const xml = { type: "application/xml" };
  return {
    "/sitemap.xml": {
      ...xml,
      body: index(Array.from({ length: fanOut[0] }, (_, i) => `${origin}/sm/${i}.xml`)),
    },
    "*": (_req, url) => {
      const branch = /^\/sm\/(\d+)\.xml$/.exec(url.pathname);
      if (branch) {
        const locs = Array.from({ length: fanOut[1] }, (_, j) => `${origin}/leaf/${branch[1]}-${j}.xml`);
        return { ...xml, body: index(locs) };
      }
      const leaf = /^\/leaf\/([\d-]+)\.xml$/.exec(url.pathname);
      if (leaf) {
        return {
          ...xml,
          body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${origin}/deep/${leaf[1]}</loc></url></urlset>`,
        };
      }
      if (url.pathname.startsWith("/deep/")) return { body: nestedPage(3000) };
      return { status: 404, body: "Not found" };
    },
  };
}

/** The hostile site: a 3,000-deep page, a 20k-item full-text feed and a 100k-child sitemap tree. */
export async function startHostileSite(options: { feedItems?: number } = {}): Promise<Site> {
  const site = await startSite();
  Object.assign(site.routes, sitemapTreeRoutes(site.url, [100, 1000]), {
    "/robots.txt": { type: "text/plain", body: "User-agent: *\nAllow: /\n" },
    "/deep.html": { body: nestedPage(3000) },
    "/deeper.html": { body: nestedPage(10_000) },
    "/feed.xml": { type: "application/rss+xml", body: bigFeed(site.url, options.feedItems ?? 20_000) },
  });
  return site;
}

/** Percentile `p` (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}
