import { formatDay, formatInstant } from "../corpus/index.js";
import type { IndexStatus } from "./index-status.js";

// "2026-11-25T23:10:04.123Z" → "25 Nov 2026, 23:10 UTC": people read it as citations write dates; the
// ISO form stays in /healthz.
const when = formatInstant;

function where(issue: IndexStatus["errors"][number]): string {
  return issue.line ? `${issue.file}:${issue.line}` : issue.file;
}

const count = (n: number, one: string, many: string) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/**
 * The status as plain text (for the shell's `\status` and `/ask status`; Slack escapes it): index
 * size and age, the newest article, the latest reload and any corpus errors. Pure.
 */
export function renderStatusText(status: IndexStatus): string {
  const lines = [
    `Index: ${count(status.articles, "article", "articles")}, ${count(status.paragraphs, "paragraph", "paragraphs")}, built ${when(status.builtAt)}.`,
    `Newest article: ${status.newestArticle ? formatDay(status.newestArticle) : "no article gives a publication date"}.`,
  ];
  if (status.reloading)
    lines.push("Reloading: a rebuild is running; answers come from the index above until it completes.");
  if (status.lastReloadAt) {
    lines.push(
      status.lastReloadOk
        ? `Last reload: ${when(status.lastReloadAt)}.`
        : `Last reload: ${when(status.lastReloadAt)} — failed; still answering from the index built ${when(status.builtAt)}.`,
    );
  }
  if (status.errors.length === 0) {
    lines.push("Corpus errors: none.");
  } else {
    lines.push(
      status.lastReloadOk === false
        ? `Corpus errors (${status.errors.length}) — fix these and the index reloads by itself:`
        : `Files set aside (${status.errors.length}), the rest answered from — fix these and they are read again by themselves:`,
    );
    // The loader's messages usually start with their own location already.
    for (const issue of status.errors) {
      lines.push(
        issue.file && issue.message.startsWith(issue.file)
          ? `• ${issue.message}`
          : `• ${where(issue)}: ${issue.message}`,
      );
    }
  }
  return lines.join("\n");
}
