import type { App, MessageShortcut, RespondArguments, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { ANSWER_FAILED, renderAnswer, renderNotice } from "../answer-blocks.js";
import { askInChannel, type ChannelAnswer, channelRenderOptions, teamOf } from "../channel-ask.js";
import { slackTextToPlain, stripBotMention } from "../mrkdwn.js";
import { askedOfTs, logHandled, type SlackDeps } from "../slack-deps.js";

/** The manifest's callback id of "Find our coverage". */
export const FIND_COVERAGE = "find_coverage";
/**
 * Longest question a message makes: a claim pasted into a channel is a sentence or two; past this, a
 * long message's later words would only dilute its subject (and slow the search).
 */
export const SHORTCUT_QUESTION_CHARS = 300;
export const NOTHING_TO_SEARCH =
  "That message has no text to search for (only files or images); copy the words you want checked into /ask.";

type ShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut>;

const privately = (message: object): RespondArguments =>
  ({ response_type: "ephemeral", replace_original: false, ...message }) as RespondArguments;

/**
 * "Find our coverage" on any message: what the newsroom published on its subject — the message's text
 * as the question, asked on the message's own date, in the channel's scope — answered to the user alone.
 */
export function register(app: App, deps: SlackDeps): void {
  app.shortcut({ type: "message_action" }, async (args) => {
    const shortcut = args as unknown as ShortcutArgs;
    if (shortcut.shortcut.callback_id !== FIND_COVERAGE) {
      await shortcut.ack();
      deps.logger.info({ callbackId: shortcut.shortcut.callback_id }, "slack shortcut ignored");
      return;
    }
    await deps.inFlight.run(() => handleFindCoverage(shortcut, deps));
  });
}

/** The question a message makes: its text as words, cut at a word to SHORTCUT_QUESTION_CHARS. */
export function questionOfMessage(text: string | undefined, botUserId: string): string {
  const plain = slackTextToPlain(stripBotMention(text ?? "", botUserId))
    .replace(/\s+/g, " ")
    .trim();
  if (plain.length <= SHORTCUT_QUESTION_CHARS) return plain;
  const cut = plain.slice(0, SHORTCUT_QUESTION_CHARS);
  const space = cut.lastIndexOf(" ");
  return (space > SHORTCUT_QUESTION_CHARS / 2 ? cut.slice(0, space) : cut).trim();
}

/**
 * The words a message shows: its `text`, or — an app's post of blocks or attachments only, such as an
 * alert or a feed's headline, whose `text` is empty — the text of its blocks and attachments.
 */
export function textOfMessage(message: { text?: unknown; blocks?: unknown; attachments?: unknown }): string {
  const text = typeof message.text === "string" ? message.text : "";
  if (text.trim() !== "") return text;
  const shown: string[] = [];
  // Block Kit nests a few levels (rich_text → section → text): deeper is no message Slack shows.
  const walk = (node: unknown, depth = 0): void => {
    if (depth > 8) return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1);
      return;
    }
    if (!node || typeof node !== "object") return;
    const block = node as Record<string, unknown>;
    // Buttons, menus and inputs (and accessories, never walked) are the app's controls, not its words.
    if (block.type === "actions" || block.type === "input") return;
    if (typeof block.text === "string") shown.push(block.text);
    else walk(block.text, depth + 1);
    walk(block.fields, depth + 1);
    walk(block.elements, depth + 1);
  };
  walk(message.blocks);
  const attachments = Array.isArray(message.attachments) ? message.attachments : [];
  for (const a of attachments as Array<Record<string, unknown>>) {
    for (const field of [a?.pretext, a?.title, a?.text ?? a?.fallback])
      if (typeof field === "string") shown.push(field);
  }
  return shown.join("\n");
}

export async function handleFindCoverage({ ack, shortcut, respond }: ShortcutArgs, deps: SlackDeps) {
  await ack();
  const startedAt = performance.now();
  const requestId = shortcut.trigger_id;
  const message = shortcut.message as {
    text?: unknown;
    ts?: string;
    blocks?: unknown;
    attachments?: unknown;
  };
  const question = questionOfMessage(textOfMessage(message), deps.botUserId);
  if (question === "") {
    await respond(privately(renderNotice(NOTHING_TO_SEARCH)));
    logHandled(deps.logger, { surface: "shortcut", startedAt, requestId, outcome: "empty_message" });
    return;
  }
  let asked: ChannelAnswer;
  try {
    asked = await askInChannel(deps, {
      team: teamOf(shortcut),
      channel: shortcut.channel?.id,
      question,
      asked: askedOfTs(message.ts ?? shortcut.message_ts, deps.now),
    });
  } catch (error) {
    deps.logger.error({ err: error, surface: "shortcut", requestId }, "answer failed");
    await respond(privately(renderNotice(ANSWER_FAILED)));
    return;
  }
  const { answer, settings } = asked;
  await respond(privately(renderAnswer(answer, channelRenderOptions(settings, { share: true }))));
  logHandled(deps.logger, {
    surface: "shortcut",
    startedAt,
    requestId,
    passages: answer.found ? answer.passages.length : 0,
    found: answer.found,
  });
}
