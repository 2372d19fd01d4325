import { NewsdeskError } from "../errors.js";
import { type DroppedBlock, type ImportReport, reportWarnings } from "./import-report.js";
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

// A line long enough to be a body paragraph; a block holding one beside short lines is a scrape that
// separates its lines with single line breaks, and is read line by line.
const PROSE_LINE_CHARS = 80;
const OPENING_QUOTE = /^["“‘'«]/;
const BYLINE_LINE = /^(?:[Bb]y|[Pp]ar|[Vv]on|[Pp]or|[Dd]i)\s+\p{Lu}[\p{L}.'’ -]+$/u;

/** The blocks of a scrape, a block whose lines mix prose with short header or promo lines split up. */
function blocksOf(text: string): string[] {
  return splitBlocks(text).flatMap((lines) =>
    lines.length > 1 && lines.some((line) => line.length >= PROSE_LINE_CHARS && SENTENCE_END.test(line))
      ? lines
      : [lines.join("\n")],
  );
}

/** A short quoted sentence that closes the body (“We will rebuild.”): prose, though short. */
function isQuote(block: string): boolean {
  return !block.includes("\n") && OPENING_QUOTE.test(block) && /[.!?…]["'”’»]?$/.test(block);
}

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
 * Body text is kept exactly as scraped. The report says what it kept and dropped.
 */
export function importRawTextWithReport(
  text: string,
  options: RawTextImportOptions,
): { article: Article; report: ImportReport } {
  // Blocks keep their line breaks: several short lines stacked is how promos and captions look.
  const blocks = blocksOf(text);

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
  let byline: string | undefined;
  let bylineBlock: string | undefined;
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
  const firstProse = blocks.findIndex((block, i) => i > headerEnd && isProse(block));
  for (const block of blocks.slice(0, firstProse === -1 ? blocks.length : firstProse)) {
    if (byline === undefined && !block.includes("\n") && BYLINE_LINE.test(block)) {
      bylineBlock = block;
      byline = block.replace(/^\S+\s+/, "");
    }
  }
  // The dek is the prose block between the second-to-last headline and the credit: the one header
  // block that is a sentence but is not the body.
  const headerBlocks = blocks.slice(0, headerEnd + 1);
  for (const block of headerBlocks) {
    if (!block.includes("\n") && block !== headline && block !== section && /[.!?…]$/.test(block))
      dek = block;
  }

  const paragraphs: string[] = [];
  const dropped: DroppedBlock[] = [];
  const metadata = new Map<string, string>([
    [headline, "headline"],
    ...(section ? ([[section, "section → metadata"]] as const) : []),
    ...(dek ? ([[dek, "standfirst → dek"]] as const) : []),
    ...(bylineBlock ? ([[bylineBlock, "byline → metadata"]] as const) : []),
  ]);
  const dropBlock = (block: string, where: string) =>
    dropped.push({
      text: block,
      reason: metadata.get(block) ?? (CREDIT.test(block) ? "image credit → metadata" : where),
    });
  let ended = false;
  for (const [i, block] of blocks.entries()) {
    if (i > headerEnd && !ended && (isProse(block) || (paragraphs.length > 0 && isQuote(block)))) {
      paragraphs.push(block.replace(/\n/g, " "));
      continue;
    }
    if (paragraphs.length > 0) ended = true;
    dropBlock(block, ended ? "after the body" : "before the body");
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
  if (byline) article.byline = byline;
  const warnings = reportWarnings(paragraphs, dropped, (block) => block.reason === "after the body");
  return { article, report: { kept: paragraphs.length, dropped, warnings } };
}
