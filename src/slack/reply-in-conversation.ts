import type { webApi } from "@slack/bolt";
import { ANSWER_FAILED, renderAnswer, renderNotice, renderUsage } from "./answer-blocks.js";
import { askInChannel, type ChannelAnswer, channelRenderOptions } from "./channel-ask.js";
import { slackTextToPlain } from "./mrkdwn.js";
import { askedOfTs, logHandled, type SlackDeps, type Surface, stripBotMention } from "./slack-deps.js";

export interface ConversationMessage {
  surface: Extract<Surface, "mention" | "dm" | "follow-up">;
  /** The workspace (team id) the message came from. */
  team?: string;
  /** Who wrote it: with `replies:ephemeral`, the one person who sees the answer. */
  user?: string;
  channel: string;
  /** Where to answer: a thread's ts, or undefined for the conversation itself. */
  threadTs: string | undefined;
  /** The message text as Slack delivered it (mrkdwn, with the bot's mention). */
  text: string;
  /** The message's own timestamp (`ts`): the day of asking. */
  ts?: string;
  requestId?: string;
  /** The bot's user id in this workspace (botUserOf). Default: deps.botUserId. */
  botUserId?: string;
}

/** Answers a mention or a DM with a visible message (Share is pointless: everyone there sees it). */
export async function replyInConversation(
  client: webApi.WebClient,
  deps: SlackDeps,
  message: ConversationMessage,
): Promise<void> {
  const startedAt = performance.now();
  const question = slackTextToPlain(
    stripBotMention(message.text, message.botUserId ?? deps.botUserId),
  ).trim();
  const target = { channel: message.channel, ...(message.threadTs ? { thread_ts: message.threadTs } : {}) };
  const { surface, requestId } = message;

  if (question === "" || /^help$/i.test(question)) {
    await client.chat.postMessage({ ...target, ...renderUsage() });
    logHandled(deps.logger, { surface, startedAt, requestId, outcome: "usage" });
    return;
  }
  let asked: ChannelAnswer;
  try {
    asked = await askInChannel(deps, {
      team: message.team,
      channel: message.channel,
      question,
      asked: askedOfTs(message.ts, deps.now),
    });
  } catch (error) {
    deps.logger.error({ err: error, surface, requestId }, "answer failed");
    await client.chat.postMessage({ ...target, ...renderNotice(ANSWER_FAILED) });
    return;
  }
  const { answer, settings } = asked;
  // replies:ephemeral: only the asker sees the answer (in the thread), with Share to post it.
  if (settings.replies === "ephemeral" && message.user && surface !== "dm") {
    await client.chat.postEphemeral({
      ...target,
      user: message.user,
      ...renderAnswer(answer, channelRenderOptions(settings, { share: true })),
    });
  } else {
    await client.chat.postMessage({ ...target, ...renderAnswer(answer, channelRenderOptions(settings)) });
  }
  if (settings.followUps === "all" && message.team && message.threadTs && surface !== "dm") {
    // Remembered for follow-ups:all: un-tagged replies in this thread are answered too.
    await deps.store?.threads
      .mark(message.team, message.channel, message.threadTs, "answered", {}, deps.now().getTime())
      .catch((error: unknown) => deps.logger.warn({ err: error, surface }, "thread not remembered"));
  }
  logHandled(deps.logger, {
    surface,
    startedAt,
    requestId,
    passages: answer.found ? answer.passages.length : 0,
    found: answer.found,
  });
}
