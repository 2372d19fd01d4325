/**
 * The App Home tab: how to ask, questions this archive answers (drawn from it), what it holds and how
 * fresh its sources are, and the user's own last questions as buttons that ask again. Pure; within
 * Block Kit's limits (100 blocks in a Home view) for any corpus and any number of sources.
 */
import type { types } from "@slack/bolt";
import type { ArchiveOverview } from "../answer/index.js";
import { formatDay } from "../corpus/index.js";
import { ACTION_IDS } from "./answer-blocks.js";
import { escapeMrkdwn, literal, shorten } from "./mrkdwn.js";

type KnownBlock = types.KnownBlock;

/** A polled source as the Home tab shows it (the ingest layer's status, reduced). */
export interface SourceLine {
  name: string;
  /** "standby": another replica holds the source's lease and polls it. */
  state: "waiting" | "polling" | "ok" | "failing" | "standby";
  lastSuccessAt: string | null;
  lastError: string | null;
}

export interface HomeViewInput {
  overview?: ArchiveOverview | undefined;
  sources?: readonly SourceLine[];
  /** The user's recent questions, newest first (duplicates are shown once). */
  recent: readonly string[];
  command?: string;
}

export interface HomeView {
  type: "home";
  blocks: KnownBlock[];
}

/** Slack's limit of blocks in a Home view. */
export const HOME_MAX_BLOCKS = 100;
/** Sources listed one per line; more are summed up in one line. */
export const HOME_MAX_SOURCES = 20;
/** Recent questions offered again. */
export const HOME_MAX_RECENT = 5;
/** Example questions offered (one per story the archive covers most lately), as one row of buttons. */
export const HOME_MAX_EXAMPLES = 5;
/** A button's label (Slack allows 75 characters) and its value (2,000). */
const BUTTON_LABEL_CHARS = 75;
const BUTTON_VALUE_CHARS = 2_000;
/** Sources' lines per context block (Slack allows 10 elements). */
const LINES_PER_CONTEXT = 10;

const section = (text: string): KnownBlock => ({
  type: "section",
  text: { type: "mrkdwn", text: shorten(text, 3000), verbatim: true },
});
const header = (text: string): KnownBlock => ({
  type: "header",
  text: { type: "plain_text", text: shorten(text, 150) },
});
const divider: KnownBlock = { type: "divider" };

function askButtons(questions: readonly string[], blockId: string): KnownBlock {
  return {
    type: "actions",
    block_id: blockId,
    elements: questions.map((q, i) => ({
      type: "button",
      text: { type: "plain_text", text: shorten(q, BUTTON_LABEL_CHARS) },
      action_id: `${ACTION_IDS.askAgain}_${i}`,
      value: shorten(q, BUTTON_VALUE_CHARS),
    })),
  };
}

function howToAsk(command: string): KnownBlock[] {
  const c = escapeMrkdwn(command);
  return [
    header("Ask the newsroom's archive"),
    section(
      [
        "I answer with exact quotes from our own articles, each cited with its headline, publication, date and paragraph.",
        `• \`${c} your question\` anywhere — only you see the answer; *Share in channel* posts it.`,
        "• Mention me in a channel — I answer in the thread. Message me here, or open me in the assistant view.",
        "• Follow-ups in a thread remember it: _who did she replace?_ is read with the answer before it.",
        `• Filters: \`from:publication section:name byline:"Ann Lee" after:2024-01 before:2024-06-30\`; time words such as _this week_ or _in 2021_.`,
      ].join("\n"),
    ),
  ];
}

function holdings(overview: ArchiveOverview | undefined): KnownBlock[] {
  if (!overview) return [section("The archive is loading; its figures appear here once it is ready.")];
  const largest = overview.publications.map((p) => literal(shorten(p, 60))).join(", ");
  const more = overview.publicationCount > overview.publications.length ? ", …" : "";
  const lines = [
    `*${overview.articles.toLocaleString("en-US")}* articles from *${overview.publicationCount.toLocaleString("en-US")}* publication${overview.publicationCount === 1 ? "" : "s"}${largest ? ` (${largest}${more})` : ""}.`,
  ];
  const newest = overview.newest;
  lines.push(
    newest
      ? `Newest article: _${literal(shorten(newest.title, 200))}_ · ${literal(shorten(newest.publication, 60))} · ${literal(shorten(formatDay(newest.published), 40))}`
      : "No article gives a publication date.",
  );
  return [section(lines.join("\n"))];
}

function when(iso: string | null): string {
  if (!iso) return "never";
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? shorten(iso, 40)
    : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function sourceLine(s: SourceLine): string {
  const name = `*${literal(shorten(s.name, 80))}*`;
  if (s.state === "failing") {
    return `${name} — failing: ${literal(shorten(s.lastError ?? "unknown error", 300))} (last success ${when(s.lastSuccessAt)})`;
  }
  if (s.state === "standby" && !s.lastSuccessAt) return `${name} — polled by another replica`;
  if (!s.lastSuccessAt) return `${name} — first poll under way`;
  return `${name} — last successful poll ${when(s.lastSuccessAt)}`;
}

function sourcesBlocks(sources: readonly SourceLine[] | undefined): KnownBlock[] {
  if (!sources || sources.length === 0) {
    return [
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: "No sources are polled; the archive is the corpus folder." }],
      },
    ];
  }
  // Failing sources first: they are what a reader of this page needs to know.
  const order = [...sources].sort((a, b) => Number(b.state === "failing") - Number(a.state === "failing"));
  const shown = order.slice(0, HOME_MAX_SOURCES).map(sourceLine);
  if (order.length > HOME_MAX_SOURCES) {
    const failing = order.slice(HOME_MAX_SOURCES).filter((s) => s.state === "failing").length;
    shown.push(
      `…and ${order.length - HOME_MAX_SOURCES} more (${failing} failing); \`/ask status\` lists them all.`,
    );
  }
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < shown.length; i += LINES_PER_CONTEXT) {
    blocks.push({
      type: "context",
      elements: shown
        .slice(i, i + LINES_PER_CONTEXT)
        .map((text) => ({ type: "mrkdwn", text, verbatim: true })),
    });
  }
  return blocks;
}

/** The Home view of one user. */
export function renderHomeView(input: HomeViewInput): HomeView {
  const blocks: KnownBlock[] = [...howToAsk(input.command ?? "/ask"), divider];
  const examples = input.overview?.examples ?? [];
  if (examples.length > 0) {
    blocks.push(
      header("Try asking"),
      askButtons(examples.slice(0, HOME_MAX_EXAMPLES), "newsdesk_home_examples"),
    );
    blocks.push({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: "Drawn from the stories the archive covers most lately; the answer arrives in our messages.",
        },
      ],
    });
    blocks.push(divider);
  }
  blocks.push(
    header("What the archive holds"),
    ...holdings(input.overview),
    ...sourcesBlocks(input.sources),
    divider,
  );
  blocks.push(header("Your recent questions"));
  const recent = [...new Set(input.recent.map((q) => q.trim()).filter(Boolean))].slice(0, HOME_MAX_RECENT);
  blocks.push(
    recent.length > 0
      ? askButtons(recent, "newsdesk_home_recent")
      : section(
          "You have not asked anything yet. Try one of the questions above, or type one in the Messages tab.",
        ),
  );
  return { type: "home", blocks: blocks.slice(0, HOME_MAX_BLOCKS) };
}
