import type { DomDocument } from "./import-html-dom.js";

/** What a page says about its article in machine-readable form (meta tags, JSON-LD, link rel). */
export interface PageMetadata {
  headline?: string;
  byline?: string;
  published?: string;
  /** When the page says it last changed (JSON-LD dateModified, article:modified_time). */
  modified?: string;
  url?: string;
  publication?: string;
  section?: string;
  description?: string;
  /** True when the page declares itself an article (og:type or a JSON-LD article type). */
  declaresArticle: boolean;
}

type Json = Record<string, unknown>;

// schema.org types for a single story; anything else (WebPage, CollectionPage, WebSite…) is not one.
const ARTICLE_TYPE = /^(?:\w*Article|NewsArticle|ReportageNews|AnalysisNewsArticle|BlogPosting|Report)$/;

function text(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.replace(/[ \t\n\f\r]+/g, " ").trim();
  return trimmed === "" ? undefined : trimmed;
}

function typesOf(node: Json): string[] {
  const type = node["@type"];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === "string");
}

/** Every object of the page's JSON-LD blocks, flattening arrays and `@graph`. */
function jsonLdNodes(document: DomDocument): Json[] {
  const nodes: Json[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") {
      nodes.push(value as Json);
      const graph = (value as Json)["@graph"];
      if (graph) visit(graph);
    }
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      // CMSs often wrap JSON-LD in CDATA or HTML comments.
      visit(
        JSON.parse((script.textContent ?? "").replace(/^\s*(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)\s*$/g, "")),
      );
    } catch {
      // A broken JSON-LD block says nothing reliable; the meta tags still may.
    }
  }
  return nodes;
}

function names(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(names);
  if (typeof value === "string") return text(value) ? [text(value)!] : [];
  if (value && typeof value === "object") {
    const name = text((value as Json).name);
    return name ? [name] : [];
  }
  return [];
}

function joinNames(list: string[]): string | undefined {
  const unique = [...new Set(list)];
  if (unique.length === 0) return undefined;
  if (unique.length === 1) return unique[0];
  return `${unique.slice(0, -1).join(", ")} and ${unique.at(-1)}`;
}

function urlOf(value: unknown): string | undefined {
  if (typeof value === "string") return text(value);
  if (value && typeof value === "object") return text((value as Json)["@id"]) ?? text((value as Json).url);
  return undefined;
}

/** Reads the article metadata a page declares. Call before extraction, which rewrites the DOM. */
export function readPageMetadata(document: DomDocument): PageMetadata {
  const meta = (key: string): string | undefined => {
    for (const attr of ["property", "name", "itemprop"]) {
      const value = text(document.querySelector(`meta[${attr}="${key}"]`)?.getAttribute("content"));
      if (value) return value;
    }
    return undefined;
  };
  const article = jsonLdNodes(document).find((node) => typesOf(node).some((t) => ARTICLE_TYPE.test(t)));
  const publisher = article?.publisher;
  const section = article?.articleSection;

  return {
    headline: text(article?.headline) ?? meta("og:title") ?? meta("twitter:title"),
    byline: joinNames(names(article?.author)) ?? meta("author") ?? meta("article:author"),
    published: meta("article:published_time") ?? text(article?.datePublished) ?? meta("datePublished"),
    modified:
      meta("article:modified_time") ??
      text(article?.dateModified) ??
      meta("dateModified") ??
      meta("og:updated_time"),
    url:
      text(document.querySelector('link[rel="canonical"]')?.getAttribute("href")) ??
      meta("og:url") ??
      urlOf(article?.mainEntityOfPage) ??
      text(article?.url),
    publication: meta("og:site_name") ?? names(publisher)[0],
    section: meta("article:section") ?? (Array.isArray(section) ? text(section[0]) : text(section)),
    description: text(article?.description) ?? meta("og:description") ?? meta("description"),
    declaresArticle: Boolean(article) || meta("og:type") === "article",
  };
}
