import { isProbablyReaderable, Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { NewsdeskError } from "../errors.js";
import { articleMetaSchema, describeIssue } from "./article-schema.js";
import type { DomDocument, DomElement } from "./import-html-dom.js";
import { readPageMetadata } from "./import-html-metadata.js";
import { slugify } from "./slugify.js";
import { toMeta } from "./to-article.js";
import type { Article } from "./types.js";

/** What the caller knows about a saved page beyond what the page itself declares. */
export interface HtmlImportOptions {
  /** Publication name, used only when the page names none (og:site_name, JSON-LD publisher). */
  publication?: string;
  /** Article id; default: a slug of the canonical URL's path, else of the headline. */
  id?: string;
  /** Canonical URL; default: the page's `<link rel=canonical>`, og:url or JSON-LD url. */
  url?: string;
  /** Where the page came from, for error messages. */
  source: string;
}

// Page furniture that is never article prose, whatever the site: navigation and site chrome,
// embedded media with their captions and credits, side boxes, dialogs (cookie and consent notices)
// and anything hidden from readers.
const FURNITURE = [
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "object",
  "embed",
  "svg",
  "canvas",
  "nav",
  "header",
  "footer",
  "aside",
  "figure",
  "figcaption",
  "picture",
  "dialog",
  "[role=navigation]",
  "[role=banner]",
  "[role=contentinfo]",
  "[role=complementary]",
  "[role=search]",
  "[role=dialog]",
  "[role=alertdialog]",
  "[role=alert]",
  "[aria-hidden=true]",
  "[hidden]",
].join(", ");

// Controls: a small box built around one (newsletter sign-up, share bar, cookie notice) is a widget,
// not prose, so the whole box goes — up to this much text.
const CONTROLS = "form, button, input, select, textarea";
const WIDGET_MAX_CHARS = 300;
const CONTAINERS = new Set(["BODY", "HTML", "MAIN", "ARTICLE"]);

// A paragraph that is mostly link text is a pointer to another page ("Read more: …"), not prose.
const MAX_LINK_DENSITY = 0.5;

/** HTML collapses runs of ASCII whitespace to one space; non-breaking spaces stay as written. */
function collapse(value: string | null | undefined): string {
  return (value ?? "").replace(/[ \t\n\f\r]+/g, " ").trim();
}

function removeWidgets(document: DomDocument): void {
  for (const control of [...document.querySelectorAll(CONTROLS)]) {
    let box: DomElement = control;
    while (
      box.parentElement &&
      !CONTAINERS.has(box.parentElement.tagName.toUpperCase()) &&
      collapse(box.parentElement.textContent).length <= WIDGET_MAX_CHARS
    ) {
      box = box.parentElement;
    }
    box.remove();
  }
  for (const element of [...document.querySelectorAll(FURNITURE)]) element.remove();
}

function linkDensity(paragraph: DomElement, length: number): number {
  let linked = 0;
  for (const link of paragraph.querySelectorAll("a")) linked += collapse(link.textContent).length;
  return length === 0 ? 1 : linked / length;
}

// A byline line in the body ("By Jane Doe", "Par Hélène Müller"): the author's name plus a word or two.
const BYLINE_SLACK_CHARS = 12;

function bodyParagraphs(content: DomElement, document: DomDocument, byline: string | undefined): string[] {
  // <br> separates lines visually; textContent would glue the words together.
  for (const br of [...content.querySelectorAll("br")]) br.replaceWith(document.createTextNode(" "));
  const paragraphs: string[] = [];
  for (const p of content.querySelectorAll("p")) {
    const text = collapse(p.textContent);
    if (text === "" || linkDensity(p, text.length) >= MAX_LINK_DENSITY) continue;
    if (byline && text.includes(byline) && text.length <= byline.length + BYLINE_SLACK_CHARS) continue;
    paragraphs.push(text);
  }
  return paragraphs;
}

function absoluteHttpUrl(value: string | undefined, base?: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The ISO form the corpus accepts: kept as written when it already is one, else converted. */
function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (articleMetaSchema.shape.published.safeParse(value).success) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** A stable id from the URL's path ("/news/2024/03/flood-barrier.html" → "news-2024-03-flood-barrier"). */
export function slugFromUrl(url: string): string | undefined {
  const path = new URL(url).pathname.replace(/\/index\.\w+$|\.(?:s?html?|php|aspx?|jsp)$/i, "");
  const slug = slugify(decodeURIComponent(path), 150);
  return slug === "article" && !/article/i.test(path) ? undefined : slug;
}

function importError(code: string, message: string): NewsdeskError {
  return new NewsdeskError(code, message);
}

/**
 * Turns a saved article page into an Article: metadata from what the page declares (JSON-LD,
 * `<meta>`, `<link rel=canonical>`), the body from Mozilla Readability's extraction over a linkedom
 * DOM, after structural cleaning (site chrome, figures and captions, side boxes, dialogs, widgets
 * built around controls). Paragraphs are the extracted `<p>` elements' text, verbatim but for
 * HTML's whitespace folding; link-dense paragraphs ("Read more: …") are dropped.
 */
export function importHtml(html: string, options: HtmlImportOptions): Article {
  const { document } = parseHTML(html) as unknown as { document: DomDocument };
  const meta = readPageMetadata(document);
  const firstHeading = collapse(document.querySelector("h1")?.textContent) || undefined;

  removeWidgets(document);
  // Readability scores any page; a page that neither declares an article nor has article-length
  // prose (a section front, a search page, an error page) must not be imported as one.
  // `minScore: 0` asks for one paragraph of article length (Readability's 140 characters): the
  // default score needs several, which short briefs do not have.
  if (!meta.declaresArticle && !isProbablyReaderable(document as never, { minScore: 0 })) {
    throw importError(
      "import_no_article",
      `${options.source}: no article found — the page has no article metadata and no article-length text.`,
    );
  }
  const extracted = new Readability<DomElement>(document as never, {
    serializer: (node) => node as unknown as DomElement,
  }).parse();
  const byline = meta.byline ?? (collapse(extracted?.byline).replace(/^by\s+/i, "") || undefined);
  const paragraphs = extracted?.content ? bodyParagraphs(extracted.content, document, byline) : [];
  if (paragraphs.length === 0) {
    throw importError("import_no_article", `${options.source}: no article found — no body paragraphs.`);
  }

  const title = meta.headline ?? firstHeading ?? collapse(extracted?.title);
  if (!title) throw importError("import_no_headline", `${options.source}: no headline found.`);
  const publication = meta.publication ?? (collapse(extracted?.siteName) || options.publication);
  if (!publication) {
    throw importError(
      "import_no_publication",
      `${options.source}: the page does not name its publication (og:site_name or JSON-LD publisher); pass --publication NAME.`,
    );
  }
  const url = absoluteHttpUrl(options.url) ?? absoluteHttpUrl(meta.url, options.url);
  const published = isoDate(meta.published ?? extracted?.publishedTime ?? undefined);
  // A description that merely repeats the first paragraph would count its words twice in ranking.
  const description = meta.description?.replace(/(?:…|\.\.\.)$/, "");
  const dek = description && !paragraphs[0]!.startsWith(description) ? meta.description : undefined;

  const article: Article = {
    id: options.id ?? (url ? slugFromUrl(url) : undefined) ?? slugify(title),
    title,
    publication,
    paragraphs,
    source: options.source,
  };
  if (url) article.url = url;
  if (published) article.published = published;
  if (byline) article.byline = byline;
  if (meta.section) article.section = meta.section;
  if (dek) article.dek = dek;

  const check = articleMetaSchema.safeParse(toMeta(article));
  if (!check.success) {
    const { field, problem } = describeIssue(check.error, toMeta(article));
    throw importError("import_invalid_field", `${options.source}: field "${field}" ${problem}.`);
  }
  return article;
}
