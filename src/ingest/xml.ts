import { XMLParser } from "fast-xml-parser";

/** A parsed XML element: attributes as "@_name", text as "#text", children by local name. */
export type XmlNode = Record<string, unknown>;

// Elements that may repeat, always read as lists (one <item> must not turn into an object).
const LISTS = new Set(["item", "entry", "url", "sitemap", "link", "category", "author"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  // Feeds and sitemaps name the same things under several namespaces (content:encoded, dc:creator,
  // news:publication_date); local names are what the readers below look for.
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => LISTS.has(name),
});

/** Parses an XML document; undefined when it is not well-formed enough to read. */
export function parseXml(text: string): XmlNode | undefined {
  try {
    const parsed = parser.parse(text) as unknown;
    return parsed && typeof parsed === "object" ? (parsed as XmlNode) : undefined;
  } catch {
    return undefined;
  }
}

/** The text of an element (a string, or an object with attributes and "#text"). */
export function textOf(value: unknown): string | undefined {
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number") return String(value);
  if (value && typeof value === "object") return textOf((value as XmlNode)["#text"]);
  return undefined;
}

export function listOf(value: unknown): XmlNode[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter(
    (item): item is XmlNode => Boolean(item) && typeof item === "object",
  );
}

/** The name of the document's root element (e.g. "rss", "feed", "urlset"), namespace prefix removed. */
export function rootName(doc: XmlNode): string | undefined {
  return Object.keys(doc).find(
    (key) => !key.startsWith("?") && !key.startsWith("#") && !key.startsWith("@_"),
  );
}
