import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** One response of the loopback site. */
export interface Route {
  status?: number;
  type?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Wait this long before answering, ms. */
  delayMs?: number;
  /** Answers 304 to a request that sends this ETag back. */
  etag?: string;
  lastModified?: string;
}

export type RouteTable = Record<string, Route | ((req: IncomingMessage, url: URL) => Route)>;

export interface Site {
  /** Origin, e.g. "http://127.0.0.1:40123". */
  url: string;
  routes: RouteTable;
  /** Requests per path (with query), and the conditional ones answered 304. */
  hits: Map<string, number>;
  notModified: Map<string, number>;
  close(): Promise<void>;
}

const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/**
 * A newsroom site on 127.0.0.1 (a free port): routes by path, or path with query; unknown paths go to
 * the route "*" when there is one, else 404. Real HTTP, so the fetcher's redirects, limits and conditional requests are exercised.
 */
export async function startSite(routes: RouteTable = {}): Promise<Site> {
  const hits = new Map<string, number>();
  const notModified = new Map<string, number>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const key = url.pathname + url.search;
    count(hits, key);
    const entry = routes[key] ?? routes[url.pathname] ?? routes["*"];
    const route: Route =
      typeof entry === "function" ? entry(req, url) : (entry ?? { status: 404, body: "Not found" });
    const send = () => {
      if (res.destroyed) return;
      const headers: Record<string, string> = {
        "content-type": route.type ?? "text/html; charset=utf-8",
        ...route.headers,
      };
      if (route.etag) headers.etag = route.etag;
      if (route.lastModified) headers["last-modified"] = route.lastModified;
      const fresh =
        (route.etag && req.headers["if-none-match"] === route.etag) ||
        (route.lastModified && !route.etag && req.headers["if-modified-since"] === route.lastModified);
      if (fresh) {
        count(notModified, key);
        res.writeHead(304, headers).end();
        return;
      }
      res.writeHead(route.status ?? 200, headers).end(route.body ?? "");
    };
    if (route.delayMs) setTimeout(send, route.delayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routes,
    hits,
    notModified,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface StorySpec {
  slug: string;
  title: string;
  paragraphs: string[];
  published: string;
  modified?: string;
  byline?: string;
  standfirst?: string;
  /** An editor's note at the foot of the story. */
  note?: string;
}

const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * An article page as a newsroom CMS renders one: navigation, a header with standfirst and a
 * byline/dateline line, an ad slot between paragraphs, related links, JSON-LD, a footer.
 */
export function articlePage(origin: string, story: StorySpec): string {
  const ld = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: story.title,
    datePublished: story.published,
    ...(story.modified ? { dateModified: story.modified } : {}),
    author: { "@type": "Person", name: story.byline ?? "Maria Okafor" },
    publisher: { "@type": "Organization", name: "The Harbour Gazette" },
  };
  const body = story.paragraphs.map((p) => `<p>${esc(p)}</p>`);
  body.splice(Math.min(2, body.length), 0, '<div class="ad-slot"><p>ADVERTISEMENT</p></div>');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(story.title)} | The Harbour Gazette</title>
<link rel="canonical" href="${origin}/news/${story.slug}">
<meta property="og:type" content="article"><meta property="og:site_name" content="The Harbour Gazette">
<script type="application/ld+json">${JSON.stringify(ld)}</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>${esc(story.title)}</h1>
${story.standfirst ? `<p class="standfirst">${esc(story.standfirst)}</p>` : ""}
<p class="byline">By ${esc(story.byline ?? "Maria Okafor")} | ${esc(story.published)}</p>
${body.join("\n")}
${story.note ? `<p class="editors-note">${esc(story.note)}</p>` : ""}
</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/news/other">Ferry fares to rise in April as the council reviews its budget for the coming year</a></li></ul></aside>
</main><footer><p>© The Harbour Gazette. All rights reserved.</p></footer></body></html>`;
}

/** Long enough paragraphs for Readability, each naming its story so tests can find it. */
export function storyParagraphs(topic: string, n = 4): string[] {
  return Array.from(
    { length: n },
    (_, i) =>
      `Paragraph ${i + 1} about ${topic}: the harbour authority said on Monday that the work would continue through the winter, with crews on site six days a week and the quay closed to traffic.`,
  );
}
