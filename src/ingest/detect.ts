import { decodeHtml } from "../corpus/html.js";
import { type Feed, readFeed } from "./parse-feed.js";
import { readSitemap, type Sitemap } from "./parse-sitemap.js";
import { parseXml, rootName } from "./xml.js";

/** What a URL serves, recognised by its content (the Content-Type header is often wrong). */
export type Served =
  | { kind: "feed"; feed: Feed }
  | { kind: "sitemap"; sitemap: Sitemap }
  | { kind: "wordpress-posts"; posts: unknown[] }
  | { kind: "wordpress-root"; name?: string }
  | { kind: "wordpress-site"; api: string }
  | { kind: "page"; html: string }
  | { kind: "unsupported"; what: string };

/** The kinds of source an operator can name; "auto" recognises it by its content. */
export const SOURCE_KINDS = ["auto", "page", "feed", "sitemap", "wordpress"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export function sourceKindOf(served: Served): SourceKind | undefined {
  if (served.kind === "feed" || served.kind === "sitemap" || served.kind === "page") return served.kind;
  if (served.kind.startsWith("wordpress")) return "wordpress";
  return undefined;
}

const WP_API_LINK = /<link\b[^>]*rel=["']https:\/\/api\.w\.org\/["'][^>]*>/i;
const ARTICLE_PAGE =
  /<meta\b[^>]*property=["']og:type["'][^>]*content=["']article["']|"@type"\s*:\s*"(?:\w*Article|BlogPosting)"/i;

function wordpressApi(html: string, base: string): string | undefined {
  const link = WP_API_LINK.exec(html)?.[0];
  const href = link ? /href=["']([^"']+)["']/i.exec(link)?.[1] : undefined;
  if (!href) return undefined;
  try {
    return new URL(href, base).href;
  } catch {
    return undefined;
  }
}

/** Recognises a fetched body: JSON from the WordPress API, an XML feed or sitemap, or an HTML page. */
export function detectServed(body: Uint8Array, contentType: string, url: string): Served {
  const head = Buffer.from(body.subarray(0, 2048))
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (head.startsWith("{") || head.startsWith("[") || contentType.includes("json")) {
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(body).toString("utf8"));
    } catch {
      return { kind: "unsupported", what: "JSON that cannot be parsed" };
    }
    if (Array.isArray(json) && json.every((post) => post && typeof post === "object" && "content" in post))
      return { kind: "wordpress-posts", posts: json };
    const root = json as { namespaces?: unknown; name?: unknown };
    if (Array.isArray(root?.namespaces) && root.namespaces.includes("wp/v2"))
      return { kind: "wordpress-root", ...(typeof root.name === "string" ? { name: root.name } : {}) };
    return { kind: "unsupported", what: "JSON that is not the WordPress posts API" };
  }
  const isHtml = /^(?:<!doctype html|<html|<head|<body)/i.test(head.replace(/^(?:<!--[\s\S]*?-->\s*)+/, ""));
  if (!isHtml && (head.startsWith("<") || contentType.includes("xml"))) {
    const doc = parseXml(Buffer.from(body).toString("utf8"));
    const root = doc ? rootName(doc) : undefined;
    if (doc && root) {
      const feed = readFeed(doc, root, url);
      if (feed) return { kind: "feed", feed };
      const sitemap = readSitemap(doc, root, url);
      if (sitemap) return { kind: "sitemap", sitemap };
    }
    return {
      kind: "unsupported",
      what: `XML that is neither a feed nor a sitemap${root ? ` (<${root}>)` : ""}`,
    };
  }
  if (isHtml || contentType.includes("html")) {
    const html = decodeHtml(body).text;
    const api = ARTICLE_PAGE.test(html) ? undefined : wordpressApi(html, url);
    return api ? { kind: "wordpress-site", api } : { kind: "page", html };
  }
  return {
    kind: "unsupported",
    what: `${contentType.split(";")[0] || "content of unknown type"}, not a page, feed, sitemap or WordPress API`,
  };
}
