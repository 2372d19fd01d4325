import { displayText, formatDay, quotedText } from "../corpus/index.js";
import { filtersText } from "./filters-text.js";
import {
  BAD_FILTER_SENTENCE,
  correctedText,
  correctionSentence,
  followUpSentence,
  HIGH_CONFIDENCE_MARKER,
  LOW_CONFIDENCE_SENTENCE,
  undatedLeftOutSentence,
  undatedSentence,
} from "./notes.js";
import { renderTimelineText } from "./render-timeline-text.js";
import type { Answer, Passage } from "./types.js";

/** Options of `renderAnswerText`. */
export interface RenderTextOptions {
  /** Use ANSI bold for matched words (a terminal); otherwise `**word**`. Default false. */
  ansi?: boolean;
  /** Width to wrap excerpts at; 0 disables wrapping. Default 0. */
  width?: number;
  /** Line to print when more passages exist (e.g. how to see them). Default: none. */
  moreHint?: string;
}

const BOLD = "\u001b[1m";
const DIM = "\u001b[2m";
const RESET = "\u001b[0m";

// Article and question text may carry terminal escape sequences or other control characters;
// printed raw they could rewrite the operator's terminal, so they are shown as spaces; direction
// overrides are removed (quotedText). Citations lose direction and zero-width characters too.
function clean(text: string): string {
  return quotedText(text).replace(/\r/g, " ");
}

function cleanName(text: string): string {
  return displayText(text).replace(/[\n\r\t]/g, " ");
}

function wrap(text: string, width: number, indent: string): string {
  if (width <= 0) return indent + text;
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    // ANSI codes take no room on screen.
    const visible = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, "").length;
    if (line && visible(line) + 1 + visible(word) > width - indent.length) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines.join("\n");
}

/** The citation line of a passage: headline · publication · date · ¶n · Corrected date · link. */
function citationText(passage: Passage): string {
  const parts = [cleanName(passage.articleTitle), cleanName(passage.publication)];
  if (passage.published) parts.push(clean(formatDay(passage.published)));
  parts.push(`¶${passage.paragraph}`);
  if (passage.corrected) parts.push(clean(correctedText(formatDay(passage.corrected), passage.correction)));
  if (passage.url) parts.push(passage.url);
  return parts.join(" · ");
}

/**
 * Renders an answer for a terminal or a plain-text log: the question restated, then per passage the
 * excerpt (matched words bold) and its citation. It says the same as the Slack reply.
 */
export function renderAnswerText(answer: Answer, options: RenderTextOptions = {}): string {
  const ansi = options.ansi ?? false;
  const width = options.width ?? 0;
  if (answer.timeline) {
    const text = renderTimelineText(answer, clean, (t) => (ansi ? `${BOLD}${t}${RESET}` : `**${t}**`));
    return answer.hasMore && options.moreHint
      ? `${text}

${options.moreHint}`
      : text;
  }
  const out: string[] = [`Q: ${clean(answer.question)}`];
  if (answer.truncated) {
    out.push(
      `(Your question was ${answer.truncated.originalLength} characters; only the first ${answer.truncated.limit} were used.)`,
    );
  }
  const reading = followUpSentence(answer.followUp, answer.question, (t) => `*${t}*`);
  if (reading) out.push(`(${clean(reading)})`);
  if (answer.filters) out.push(`(${clean(filtersText(answer.filters))})`);
  if (answer.corrections && answer.corrections.length > 0) {
    out.push(`(${clean(correctionSentence(answer.corrections, (w) => w))}.)`);
  }
  if (answer.undatedLeftOut) out.push(`(${undatedLeftOutSentence(answer.undatedLeftOut)}.)`);
  if (!answer.found || answer.passages.length === 0) {
    out.push("", answer.badFilter ? BAD_FILTER_SENTENCE : "No passage in the corpus answers that.");
    if (answer.hint) out.push(clean(answer.hint));
    return out.join("\n");
  }
  if (answer.undated) out.push("", `(${clean(undatedSentence(answer.timePhrases ?? [], true))}.)`);
  if (answer.confidence === "low") out.push("", `${LOW_CONFIDENCE_SENTENCE}:`);
  for (const passage of answer.passages) {
    const excerpt = passage.excerptSpans
      .map((span) => {
        const text = clean(span.text);
        if (!span.match) return text;
        return ansi ? `${BOLD}${text}${RESET}` : `**${text}**`;
      })
      .join("");
    // The first passage of a high answer is marked (a later page's first is not the best match).
    const marker = answer.confidence === "high" && passage.rank === 1 ? `${HIGH_CONFIDENCE_MARKER} · ` : "";
    const citation = `[${passage.rank}] ${marker}${citationText(passage)}`;
    const cited = wrap(citation, width, "  ");
    out.push("", wrap(excerpt, width, "  "), ansi ? `${DIM}${cited}${RESET}` : cited);
  }
  if (answer.hasMore && options.moreHint) out.push("", options.moreHint);
  return out.join("\n");
}
