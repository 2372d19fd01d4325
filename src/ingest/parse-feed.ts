import { listOf, textOf, type XmlNode } from "./xml.js";

/** One story of an RSS or Atom feed, as the feed describes it. */
export interface FeedItem {
  /** The story's page. */
  url: string;
  title?: string;
  published?: string;
  /** Atom `updated`, when later than `published` a sign of an update. */
  updated?: string;
  author?: string;
  summary?: string;
  /** The full story as HTML, when the feed carries it (content:encoded, Atom content). */
  contentHtml?: string;
}

export interface Feed {
  kind: "rss" | "atom";
  title?: string;
  items: FeedItem[];
}

function atomLink(entry: XmlNode, base: string): string | undefined {
  const links = listOf(entry.link);
  const href = (links.find((l) => !l["@_rel"] || l["@_rel"] === "alternate") ?? links[0])?.["@_href"];
  return typeof href === "string" ? absolute(href, base) : undefined;
}

function absolute(value: string | undefined, base: string): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value.trim(), base).href;
  } catch {
    return undefined;
  }
}

function authorOf(value: unknown): string | undefined {
  const names = listOf(value)
    .map((author) => textOf(author.name))
    .concat(typeof value === "string" ? [value] : [])
    .filter((name): name is string => Boolean(name));
  return names.length ? names.join(" and ") : textOf(value);
}

/**
 * Reads a parsed RSS 2.0, RSS 1.0 (RDF) or Atom document into items. Items without a link are
 * skipped: a story the corpus cannot cite by URL or tell apart from others.
 */
export function readFeed(doc: XmlNode, root: string, base: string): Feed | undefined {
  if (root === "feed") {
    const feed = doc.feed as XmlNode;
    const items: FeedItem[] = [];
    for (const entry of listOf(feed.entry)) {
      const url = atomLink(entry, base);
      if (!url) continue;
      const content = entry.content as XmlNode | string | undefined;
      const type = typeof content === "object" ? content?.["@_type"] : undefined;
      items.push({
        url,
        title: textOf(entry.title),
        published: textOf(entry.published) ?? textOf(entry.issued),
        updated: textOf(entry.updated),
        author: authorOf(entry.author),
        summary: textOf(entry.summary),
        contentHtml: type === "html" || type === "xhtml" || type === "text" ? textOf(content) : undefined,
      });
    }
    return { kind: "atom", title: textOf(feed.title), items };
  }
  if (root === "rss" || root === "RDF") {
    const rss = doc[root] as XmlNode;
    const channel = (listOf(rss.channel)[0] ?? {}) as XmlNode;
    const items: FeedItem[] = [];
    for (const item of listOf(channel.item ?? rss.item)) {
      const guid = item.guid as XmlNode | string | undefined;
      const permalink =
        typeof guid === "object" && guid?.["@_isPermaLink"] !== "false" ? textOf(guid) : undefined;
      const url = absolute(textOf(item.link) ?? permalink ?? textOf(item["@_about"]), base);
      if (!url) continue;
      items.push({
        url,
        title: textOf(item.title),
        published: textOf(item.pubDate) ?? textOf(item.date),
        updated: textOf(item.updated) ?? textOf(item.modified),
        author: textOf(item.creator) ?? textOf(item.author),
        summary: textOf(item.description),
        contentHtml: textOf(item.encoded),
      });
    }
    return { kind: "rss", title: textOf(channel.title), items };
  }
  return undefined;
}
