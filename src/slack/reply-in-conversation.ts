import type { webApi } from "@slack/bolt";
import type { Answer } from "../answer/index.js";
import { ANSWER_FAILED, renderAnswer, renderNotice, renderUsage } from "./answer-blocks.js";
import { slackTextToPlain } from "./mrkdwn.js";
import { askedOfTs, logHandled, type SlackDeps, type Surface, stripBotMention } from "./slack-deps.js";

export interface ConversationMessage {
  surface: Extract<Surface, "mention" | "dm">;
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
  let answer: Answer;
  try {
    answer = await deps.ask(question, { ...deps.answerOptions, asked: askedOfTs(message.ts, deps.now) });
  } catch (error) {
    deps.logger.error({ err: error, surface, requestId }, "answer failed");
    await client.chat.postMessage({ ...target, ...renderNotice(ANSWER_FAILED) });
    return;
  }
  await client.chat.postMessage({ ...target, ...renderAnswer(answer) });
  logHandled(deps.logger, {
    surface,
    startedAt,
    requestId,
    passages: answer.found ? answer.passages.length : 0,
    found: answer.found,
  });
}
