import { NewsdeskError } from "../errors.js";

/**
 * What one HTML page may cost the importer. Readability's work grows about with the cube of nesting
 * depth (2,000 nested `<div>`s: 39 s; 10,000: a stack overflow) and linkedom's with its square, so
 * both are checked on the raw markup, in one linear pass, before any DOM is built.
 */
export interface PageBudget {
  /** Most elements (start tags) in one page; also Readability's `maxElemsToParse`. */
  maxElements: number;
  /** Deepest nesting of elements that need an end tag. */
  maxDepth: number;
}

/**
 * Far above real news pages (a heavy CMS page: about 5,000 elements, 40 levels deep) and far below
 * where parsing gets slow: measured, one chain 128 deep takes Readability about 1 s, 256 deep 6 s, 1,000 deep 132 s.
 */
export const PAGE_BUDGET: Readonly<PageBudget> = Object.freeze({ maxElements: 50_000, maxDepth: 128 });

// Elements with no end tag, or whose end tag may be left out: they never deepen the count.
const FLAT = new Set(
  (
    "area base br col embed hr img input link meta param source track wbr " +
    "p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rb rt rp html head body"
  ).split(" "),
);
// Their content is text, not markup.
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "noscript", "template"]);

const TAG = /<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>|<!--[\s\S]*?(?:-->|$)/g;

/** Elements and the deepest nesting of a page's markup, approximately as a parser would build them. */
export function measureMarkup(html: string): { elements: number; depth: number } {
  let elements = 0;
  let depth = 0;
  let deepest = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match; match = TAG.exec(html)) {
    const name = match[2]?.toLowerCase();
    if (!name) continue;
    if (match[1]) {
      if (!FLAT.has(name) && depth > 0) depth--;
      continue;
    }
    elements++;
    if (RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}`, "gi");
      close.lastIndex = TAG.lastIndex;
      TAG.lastIndex = close.exec(html)?.index ?? html.length;
      continue;
    }
    if (match[3] || FLAT.has(name)) continue;
    depth++;
    if (depth > deepest) deepest = depth;
  }
  return { elements, depth: deepest };
}

/** Throws `import_page_too_complex` naming the page and the limit when its markup is over budget. */
export function checkPageBudget(html: string, budget: PageBudget, source: string): void {
  const { elements, depth } = measureMarkup(html);
  if (elements > budget.maxElements) {
    throw new NewsdeskError(
      "import_page_too_complex",
      `${source}: the page has ${elements.toLocaleString("en-US")} elements, more than the limit of ${budget.maxElements.toLocaleString("en-US")}; it is not read.`,
    );
  }
  if (depth > budget.maxDepth) {
    throw new NewsdeskError(
      "import_page_too_complex",
      `${source}: the page nests elements ${depth.toLocaleString("en-US")} deep, more than the limit of ${budget.maxDepth}; it is not read.`,
    );
  }
}
