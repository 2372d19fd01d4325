import { listOf, textOf, type XmlNode } from "./xml.js";

export interface SitemapEntry {
  url: string;
  /** `<lastmod>`: the page changed then. */
  lastmod?: string;
  /** Google News sitemaps: `<news:publication_date>`. */
  published?: string;
  /** Google News sitemaps: `<news:title>` and `<news:name>`. */
  title?: string;
  publication?: string;
}

export interface Sitemap {
  kind: "sitemap-index" | "sitemap";
  /** For an index: the child sitemaps (with their lastmod); for a sitemap: its pages. */
  entries: SitemapEntry[];
}

/** Reads a parsed `<sitemapindex>` or `<urlset>` (with the news extension) into entries. */
export function readSitemap(doc: XmlNode, root: string, base: string): Sitemap | undefined {
  const entry = (node: XmlNode): SitemapEntry | undefined => {
    const loc = textOf(node.loc);
    if (!loc) return undefined;
    let url: string;
    try {
      url = new URL(loc, base).href;
    } catch {
      return undefined;
    }
    const news = listOf(node.news)[0];
    const publication = news ? listOf(news.publication)[0] : undefined;
    const out: SitemapEntry = { url };
    const lastmod = textOf(node.lastmod);
    if (lastmod) out.lastmod = lastmod;
    const published = news ? textOf(news.publication_date) : undefined;
    if (published) out.published = published;
    const title = news ? textOf(news.title) : undefined;
    if (title) out.title = title;
    const name = publication ? textOf(publication.name) : undefined;
    if (name) out.publication = name;
    return out;
  };
  if (root === "sitemapindex") {
    const index = doc.sitemapindex as XmlNode;
    return { kind: "sitemap-index", entries: listOf(index.sitemap).flatMap((n) => entry(n) ?? []) };
  }
  if (root === "urlset") {
    const set = doc.urlset as XmlNode;
    return { kind: "sitemap", entries: listOf(set.url).flatMap((n) => entry(n) ?? []) };
  }
  return undefined;
}
