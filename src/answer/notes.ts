import type { Correction, FollowUpReading } from "./types.js";

/** Said above passages found with low confidence, on every surface. */
export const LOW_CONFIDENCE_SENTENCE = "Closest passages — they may not answer your question";

/**
 * Said before the first citation of an answer found with high confidence, on every surface: the short
 * marker a reader learns to trust (high means right first at least 8 times in 10 on every shared set).
 */
export const HIGH_CONFIDENCE_MARKER = "Best match";

/**
 * The sentence that says a word of the question was read as another ("Showing results for Atlanta —
 * no article mentions Atlantis"), with `mark` wrapping each word (bold in Slack, as is in plain text).
 */
export function correctionSentence(
  corrections: readonly Correction[],
  mark: (word: string) => string,
): string {
  const to = corrections.map((c) => mark(c.to)).join(", ");
  const from = corrections.map((c) => mark(c.from)).join(" or ");
  return `Showing results for ${to} — no article mentions ${from}`;
}

function quoted(phrases: readonly string[]): string {
  return phrases.map((p) => `“${p}”`).join(" and ") || "the time asked about";
}

/**
 * Said when a question's time words meet articles without a date: `found` above passages answered low
 * (the first has no date), otherwise as the not-found hint (nothing dated matches).
 */
export function undatedSentence(phrases: readonly string[], found: boolean): string {
  return found
    ? `The first passages have no date, so they cannot say what happened ${quoted(phrases)}`
    : `No dated article matches; an article without a date cannot say what happened ${quoted(phrases)}.`;
}

/**
 * The sentence that shows how a follow-up was read with its thread ("Reading this as: *Priya Nair* —
 * who did she replace?"), or that the thread could not be read and the question was answered alone;
 * undefined when the question stood on its own. `mark` wraps what was carried, `plain` makes text safe.
 */
export function followUpSentence(
  reading: FollowUpReading | undefined,
  question: string,
  mark: (text: string) => string,
  plain: (text: string) => string = (t) => t,
): string | undefined {
  if (!reading) return undefined;
  if (reading.unread) return plain(reading.unread);
  if (!reading.readAs)
    return reading.filtersCarried ? `Reading this with the thread's filters — ${plain(question)}` : undefined;
  const filters = reading.filtersCarried ? " (with the thread's filters)" : "";
  return `Reading this as: ${mark(reading.readAs)} — ${plain(question)}${filters}`;
}

/** Said when a date filter or a chosen day of asking left out matching articles that have no date. */
export function undatedLeftOutSentence(count: number): string {
  const articles = count === 1 ? "1 matching article has" : `${count} matching articles have`;
  return `${articles} no date and ${count === 1 ? "was" : "were"} left out: nothing says when ${count === 1 ? "it was" : "they were"} published`;
}

/** The head of an answer whose filter cannot be used (an unreadable date, a range with no days). */
export const BAD_FILTER_SENTENCE = "A filter in your question cannot be used.";

/** "Corrected 7 Dec 2026" and, when the article says what was corrected, ": the note". */
export function correctedText(day: string, note: string | undefined): string {
  return note ? `Corrected ${day}: ${note}` : `Corrected ${day}`;
}
