/**
 * What an import kept and what it dropped, so that nobody has to trust the importer blindly: counts
 * for everyone, the first words of each dropped block with `--verbose`, and warnings where a guess
 * may have gone wrong (prose dropped, a suspicious block kept).
 */
export interface DroppedBlock {
  /** The block's text as it stood on the page. */
  text: string;
  /** Why it is not a paragraph, in a few words ("page furniture", "byline → metadata"). */
  reason: string;
}

export interface ImportReport {
  /** Paragraphs kept as the article's body. */
  kept: number;
  dropped: DroppedBlock[];
  /** One sentence each: a dropped block that reads like prose, a kept block that does not. */
  warnings: string[];
}

const SENTENCE_END = /[.!?…]["'”’)\]]?$/;

// Blocks a site puts between paragraphs that are not the article's prose.
const SUSPICIOUS =
  /^(?:advertisement|advertising|sponsored(?: content)?|read more\b|related\b|share (?:this|on)\b|sign up\b|subscribe\b|follow us\b|click here\b|watch:|listen:|more from\b)/i;

/** The first words of a block, for reports: at most `words` words, with an ellipsis when cut. */
export function firstWords(text: string, words = 8): string {
  const all = text.trim().split(/\s+/);
  return all.length <= words ? all.join(" ") : `${all.slice(0, words).join(" ")} …`;
}

/** Reads like a sentence of prose: a dozen words or more, ending as sentences end. */
function isProseLike(text: string): boolean {
  return text.trim().split(/\s+/).length >= 12 && SENTENCE_END.test(text.trim());
}

/** A kept paragraph that looks like page furniture rather than prose. */
function isSuspicious(text: string): boolean {
  const trimmed = text.trim();
  if (SUSPICIOUS.test(trimmed)) return true;
  // SHOUTED labels ("WATCH THE VIDEO") and short fragments without a sentence's end.
  if (/\p{L}/u.test(trimmed) && trimmed === trimmed.toUpperCase() && trimmed.length < 60) return true;
  return trimmed.split(/\s+/).length < 4 && !SENTENCE_END.test(trimmed);
}

/** The report's warnings for a body and the blocks dropped around it (`quiet`: reasons never warned on). */
export function reportWarnings(
  paragraphs: readonly string[],
  dropped: readonly DroppedBlock[],
  warnOn: (block: DroppedBlock) => boolean,
): string[] {
  const warnings: string[] = [];
  for (const block of dropped) {
    if (warnOn(block) && isProseLike(block.text)) {
      warnings.push(`dropped prose-like text (${block.reason}): "${firstWords(block.text)}"`);
    }
  }
  paragraphs.forEach((paragraph, i) => {
    if (isSuspicious(paragraph))
      warnings.push(`kept a suspicious block as ¶${i + 1}: "${firstWords(paragraph)}"`);
  });
  return warnings;
}

/** "7 paragraphs kept, 12 blocks dropped" — the line every import prints. */
export function describeReport(report: ImportReport): string {
  const p = report.kept === 1 ? "paragraph" : "paragraphs";
  const b = report.dropped.length === 1 ? "block" : "blocks";
  return `${report.kept} ${p} kept, ${report.dropped.length} ${b} dropped`;
}
