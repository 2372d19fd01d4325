/**
 * Answer model → Slack message (Block Kit plus a plain `text` fallback). Pure: no I/O, no Slack calls.
 * Slack's limits hold by construction: a bounded number of passages, each section budgeted before
 * escaping, labels that are constants.
 */
import type { types } from "@slack/bolt";
import type { Answer, Passage } from "../answer/index.js";
import {
  BAD_FILTER_SENTENCE,
  correctedText,
  correctionSentence,
  filtersText,
  followUpSentence,
  HIGH_CONFIDENCE_MARKER,
  LOW_CONFIDENCE_SENTENCE,
  undatedLeftOutSentence,
  undatedSentence,
} from "../answer/index.js";
import { displayText, formatDay } from "../corpus/index.js";
import { ERROR_CODES } from "../errors.js";
import {
  encodeDeskValue,
  encodeFeedbackValue,
  encodePageValue,
  type PageValue,
  quoteQuestion,
} from "./action-values.js";
import { button, context, safeUrl, section } from "./block-kit.js";
import { bold, escapeMrkdwn, literal, shorten, wellFormed } from "./mrkdwn.js";

type KnownBlock = types.KnownBlock;
type Button = types.Button;

/** Passages rendered in one message: 2 blocks each plus at most 5 others stays under 50 blocks. */
export const MAX_PASSAGES_PER_MESSAGE = 20;
/** The restated question is shown up to this many characters (the full question is in the engine). */
export const QUESTION_DISPLAY_CHARS = 500;
/** Budget of an excerpt section before escaping; escaping at most doubles it with ZWSP fences… */
const EXCERPT_SOURCE_CHARS = 500;
/** …and this hard stop keeps even an all-"&" excerpt under Slack's 3 000. */
const SECTION_BUDGET = 2900;
/** The fallback text carries passages until this budget (Slack suggests ≤ 4 000 for notifications). */
const FALLBACK_TEXT_CHARS = 3900;

export const ACTION_IDS = Object.freeze({
  share: "newsdesk_share",
  more: "newsdesk_more",
  feedbackUp: "newsdesk_feedback_up",
  feedbackDown: "newsdesk_feedback_down",
  timeline: "newsdesk_timeline",
  /** The 👎 follow-up's choices (`newsdesk_feedback_reason:<kind>`) and its free text. */
  feedbackReason: "newsdesk_feedback_reason",
  feedbackText: "newsdesk_feedback_text",
  askDesk: "newsdesk_ask_desk",
  /** A question asked again from the App Home (suffixed _0, _1… : ids are unique in a block). */
  askAgain: "newsdesk_ask_again",
});

export const NOT_FOUND_SENTENCE = "I couldn't find anything about that in the newsroom's articles.";
/** Shown when the index cannot answer (its worker down, or a failure past the engine's catch-all). */
export const ANSWER_FAILED = ERROR_CODES.index_unavailable.user;
const DEFAULT_HINT = "Try different or fewer words — a name, a place or the topic of the story.";

/** A reply ready for chat.postMessage, chat.postEphemeral, a response_url or a command ack. */
export interface SlackReply {
  text: string;
  blocks: KnownBlock[];
  unfurl_links: false;
  unfurl_media: false;
}

export interface RenderOptions {
  /** Offer "Share in channel" — for replies only the asker can see. Default false. */
  share?: boolean;
  /** A line above the answer, already-safe mrkdwn the app wrote itself (e.g. "Shared by <@U1>"). Default none. */
  preface?: string;
  /** A last line, already-safe mrkdwn the app wrote itself (a channel's scope). Default none. */
  footer?: string;
  /** The research desk's channel: a low-confidence or not-found answer offers "Ask the research desk". */
  desk?: string;
}

function passageId(passage: Passage): string {
  return `${passage.articleId}#${passage.paragraph}`;
}

export function renderAnswer(answer: Answer, options: RenderOptions = {}): SlackReply {
  const passages = answer.found ? answer.passages.slice(0, MAX_PASSAGES_PER_MESSAGE) : [];
  const blocks: KnownBlock[] = [];
  const firstRank = passages[0]?.rank ?? 1;
  const asked = firstRank > 1 ? "More for" : "You asked";
  const shownQuestion = shorten(answer.question, QUESTION_DISPLAY_CHARS);

  if (options.preface) blocks.push(context(options.preface));
  blocks.push(section(`*${asked}:* ${literal(shownQuestion)}`));
  const reading = readingMrkdwn(answer, shownQuestion);
  if (reading) blocks.push(context(reading));
  const notes = questionNotes(answer, shownQuestion !== answer.question);
  if (notes) blocks.push(context(notes));
  if (answer.corrections && answer.corrections.length > 0) {
    blocks.push(context(correctionSentence(answer.corrections, (w) => bold(shorten(w, 60)))));
  }

  if (passages.length === 0) {
    blocks.push(section(answer.badFilter ? BAD_FILTER_SENTENCE : NOT_FOUND_SENTENCE));
    blocks.push(context(literal(answer.hint ?? DEFAULT_HINT)));
    if (options.desk) {
      blocks.push({ type: "actions", block_id: "newsdesk_actions", elements: [deskButton(answer, [])] });
    }
  } else {
    if (answer.undated) blocks.push(context(literal(shortenedUndated(answer))));
    if (answer.confidence === "low") blocks.push(context(`_${LOW_CONFIDENCE_SENTENCE}_`));
    for (const passage of passages) {
      blocks.push(section(excerptMrkdwn(passage)));
      blocks.push(context(citationMrkdwn(passage, bestMatch(answer, passage))));
    }
    blocks.push(actions(answer, passages, options));
  }
  if (options.footer) blocks.push(context(options.footer));

  return wellFormed({
    text: fallbackText(answer, passages, `${asked}: ${shownQuestion}`),
    blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
}

/** Short help for `/ask help`, an empty `/ask` or an empty mention. */
export function renderUsage(command = "/ask"): SlackReply {
  const c = escapeMrkdwn(command);
  const lines = [
    "*Ask the newsroom's archive.* I answer with exact quotes from our articles, each cited.",
    `• \`${c} who won the 2024 election?\` — only you see the answer; *Share in channel* posts it.`,
    "• Mention me in a channel — I answer in the thread.",
    "• Message me directly — follow-ups in a thread stay in that thread.",
    `• \`${c} timeline Massimov trial\` — the story's coverage, oldest first: one line per article with its date and best passage (also the *Timeline* button under an answer).`,
    `• Filters: \`${c} from:cnn.com section:politics byline:"Ann Lee" after:2024-01 before:2024-06-30 …\` — a publication, a section, an author, a date range (a year, month or day; both ends included).`,
    "• Time words such as _this week_, _last month_, _yesterday_, _recently_ or _in 2021_ prefer articles of that time; nothing published after your question is quoted.",
    `• \`${c} help\` — this message.`,
  ];
  const text = lines.join("\n");
  return { text, blocks: [section(text)], unfurl_links: false, unfurl_media: false };
}

/** A one-section notice (status, errors, acknowledgements). `text` is plain and gets escaped. */
export function renderNotice(plain: string): SlackReply {
  const text = wellFormed(escapeMrkdwn(shorten(plain, SECTION_BUDGET)));
  return { text, blocks: [section(text)], unfurl_links: false, unfurl_media: false };
}

/** How a follow-up was read with its thread, or that it could not be: "Reading this as: *Priya Nair* — …". */
function readingMrkdwn(answer: Answer, shownQuestion: string): string | undefined {
  return followUpSentence(answer.followUp, shownQuestion, (t) => bold(shorten(t, 100)), literal);
}

function questionNotes(answer: Answer, shortenedForDisplay: boolean): string | null {
  const notes: string[] = [];
  if (answer.filters) notes.push(literal(shorten(filtersText(answer.filters), 600)));
  if (answer.truncated) {
    notes.push(
      `Your question had ${answer.truncated.originalLength} characters; only the first ${answer.truncated.limit} were used.`,
    );
  }
  if (shortenedForDisplay)
    notes.push(`The question is shown shortened to ${QUESTION_DISPLAY_CHARS} characters.`);
  if (answer.undatedLeftOut) notes.push(`${undatedLeftOutSentence(answer.undatedLeftOut)}.`);
  return notes.length > 0 ? notes.join(" ") : null;
}

function excerptMrkdwn(passage: Passage): string {
  const spans =
    passage.excerptSpans.length > 0 ? passage.excerptSpans : [{ text: passage.excerpt, match: false }];
  let source = 0;
  let out = "";
  for (const span of spans) {
    const room = EXCERPT_SOURCE_CHARS - source;
    if (room <= 0) break;
    const text = span.text.length > room ? shorten(span.text, room) : span.text;
    const piece = span.match ? bold(text) : literal(text);
    if (out.length + piece.length > SECTION_BUDGET) {
      out += "…";
      break;
    }
    out += piece;
    source += text.length;
  }
  return out.trim() === "" ? "…" : out;
}

// The citations are written as one template each, not a list of parts joined (a list and a join per
// passage, twice, for a handful of strings).

/** A date of a citation ("14 May 2024"), or the source's own text cut short when it is not a date. */
function citedDay(value: string): string {
  return shorten(displayText(formatDay(value)), 40);
}

/** "[rank] <url|title> · publication · 12 Jun 2022 · ¶n" and " · Corrected date" when corrected. */
/** The undated-time sentence, its quoted phrases bounded (they are the asker's own words). */
function shortenedUndated(answer: Answer): string {
  return undatedSentence(
    (answer.timePhrases ?? []).map((p) => shorten(p, 60)),
    true,
  );
}

/** Whether a passage is a high answer's first: its citation starts with the marker a reader learns to trust. */
function bestMatch(answer: Answer, passage: Passage): boolean {
  return answer.confidence === "high" && passage.rank === 1;
}

/** A correction note is shown up to this many characters (the article holds it whole). */
const CORRECTION_NOTE_CHARS = 300;

/** "Corrected 7 Dec 2026: the note" — the note is the newsroom's own text, escaped and bounded. */
function correctedMrkdwn(passage: Passage, corrected: string): string {
  const note = passage.correction && shorten(passage.correction, CORRECTION_NOTE_CHARS);
  return literal(correctedText(citedDay(corrected), note));
}

export function citationMrkdwn(passage: Passage, best: boolean): string {
  // Names neutralised first (displayText): a page's title may carry direction overrides or escapes.
  const title = literal(shorten(displayText(passage.articleTitle), 200));
  const url = safeUrl(passage.url);
  const published = passage.published ? ` · ${literal(citedDay(passage.published))}` : "";
  const corrected = passage.corrected ? ` · ${correctedMrkdwn(passage, passage.corrected)}` : "";
  const marker = best ? `*${HIGH_CONFIDENCE_MARKER}* · ` : "";
  return `[${passage.rank}] ${marker}${url ? `<${url}|${title}>` : title} · ${literal(shorten(displayText(passage.publication), 100))}${published} · ¶${passage.paragraph}${corrected}`;
}

/** "— title, publication, date, ¶n" (and ", Corrected date"), then the URL when there is one. */
function citationPlain(passage: Passage): string {
  const published = passage.published ? `, ${citedDay(passage.published)}` : "";
  const corrected = passage.corrected
    ? `, ${correctedText(citedDay(passage.corrected), passage.correction && shorten(passage.correction, CORRECTION_NOTE_CHARS))}`
    : "";
  const cited = `${shorten(displayText(passage.articleTitle), 200)}, ${shorten(displayText(passage.publication), 100)}${published}, ¶${passage.paragraph}${corrected}`;
  const url = safeUrl(passage.url);
  return `— ${escapeMrkdwn(cited)}${url ? ` ${url}` : ""}`;
}

function fallbackText(answer: Answer, passages: Passage[], restated: string): string {
  let head = escapeMrkdwn(restated);
  const reading = followUpSentence(answer.followUp, shorten(answer.question, QUESTION_DISPLAY_CHARS), (t) =>
    shorten(t, 100),
  );
  if (reading) head += `\n${escapeMrkdwn(reading)}`;
  if (answer.corrections && answer.corrections.length > 0) {
    head += `\n${escapeMrkdwn(correctionSentence(answer.corrections, (w) => shorten(w, 60)))}.`;
  }
  if (passages.length > 0 && answer.undated) head += `\n${escapeMrkdwn(shortenedUndated(answer))}.`;
  if (passages.length > 0 && answer.confidence === "low") head += `\n${LOW_CONFIDENCE_SENTENCE}:`;
  if (passages.length === 0) {
    const heading = answer.badFilter ? BAD_FILTER_SENTENCE : NOT_FOUND_SENTENCE;
    return `${head}\n${heading} ${escapeMrkdwn(answer.hint ?? DEFAULT_HINT)}`;
  }
  let text = head;
  for (const [i, passage] of passages.entries()) {
    let excerpt = "";
    for (const span of passage.excerptSpans) excerpt += span.text;
    excerpt ||= passage.excerpt;
    const marker = bestMatch(answer, passage) ? `${HIGH_CONFIDENCE_MARKER}: ` : "";
    const line = `\n[${passage.rank}] ${marker}“${escapeMrkdwn(shorten(excerpt.trim(), EXCERPT_SOURCE_CHARS))}” ${citationPlain(passage)}`;
    const rest = `\n… and ${passages.length - i} more in the message.`;
    if (text.length + line.length + rest.length > FALLBACK_TEXT_CHARS) return text + rest;
    text += line;
  }
  return text;
}

/** "Ask the research desk": the question, its day and the passages tried go with it. */
function deskButton(answer: Answer, passages: Passage[], quoted = quoteQuestion(answer.question)): Button {
  const value = encodeDeskValue(
    {
      question: answer.question,
      tried: passages.map(passageId),
      ...(answer.asked ? { asked: answer.asked } : {}),
    },
    quoted,
  );
  return button("Ask the research desk", ACTION_IDS.askDesk, value);
}

function pageValue(answer: Answer, offset: number): PageValue {
  return answer.asked
    ? { question: answer.question, offset, asked: answer.asked }
    : { question: answer.question, offset };
}

function actions(answer: Answer, passages: Passage[], options: RenderOptions): KnownBlock {
  const elements: Button[] = [];
  const offset = passages[0]!.rank - 1;
  // Every button carries the question: quoted once for all of them.
  const quoted = quoteQuestion(answer.question);
  if (options.share) {
    elements.push(
      button(
        "Share in channel",
        ACTION_IDS.share,
        encodePageValue(pageValue(answer, offset), quoted),
        "primary",
      ),
    );
  }
  if (answer.hasMore) {
    const next = passages[passages.length - 1]!.rank;
    elements.push(button("More", ACTION_IDS.more, encodePageValue(pageValue(answer, next), quoted)));
  }
  // The question's story in date order (timeline-blocks.ts), privately to whoever presses it.
  elements.push(
    button(
      "Timeline",
      ACTION_IDS.timeline,
      encodePageValue({ ...pageValue(answer, 0), timeline: true }, quoted),
    ),
  );
  // A vote is on the page's first passage: the one the asker judges the answer by.
  const voted = {
    question: answer.question,
    passage: passageId(passages[0]!),
    rank: passages[0]!.rank,
    ...(answer.asked ? { asked: answer.asked } : {}),
  };
  elements.push(
    button("👍", ACTION_IDS.feedbackUp, encodeFeedbackValue({ ...voted, vote: "up" }, quoted)),
    button("👎", ACTION_IDS.feedbackDown, encodeFeedbackValue({ ...voted, vote: "down" }, quoted)),
  );
  if (options.desk && answer.confidence === "low") elements.push(deskButton(answer, passages, quoted));
  return { type: "actions", block_id: "newsdesk_actions", elements };
}
