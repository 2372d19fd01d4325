import { parseHTML } from "linkedom";

/** What a feed item or a WordPress post says about a story, to be read like a page. */
export interface StoryParts {
  title?: string;
  url: string;
  publication?: string;
  published?: string;
  modified?: string;
  byline?: string;
  /** The desk's section(s), as one text ("Politics, Elections"). */
  section?: string;
  /** The body as HTML. */
  contentHtml: string;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The plain text of an HTML fragment (WordPress titles carry entities such as &#8217;). */
export function htmlText(fragment: string): string {
  const { document } = parseHTML(`<!doctype html><html><body><p>${fragment}</p></body></html>`);
  return (document.body.textContent ?? "").replace(/\s+/g, " ").trim();
}

/**
 * A page for a story a feed or an API carries in full, so that it goes through the same extraction
 * and the same honesty checks as a fetched page: JSON-LD for the metadata, the body in `<article>`.
 */
export function storyPage(story: StoryParts): string {
  const ld: Record<string, unknown> = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    url: story.url,
  };
  if (story.title) ld.headline = story.title;
  if (story.published) ld.datePublished = story.published;
  if (story.modified) ld.dateModified = story.modified;
  if (story.byline) ld.author = { "@type": "Person", name: story.byline };
  if (story.section) ld.articleSection = story.section;
  if (story.publication) ld.publisher = { "@type": "Organization", name: story.publication };
  // "<" escaped so that no text can close the script element.
  const json = JSON.stringify(ld).replace(/</g, "\\u003c");
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(story.title ?? "")}</title>
<link rel="canonical" href="${escapeHtml(story.url)}">
<script type="application/ld+json">${json}</script></head>
<body><article><h1>${escapeHtml(story.title ?? "")}</h1>
${story.contentHtml}
</article></body></html>`;
}
