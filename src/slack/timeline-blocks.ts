/**
 * A story's timeline (Answer with `timeline`) → Slack message. Pure. One section per line (date, linked
 * headline, publication, ¶, the best-matching passage), at most TIMELINE_PAGE lines: with the head,
 * the count, the undated heading and the buttons that stays far below Block Kit's 50 blocks, and every
 * section is budgeted below its 3,000 characters before escaping.
 */
import type { types } from "@slack/bolt";
import type { Answer, TimelineEntry } from "../answer/index.js";
import {
  correctedText,
  emptyTimelineSentence,
  filtersText,
  TIMELINE_PAGE,
  timelineCount,
  updatesNote,
} from "../answer/index.js";
import { formatDay } from "../corpus/index.js";
import { encodePageValue, type PageValue, quoteQuestion } from "./action-values.js";
import { ACTION_IDS, QUESTION_DISPLAY_CHARS, type RenderOptions, type SlackReply } from "./answer-blocks.js";
import { button, context, safeUrl, section } from "./block-kit.js";
import { bold, escapeMrkdwn, literal, shorten, wellFormed } from "./mrkdwn.js";

type KnownBlock = types.KnownBlock;

/** Source characters of a line's passage (escaping at most doubles them)… */
const EXCERPT_SOURCE_CHARS = 400;
/** …and of its headline, publication and correction note. */
const TITLE_CHARS = 200;
const PUBLICATION_CHARS = 100;
const NOTE_CHARS = 200;
/** The fallback text stops here, as an answer's does. */
const FALLBACK_TEXT_CHARS = 3900;

export function renderTimeline(answer: Answer, options: RenderOptions = {}): SlackReply {
  const timeline = answer.timeline!;
  const entries = answer.found ? timeline.entries.slice(0, TIMELINE_PAGE) : [];
  const shown = shorten(answer.question, QUESTION_DISPLAY_CHARS);
  const blocks: KnownBlock[] = [];
  if (options.preface) blocks.push(context(options.preface));
  blocks.push(section(`*${timeline.offset > 0 ? "More of the timeline" : "Timeline"}:* ${literal(shown)}`));
  if (answer.filters) blocks.push(context(literal(shorten(filtersText(answer.filters), 600))));
  if (entries.length === 0) {
    blocks.push(section(emptyTimelineSentence(answer)));
    if (answer.hint) blocks.push(context(literal(answer.hint)));
    if (options.footer) blocks.push(context(options.footer));
    return reply(answer, blocks, `Timeline: ${shown}`, entries);
  }
  blocks.push(context(escapeMrkdwn(`${timelineCount(timeline)}.`)));
  let undatedHeaded = false;
  for (const entry of entries) {
    if (!entry.published && !undatedHeaded) {
      blocks.push(context("*Without a date*"));
      undatedHeaded = true;
    }
    blocks.push(section(lineMrkdwn(entry)));
  }
  const elements: types.Button[] = [];
  const quoted = quoteQuestion(answer.question);
  const page = (offset: number): PageValue => ({
    question: answer.question,
    offset,
    timeline: true,
    ...(answer.asked ? { asked: answer.asked } : {}),
  });
  if (options.share) {
    elements.push(
      button("Share in channel", ACTION_IDS.share, encodePageValue(page(timeline.offset), quoted), "primary"),
    );
  }
  if (answer.hasMore) {
    const next = timeline.offset + entries.length;
    elements.push(button("More", ACTION_IDS.more, encodePageValue(page(next), quoted)));
  }
  if (elements.length > 0) blocks.push({ type: "actions", block_id: "newsdesk_timeline", elements });
  // Last, as under an answer: a scoped timeline leaves out the rest of the archive and must say so.
  if (options.footer) blocks.push(context(options.footer));
  return reply(answer, blocks, `Timeline: ${shown}`, entries);
}

/** "*12 Jun 2022* · <url|headline> · publication · ¶3 (+1 update that day)" then the passage, quoted. */
function lineMrkdwn(entry: TimelineEntry): string {
  const day = entry.published ? bold(shorten(formatDay(entry.published), 40)) : "_undated_";
  const title = literal(shorten(entry.articleTitle, TITLE_CHARS));
  const url = safeUrl(entry.url);
  const corrected = entry.corrected
    ? ` · ${literal(correctedText(shorten(formatDay(entry.corrected), 40), entry.correction && shorten(entry.correction, NOTE_CHARS)))}`
    : "";
  const updates = updatesNote(entry);
  const head = `${day} · ${url ? `<${url}|${title}>` : title} · ${literal(shorten(entry.publication, PUBLICATION_CHARS))} · ¶${entry.paragraph}${corrected}${updates ? ` (${updates})` : ""}`;
  let source = 0;
  let excerpt = "";
  for (const span of entry.excerptSpans) {
    const room = EXCERPT_SOURCE_CHARS - source;
    if (room <= 0) break;
    const text = span.text.length > room ? shorten(span.text, room) : span.text;
    excerpt += span.match ? bold(text) : literal(text);
    source += text.length;
  }
  // Newlines inside a passage would end the quote early.
  return `${head}\n>${excerpt.replace(/\n+/g, " ").trim() || "…"}`;
}

function reply(answer: Answer, blocks: KnownBlock[], head: string, entries: TimelineEntry[]): SlackReply {
  let text = escapeMrkdwn(head);
  if (entries.length === 0) {
    text += `\n${emptyTimelineSentence(answer)}${answer.hint ? ` ${escapeMrkdwn(answer.hint)}` : ""}`;
  }
  for (const [i, entry] of entries.entries()) {
    const day = entry.published ? formatDay(entry.published) : "undated";
    const line = `\n${escapeMrkdwn(`${day} — ${shorten(entry.articleTitle, TITLE_CHARS)}, ${shorten(entry.publication, PUBLICATION_CHARS)}, ¶${entry.paragraph}`)}`;
    const rest = `\n… and ${entries.length - i} more in the message.`;
    if (text.length + line.length + rest.length > FALLBACK_TEXT_CHARS) {
      text += rest;
      break;
    }
    text += line;
  }
  return wellFormed({ text, blocks, unfurl_links: false, unfurl_media: false });
}
