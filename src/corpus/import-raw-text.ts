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
  const headline = repeatedHeadline(blocks);
  if (!headline) {
    throw new NewsdeskError(
      "import_no_headline",
      `${options.source}: no headline found (a raw scrape repeats its headline at least twice).`,
    );
  }
  const header = readHeader(blocks, headline);
  const { paragraphs, dropped } = splitBody(blocks, header);
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
  if (header.section) article.section = header.section;
  if (header.dek) article.dek = header.dek;
  if (header.imageCredit) article.imageCredit = header.imageCredit;
  if (header.byline) article.byline = header.byline;
  const warnings = reportWarnings(paragraphs, dropped, (block) => block.reason === "after the body");
  return { article, report: { kept: paragraphs.length, dropped, warnings } };
}

/** The headline: the longest line of 20+ characters, not a sentence, that the page repeats. */
function repeatedHeadline(blocks: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const block of blocks)
    for (const line of block.split("\n")) counts.set(line, (counts.get(line) ?? 0) + 1);
  return [...counts.entries()]
    .filter(([line, n]) => n >= 2 && line.length >= 20 && !SENTENCE_END.test(line))
    .sort((a, b) => b[0].length - a[0].length)[0]?.[0];
}

/** What the header holds, and the index of its last block. */
interface RawHeader {
  headline: string;
  headerEnd: number;
  section?: string | undefined;
  imageCredit?: string | undefined;
  dek?: string | undefined;
  byline?: string | undefined;
  /** The block the byline came from (reported as metadata). */
  bylineBlock?: string | undefined;
}

/** The header ends at the image credit or the last repeat of the headline, whichever is later. */
function readHeader(blocks: string[], headline: string): RawHeader {
  const header: RawHeader = { headline, headerEnd: -1 };
  blocks.forEach((block, i) => {
    const lines = block.split("\n");
    if (lines.includes(headline)) header.headerEnd = Math.max(header.headerEnd, i);
    for (const line of lines) {
      const credit = CREDIT.exec(line);
      if (credit && header.imageCredit === undefined) {
        header.imageCredit = credit[1]!.trim();
        header.headerEnd = Math.max(header.headerEnd, i);
      }
    }
    if (header.section === undefined && lines.length === 1 && SECTION.test(block)) header.section = block;
  });
  const firstProse = blocks.findIndex((block, i) => i > header.headerEnd && isProse(block));
  for (const block of blocks.slice(0, firstProse === -1 ? blocks.length : firstProse)) {
    if (header.byline === undefined && !block.includes("\n") && BYLINE_LINE.test(block)) {
      header.bylineBlock = block;
      header.byline = block.replace(/^\S+\s+/, "");
    }
  }
  // The dek is the prose block between the second-to-last headline and the credit: the one header
  // block that is a sentence but is not the body.
  for (const block of blocks.slice(0, header.headerEnd + 1)) {
    if (!block.includes("\n") && block !== headline && block !== header.section && /[.!?…]$/.test(block))
      header.dek = block;
  }
  return header;
}

/** The body is the prose after the header up to the first block that is not; the rest is reported. */
function splitBody(blocks: string[], header: RawHeader): { paragraphs: string[]; dropped: DroppedBlock[] } {
  const paragraphs: string[] = [];
  const dropped: DroppedBlock[] = [];
  const metadata = new Map<string, string>([
    [header.headline, "headline"],
    ...(header.section ? ([[header.section, "section → metadata"]] as const) : []),
    ...(header.dek ? ([[header.dek, "standfirst → dek"]] as const) : []),
    ...(header.bylineBlock ? ([[header.bylineBlock, "byline → metadata"]] as const) : []),
  ]);
  let ended = false;
  for (const [i, block] of blocks.entries()) {
    if (i > header.headerEnd && !ended && (isProse(block) || (paragraphs.length > 0 && isQuote(block)))) {
      paragraphs.push(block.replace(/\n/g, " "));
      continue;
    }
    if (paragraphs.length > 0) ended = true;
    const where = ended ? "after the body" : "before the body";
    dropped.push({
      text: block,
      reason: metadata.get(block) ?? (CREDIT.test(block) ? "image credit → metadata" : where),
    });
  }
  return { paragraphs, dropped };
}
