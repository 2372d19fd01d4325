import { formatDay } from "../corpus/index.js";
import { filtersText } from "./filters-text.js";
import { BAD_FILTER_SENTENCE, correctedText } from "./notes.js";
import type { Answer, Timeline, TimelineEntry } from "./types.js";

/** How a timeline's page is counted: "12 articles cover it, oldest first (1–12 of 12)". */
export function timelineCount(timeline: Timeline): string {
  const { total, offset, entries, undated } = timeline;
  const articles = total === 1 ? "1 article covers it" : `${total} articles cover it`;
  const undatedNote = undated > 0 ? `; ${undated} without a date at the end` : "";
  return `${articles}, oldest first${undatedNote} (${offset + 1}–${offset + entries.length} of ${total})`;
}

/** "(+2 updates that day)" for a line that folds the outlet's same-day updates. */
export function updatesNote(entry: TimelineEntry): string {
  if (entry.updates === 0) return "";
  return entry.updates === 1 ? "+1 update that day" : `+${entry.updates} updates that day`;
}

/** The sentence for a timeline with no lines. */
export function emptyTimelineSentence(answer: Answer): string {
  if (answer.badFilter) return BAD_FILTER_SENTENCE;
  return answer.timeline?.noStory ? "No one story." : "No story found for those words.";
}

/**
 * A timeline as plain text (the shell, `npm run ask -- --timeline`): per line the date, headline,
 * publication, ¶ and link, then the best-matching passage. `clean` strips control characters,
 * `mark` shows a matched word.
 */
export function renderTimelineText(
  answer: Answer,
  clean: (text: string) => string,
  mark: (text: string) => string,
): string {
  const timeline = answer.timeline!;
  const out: string[] = [`Timeline: ${clean(answer.question)}`];
  if (answer.filters) out.push(`(${clean(filtersText(answer.filters))})`);
  if (!answer.found || timeline.entries.length === 0) {
    out.push("", emptyTimelineSentence(answer));
    if (answer.hint) out.push(clean(answer.hint));
    return out.join("\n");
  }
  out.push(`${timelineCount(timeline)}:`);
  let undatedHeaded = false;
  for (const entry of timeline.entries) {
    if (!entry.published && !undatedHeaded) {
      out.push("", "Without a date:");
      undatedHeaded = true;
    }
    const parts = [
      entry.published ? formatDay(entry.published) : "undated",
      clean(entry.articleTitle),
      clean(entry.publication),
      `¶${entry.paragraph}`,
    ];
    if (entry.corrected) parts.push(clean(correctedText(formatDay(entry.corrected), entry.correction)));
    const updates = updatesNote(entry);
    if (updates) parts.push(updates);
    if (entry.url) parts.push(clean(entry.url));
    const excerpt = entry.excerptSpans.map((s) => (s.match ? mark(clean(s.text)) : clean(s.text))).join("");
    out.push("", parts.join(" · "), `  ${excerpt}`);
  }
  return out.join("\n");
}
