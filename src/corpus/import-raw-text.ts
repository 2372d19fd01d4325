import { NewsdeskError } from "../errors.js";
import { slugify } from "./slugify.js";
import { splitBlocks } from "./split-paragraphs.js";
import type { Article } from "./types.js";

/** What the caller knows about a raw scrape that the page text itself does not say. */
export interface RawTextImportOptions {
  /** Publication name (required: a text scrape rarely names its own site reliably). */
  publication: string;
  /** Article id; default: a slug of the headline. */
  id?: string;
  /** Canonical URL, when known. Absent by default: nothing is invented. */
  url?: string;
  /** Where the text came from, for error messages. */
  source: string;
}

const CREDIT = /^(?:credit|photo|image|photograph|picture)(?: credit)?\s*:\s*(.+)$/i;
// "Crossroads Asia | Politics | Central Asia": short labels joined by pipes.
const SECTION = /^[^|\n]{2,40}(?:\s+\|\s+[^|\n]{2,40})+$/;
const SENTENCE_END = /[.!?…"'”’)\]]$/;

function isProse(block: string): boolean {
  // Body paragraphs of a scrape are single long lines of sentences; navigation, promos and
  // captions are short lines without closing punctuation or several short lines stacked.
  const lines = block.split("\n");
  if (lines.length > 1 && lines.every((line) => line.length < 80)) return false;
  const text = lines.join(" ").trim();
  return text.length >= 40 && SENTENCE_END.test(text);
}

/**
 * Turns a raw text scrape of an article page (blocks separated by blank lines) into an Article.
 *
 * The page structure it relies on is the usual one: navigation, then a header (headline — often
 * repeated —, section line, dek, image with credit), then the body, then promos. The headline is
 * the longest line that the page repeats; the header ends at the image credit (or the last repeat
 * of the headline); the body is the prose that follows, up to the first non-prose block after it.
 * Body text is kept exactly as scraped.
 */
export function importRawText(text: string, options: RawTextImportOptions): Article {
  // Blocks keep their line breaks: several short lines stacked is how promos and captions look.
  const blocks = splitBlocks(text).map((lines) => lines.join("\n"));

  const counts = new Map<string, number>();
  for (const block of blocks)
    for (const line of block.split("\n")) counts.set(line, (counts.get(line) ?? 0) + 1);
  const headline = [...counts.entries()]
    .filter(([line, n]) => n >= 2 && line.length >= 20 && !SENTENCE_END.test(line))
    .sort((a, b) => b[0].length - a[0].length)[0]?.[0];
  if (!headline) {
    throw new NewsdeskError(
      "import_no_headline",
      `${options.source}: no headline found (a raw scrape repeats its headline at least twice).`,
    );
  }

  let headerEnd = -1;
  let section: string | undefined;
  let imageCredit: string | undefined;
  let dek: string | undefined;
  blocks.forEach((block, i) => {
    const lines = block.split("\n");
    if (lines.includes(headline)) headerEnd = Math.max(headerEnd, i);
    for (const line of lines) {
      const credit = CREDIT.exec(line);
      if (credit && imageCredit === undefined) {
        imageCredit = credit[1]!.trim();
        headerEnd = Math.max(headerEnd, i);
      }
    }
    if (section === undefined && lines.length === 1 && SECTION.test(block)) section = block;
  });
  // The dek is the prose block between the second-to-last headline and the credit: the one header
  // block that is a sentence but is not the body.
  const headerBlocks = blocks.slice(0, headerEnd + 1);
  for (const block of headerBlocks) {
    if (!block.includes("\n") && block !== headline && block !== section && /[.!?…]$/.test(block))
      dek = block;
  }

  const paragraphs: string[] = [];
  for (const block of blocks.slice(headerEnd + 1)) {
    if (!isProse(block)) {
      if (paragraphs.length > 0) break;
      continue;
    }
    paragraphs.push(block.replace(/\n/g, " "));
  }
  if (paragraphs.length === 0) {
    throw new NewsdeskError("import_no_body", `${options.source}: no article body found after the headline.`);
  }

  const article: Article = {
    id: options.id ?? slugify(headline),
    title: headline,
    publication: options.publication,
    paragraphs,
    source: options.source,
  };
  if (options.url) article.url = options.url;
  if (section) article.section = section;
  if (dek) article.dek = dek;
  if (imageCredit) article.imageCredit = imageCredit;
  return article;
}
