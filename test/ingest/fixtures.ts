import type { IncomingMessage } from "node:http";
import { articlePage, type Site, type StorySpec, startSite, storyParagraphs } from "./site.js";

export const barrier: StorySpec = {
  slug: "barrier",
  title: "Council approves harbour flood barrier",
  standfirst: "The £48m barrier will close the harbour mouth during storm surges.",
  byline: "Maria Okafor",
  published: "2024-05-14T18:32:00+01:00",
  paragraphs: [
    "Councillors voted 31 to 9 on Monday night to build a flood barrier across the mouth of the harbour, ending more than ten years of argument over how to protect the old town.",
    ...storyParagraphs("the barrier", 4),
    "“This is the day the old town stops living in fear of every spring tide,” said the council leader.",
  ],
};

export const ferry: StorySpec = {
  slug: "ferry",
  title: "Island ferry returns after winter refit",
  published: "2024-05-15T08:00:00Z",
  paragraphs: storyParagraphs("the island ferry", 4),
};

const rss = (origin: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Harbour Gazette</title><link>${origin}/</link>
<item><title>Lighthouse keeper retires after forty years</title><link>${origin}/news/lighthouse</link>
<pubDate>Thu, 16 May 2024 09:15:00 +0100</pubDate><dc:creator>Tom Reyes</dc:creator>
<description>A short summary.</description>
<content:encoded><![CDATA[${storyParagraphs("the lighthouse keeper", 3)
  .map((p) => `<p>${p}</p>`)
  .join("")}]]></content:encoded></item>
<item><title>${ferry.title}</title><link>${origin}/news/ferry</link><pubDate>Wed, 15 May 2024 08:00:00 GMT</pubDate></item>
<item><title>Gone</title><link>${origin}/news/gone</link></item>
</channel></rss>`;

const atom = (origin: string) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>The Harbour Gazette</title><id>${origin}/</id>
<entry><title>Fish market reopens on the quay</title><link rel="alternate" href="${origin}/news/fish-market"/>
<id>tag:gazette,2024:fish</id><published>2024-05-17T06:00:00Z</published><updated>2024-05-17T06:00:00Z</updated>
<author><name>Ana Ruiz</name></author>
<content type="html">${storyParagraphs("the fish market", 3)
  .map((p) => `&lt;p&gt;${p}&lt;/p&gt;`)
  .join("")}</content></entry></feed>`;

const sitemapIndex = (origin: string) => `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>${origin}/sitemap-news.xml</loc><lastmod>2024-05-15T08:00:00Z</lastmod></sitemap>
</sitemapindex>`;

const newsSitemap = (origin: string) => `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>${origin}/news/barrier</loc><lastmod>2024-05-14T17:32:00Z</lastmod>
<news:news><news:publication><news:name>The Harbour Gazette</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2024-05-14T18:32:00+01:00</news:publication_date><news:title>${barrier.title}</news:title></news:news></url>
<url><loc>${origin}/news/ferry</loc><lastmod>2024-05-15T08:00:00Z</lastmod></url>
</urlset>`;

function wpPost(origin: string, n: number, embedTerms: boolean) {
  return {
    id: n,
    date_gmt: `2024-05-0${n}T10:00:00`,
    modified_gmt: `2024-05-0${n}T10:05:00`,
    link: `${origin}/2024/05/0${n}/wp-story-${n}/`,
    title: { rendered: `Harbour story number ${n} &#8217;s update` },
    content: {
      rendered: storyParagraphs(`WordPress story ${n}`, 3)
        .map((p) => `<p>${p}</p>`)
        .join("\n"),
    },
    _embedded: {
      author: [{ name: "Desk Editor" }],
      // Served only when asked for (`_embed=author,wp:term`), as WordPress does.
      ...(embedTerms
        ? {
            "wp:term": [
              [
                { taxonomy: "category", name: n % 2 ? "Politics" : "Arts &amp; Culture" },
                { taxonomy: "category", name: "Uncategorized" },
              ],
              [{ taxonomy: "post_tag", name: "Harbour" }],
            ],
          }
        : {}),
    },
  };
}

/** The newsroom's site: every kind of source and every kind of failure the fetcher must survive. */
export async function startNewsroom(): Promise<Site> {
  const site = await startSite();
  const origin = site.url;
  Object.assign(site.routes, {
    "/robots.txt": { type: "text/plain", body: "User-agent: *\nDisallow: /private/\n" },
    "/news/barrier": { body: articlePage(origin, barrier), etag: '"barrier-1"' },
    "/news/ferry": { body: articlePage(origin, ferry), lastModified: "Wed, 15 May 2024 08:00:00 GMT" },
    "/private/memo": { body: articlePage(origin, { ...ferry, slug: "memo" }) },
    "/feed.xml": { type: "application/rss+xml", body: rss(origin), etag: '"feed-1"' },
    "/atom.xml": { type: "application/atom+xml", body: atom(origin) },
    "/sitemap_index.xml": { type: "application/xml", body: sitemapIndex(origin) },
    "/sitemap-news.xml": { type: "application/xml", body: newsSitemap(origin) },
    "/wp-json/": {
      type: "application/json",
      body: JSON.stringify({ name: "Harbour WP", namespaces: ["oembed/1.0", "wp/v2"] }),
    },
    "/wp-json/wp/v2/posts": (_req: IncomingMessage, url: URL) => {
      const page = Number(url.searchParams.get("page") ?? "1");
      const after = url.searchParams.get("modified_after");
      const embed = (url.searchParams.get("_embed") ?? "").split(",");
      const all = [1, 2, 3, 4].map((n) => wpPost(origin, n, embed.includes("wp:term")));
      const fresh = after ? all.filter((p) => `${p.modified_gmt}` > after) : all;
      const pages = Math.max(1, Math.ceil(fresh.length / 2));
      if (page > pages)
        return { status: 400, type: "application/json", body: '{"code":"rest_post_invalid_page_number"}' };
      return {
        type: "application/json",
        headers: { "x-wp-totalpages": String(pages), "x-wp-total": String(fresh.length) },
        body: JSON.stringify(fresh.slice((page - 1) * 2, page * 2)),
      };
    },
    "/slow": { delayMs: 3_000, body: articlePage(origin, ferry) },
    "/huge": { body: `<!doctype html><html><body><p>${"x".repeat(3 * 1024 * 1024)}</p></body></html>` },
    "/loop-a": { status: 302, headers: { location: "/loop-b" } },
    "/loop-b": { status: 302, headers: { location: "/loop-a" } },
    "/moved": { status: 301, headers: { location: "/news/ferry" } },
    "/logo.png": { type: "image/png", body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) },
    "/broken": { status: 500, body: "Internal error" },
  });
  return site;
}
