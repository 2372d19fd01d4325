import { isProbablyReaderable, Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { type ErrorCode, NewsdeskError } from "../errors.js";
import { articleMetaSchema, describeIssue } from "./article-schema.js";
import { dateTime, normalizeDate } from "./dates.js";
import type { DomDocument, DomElement } from "./import-html-dom.js";
import { readPageMetadata } from "./import-html-metadata.js";
import { type DroppedBlock, type ImportReport, reportWarnings } from "./import-report.js";
import { checkPageBudget, PAGE_BUDGET, type PageBudget } from "./page-budget.js";
import { slugify } from "./slugify.js";
import { toMeta } from "./to-article.js";
import type { Article } from "./types.js";

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

// Blocks a page marks by class or id. A site's own labels are the surest sign of what a block is;
// a marked block longer than this is a container holding the article, not the block itself.
const MARKED_MAX_CHARS = 1000;
const MARKS: ReadonlyArray<{ kind: "byline" | "dek" | "ad" | "related" | "note"; pattern: RegExp }> = [
  { kind: "note", pattern: /\b(?:correction|editors?-note|editor-note|update-note|article-update)s?\b/i },
  {
    kind: "byline",
    pattern:
      /\b(?:byline|bylines|author-name|article-author|dateline|timestamp|publish-date|article-date|posted-on)\b/i,
  },
  {
    kind: "dek",
    pattern: /\b(?:standfirst|dek|article-dek|strapline|subheadline|sub-headline|article-summary)\b/i,
  },
  { kind: "ad", pattern: /\b(?:ad|ads|advert|adverts|advertisement|ad-slot|ad-container|dfp|sponsored)\b/i },
  {
    kind: "related",
    pattern: /\b(?:related|more-stories|recommended|read-more|most-read|newsletter|share|social)\b/i,
  },
];
const MARK_REASONS = {
  note: "editor's note → correction",
  byline: "byline/dateline → metadata",
  dek: "standfirst → dek",
  ad: "ad slot",
  related: "related links",
} as const;

// A body paragraph that is one of the page's labels rather than prose, by its text alone.
const AD_SLOT = /^(?:advertisement|advertising|sponsored(?: content)?|anzeige|publicité|publicidad|ad)$/i;
const BYLINE_LINE =
  /^(?:[Bb]y|[Pp]ar|[Vv]on|[Pp]or|[Dd]i)\s+\p{Lu}[\p{L}.'’ -]+(?:\s*(?:[|,–—-]|and|&)\s*[^.!?]*)?$/u;
const DATELINE_LINE = /^(?:published|updated|posted|last (?:updated|modified)|modified)\b[^.!?]{0,60}\d/i;
const NOTE_LINE =
  /^(?:correction|clarification|update|editor['’]s note)\s*[:—–-]|^this (?:article|story) (?:has been|was) (?:updated|corrected|amended)/i;
const BYLINE_MAX_CHARS = 120;
// A byline line in the body ("By Jane Doe", "Par Hélène Müller"): the author's name plus a word or two.
const BYLINE_SLACK_CHARS = 12;

/** Why a body paragraph is not prose, or undefined when it is. */
function labelOf(text: string, byline: string | undefined): string | undefined {
  if (AD_SLOT.test(text)) return "ad slot";
  if (byline && text.includes(byline) && text.length <= byline.length + BYLINE_SLACK_CHARS)
    return "byline/dateline → metadata";
  if (text.length <= BYLINE_MAX_CHARS && (BYLINE_LINE.test(text) || DATELINE_LINE.test(text)))
    return "byline/dateline → metadata";
  if (NOTE_LINE.test(text)) return "editor's note → correction";
  return undefined;
}

/** Element classes and id as one string to match marks against. */
function marksOf(element: DomElement): string {
  return `${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`;
}

/** Text blocks of an element: its paragraphs, or its whole text when it has none. */
function blocksOf(element: DomElement): string[] {
  const paragraphs = [...element.querySelectorAll("p")].map((p) => collapse(p.textContent)).filter(Boolean);
  if (paragraphs.length > 0) return paragraphs;
  const text = collapse(element.textContent);
  return text ? [text] : [];
}

interface Marked {
  byline?: string;
  dek?: string;
  note?: string;
  dropped: DroppedBlock[];
}

/** Removes the blocks a page marks as bylines, standfirsts, ads, related links and editor's notes. */
function removeMarked(document: DomDocument): Marked {
  const marked: Marked = { dropped: [] };
  const removed = new Set<DomElement>();
  const inRemoved = (element: DomElement) => {
    for (let node: DomElement | null = element; node; node = node.parentElement)
      if (removed.has(node)) return true;
    return false;
  };
  for (const element of [...document.querySelectorAll("[class], [id]")]) {
    if (!element.parentElement || CONTAINERS.has(element.tagName.toUpperCase()) || inRemoved(element))
      continue;
    const marks = marksOf(element);
    const mark = MARKS.find(({ pattern }) => pattern.test(marks));
    if (!mark) continue;
    const text = collapse(element.textContent);
    if (text.length > MARKED_MAX_CHARS) continue;
    if (mark.kind === "byline" && !/\b(?:date|time|posted)/i.test(marks) && text && !marked.byline)
      marked.byline = text.replace(/^(?:by|par|von|por|di)\s+/i, "");
    if (mark.kind === "dek" && text && !marked.dek) marked.dek = text;
    if (mark.kind === "note" && text && !marked.note) marked.note = text;
    for (const block of blocksOf(element))
      marked.dropped.push({ text: block, reason: MARK_REASONS[mark.kind] });
    removed.add(element);
    element.remove();
  }
  return marked;
}

function bodyParagraphs(
  content: DomElement,
  byline: string | undefined,
  dropped: DroppedBlock[],
): { paragraphs: string[]; notes: string[] } {
  const paragraphs: string[] = [];
  const notes: string[] = [];
  for (const p of content.querySelectorAll("p")) {
    const text = collapse(p.textContent);
    if (text === "") continue;
    if (linkDensity(p, text.length) >= MAX_LINK_DENSITY) {
      dropped.push({ text, reason: "mostly links" });
      continue;
    }
    const label = labelOf(text, byline);
    if (label) {
      dropped.push({ text, reason: label });
      if (label.startsWith("editor")) notes.push(text);
      continue;
    }
    paragraphs.push(text);
  }
  return { paragraphs, notes };
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

/** A declared canonical URL, when it is on the fetched page's own site or one the caller allows. */
function ownCanonical(url: string | undefined, options: HtmlImportOptions): string | undefined {
  if (!url || !options.pageUrl) return url;
  const origin = new URL(url).origin;
  const allowed = [new URL(options.pageUrl).origin, ...(options.canonicalOrigins ?? [])];
  return allowed.includes(origin) ? url : undefined;
}

/** A percent-encoded path as text; a malformed escape (`%ff`) stays as written. */
function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** A stable id from the URL's path ("/news/2024/03/flood-barrier.html" → "news-2024-03-flood-barrier"). */
export function slugFromUrl(url: string): string | undefined {
  const path = new URL(url).pathname.replace(/\/index\.\w+$|\.(?:s?html?|php|aspx?|jsp)$/i, "");
  const slug = slugify(safeDecode(path), 150);
  return slug === "article" && !/article/i.test(path) ? undefined : slug;
}

function importError(code: ErrorCode, message: string): NewsdeskError {
  return new NewsdeskError(code, message);
}

/** Tuning of the HTML importer, in one place. */
const HTML_IMPORT_DEFAULTS = Object.freeze({
  /**
   * A page's dateModified marks a correction only when it is this much later than its publication:
   * CMSs stamp a modification time within minutes of publishing (a typo, a tag) on most articles.
   */
  correctedAfterMs: 15 * 60_000,
});

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
  /** The address the page was fetched from: resolves a relative canonical link, and stands in for a missing one. */
  pageUrl?: string;
  /** Publication date known from elsewhere (a feed, a sitemap), used when the page gives none. */
  published?: string;
  /** Modification date known from elsewhere (a feed's `updated`, WordPress `modified`). */
  modified?: string;
  /** When the page was fetched (ISO); dates an editor's note that gives no date of its own. */
  fetchedAt?: string;
  /** What the page may cost to parse; default PAGE_BUDGET. */
  budget?: PageBudget;
  /**
   * Origins (scheme, host, port) whose canonical URL this page may declare, besides its own
   * (`pageUrl`'s): a canonical link elsewhere is ignored, so a page cannot claim another site's article.
   * Without `pageUrl` any canonical URL counts (a saved page the operator imports by hand).
   */
  canonicalOrigins?: readonly string[];
}

/** An imported page: the article and what the importer kept and dropped to make it. */
export interface HtmlImport {
  article: Article;
  report: ImportReport;
}

/** The date of a correction: the page's modification time, else the day it was fetched. */
function correctionDate(
  published: string | undefined,
  modified: string | undefined,
  hasNote: boolean,
  fetchedAt: string | undefined,
): string | undefined {
  const changed = normalizeDate(modified);
  const first = normalizeDate(published);
  if (changed && first && dateTime(changed) - dateTime(first) > HTML_IMPORT_DEFAULTS.correctedAfterMs)
    return changed;
  if (!hasNote) return undefined;
  return changed ?? normalizeDate(fetchedAt?.slice(0, 10));
}

/**
 * Turns an article page into an Article and a report: metadata from what the page declares (JSON-LD,
 * `<meta>`, `<link rel=canonical>`), the body from Mozilla Readability's extraction over a linkedom
 * DOM, after structural cleaning (site chrome, figures and captions, side boxes, dialogs, widgets
 * built around controls, and blocks the page marks as bylines, standfirsts, ads, related links or
 * editor's notes). Paragraphs are the extracted `<p>` elements' text, verbatim but for HTML's
 * whitespace folding; link-dense paragraphs ("Read more: …"), ad slots, byline and dateline lines
 * are dropped. Bylines and standfirsts become `byline` and `dek`; an editor's note, or a
 * modification well after publication, makes `corrected`.
 */
export function importHtmlPage(html: string, options: HtmlImportOptions): HtmlImport {
  const budget = options.budget ?? PAGE_BUDGET;
  checkPageBudget(html, budget, options.source);
  const { document } = parseHTML(html) as unknown as { document: DomDocument };
  const page = readPage(document);
  // Readability scores any page; a page that neither declares an article nor has article-length
  // prose (a section front, a search page, an error page) must not be imported as one.
  // `minScore: 0` asks for one paragraph of article length (Readability's 140 characters): the
  // default score needs several, which short briefs do not have.
  if (!page.meta.declaresArticle && !isProbablyReaderable(document as never, { minScore: 0 })) {
    throw importError(
      "import_no_article",
      `${options.source}: no article found — the page has no article metadata and no article-length text.`,
    );
  }
  const extracted = new Readability<DomElement>(document as never, {
    maxElemsToParse: budget.maxElements,
    serializer: (node) => node as unknown as DomElement,
  }).parse();
  const byline =
    page.meta.byline ??
    page.marked.byline ??
    (collapse(extracted?.byline).replace(/^by\s+/i, "") || undefined);
  const dropped = [...page.marked.dropped];
  const body = extracted?.content
    ? bodyParagraphs(extracted.content, byline, dropped)
    : { paragraphs: [], notes: [] };
  if (body.paragraphs.length === 0) {
    throw importError("import_no_article", `${options.source}: no article found — no body paragraphs.`);
  }
  accountForBlocks(page, body.paragraphs, dropped);
  const article = articleOf(page, extracted, { byline, ...body }, options);
  const check = articleMetaSchema.safeParse(toMeta(article));
  if (!check.success) {
    const { field, problem } = describeIssue(check.error, toMeta(article));
    throw importError("import_invalid_field", `${options.source}: field "${field}" ${problem}.`);
  }
  const warnings = reportWarnings(
    body.paragraphs,
    dropped,
    (block) => block.reason === "not in the extracted body",
  );
  return { article, report: { kept: body.paragraphs.length, dropped, warnings } };
}

/** What the page says before Readability reads it, and the blocks cleaning removed (and why). */
interface PageReading {
  meta: ReturnType<typeof readPageMetadata>;
  firstHeading: string | undefined;
  /** Every `<p>` of the page, collapsed: each is kept or reported dropped. */
  allBlocks: string[];
  marked: ReturnType<typeof removeMarked>;
  /** Blocks inside site chrome or widgets built around controls. */
  furniture: Set<string>;
}

/** Reads the page's metadata and cleans its structure (marked blocks, chrome, widgets) in place. */
function readPage(document: DomDocument): PageReading {
  const meta = readPageMetadata(document);
  const firstHeading = collapse(document.querySelector("h1")?.textContent) || undefined;
  // <br> separates lines visually; textContent would glue the words together.
  for (const br of [...document.querySelectorAll("br")]) br.replaceWith(document.createTextNode(" "));
  const allBlocks = [...document.querySelectorAll("p")].map((p) => collapse(p.textContent)).filter(Boolean);
  const marked = removeMarked(document);
  const furniture = new Set<string>();
  for (const element of document.querySelectorAll(`${FURNITURE}, ${CONTROLS}`))
    for (const block of blocksOf(element)) furniture.add(block);
  removeWidgets(document);
  return { meta, firstHeading, allBlocks, marked, furniture };
}

/** Every block of the page neither kept nor already reported goes into `dropped`, with its reason. */
function accountForBlocks(page: PageReading, paragraphs: string[], dropped: DroppedBlock[]): void {
  const kept = new Set(paragraphs);
  const accounted = new Set(dropped.map((block) => block.text));
  for (const text of page.allBlocks) {
    if (kept.has(text) || accounted.has(text)) continue;
    accounted.add(text);
    dropped.push({ text, reason: page.furniture.has(text) ? "page furniture" : "not in the extracted body" });
  }
}

/** The article's fields, from the page's declarations first, Readability's next, the options last. */
function articleOf(
  page: PageReading,
  extracted: { title?: string | null; siteName?: string | null; publishedTime?: string | null } | null,
  body: { byline: string | undefined; paragraphs: string[]; notes: string[] },
  options: HtmlImportOptions,
): Article {
  const { meta, marked } = page;
  const { paragraphs, byline } = body;
  const title = meta.headline ?? page.firstHeading ?? collapse(extracted?.title);
  if (!title) throw importError("import_no_headline", `${options.source}: no headline found.`);
  const publication = meta.publication ?? (collapse(extracted?.siteName) || options.publication);
  if (!publication) {
    throw importError(
      "import_no_publication",
      `${options.source}: the page does not name its publication (og:site_name or JSON-LD publisher); pass --publication NAME.`,
    );
  }
  const url =
    absoluteHttpUrl(options.url) ??
    ownCanonical(absoluteHttpUrl(meta.url, options.pageUrl ?? options.url), options) ??
    absoluteHttpUrl(options.pageUrl);
  const published =
    normalizeDate(meta.published ?? extracted?.publishedTime) ?? normalizeDate(options.published);
  // A description that merely repeats the first paragraph would count its words twice in ranking.
  const description = meta.description?.replace(/(?:…|\.\.\.)$/, "");
  const dek =
    marked.dek ?? (description && !paragraphs[0]!.startsWith(description) ? meta.description : undefined);
  const note = marked.note ?? body.notes[0];
  const corrected = correctionDate(
    published,
    meta.modified ?? options.modified,
    Boolean(note),
    options.fetchedAt,
  );
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
  if (corrected) article.corrected = corrected;
  if (note) article.correction = note;
  return article;
}
