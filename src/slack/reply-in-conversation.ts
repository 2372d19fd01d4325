import type { webApi } from "@slack/bolt";
import type { Answer, ThreadContext } from "../answer/index.js";
import { ANSWER_FAILED, renderAnswer, renderNotice, renderUsage } from "./answer-blocks.js";
import { askInChannel, type ChannelAnswer, channelRenderOptions } from "./channel-ask.js";
import { viewedScopeFooter } from "./channel-settings.js";
import { slackTextToPlain, stripBotMention } from "./mrkdwn.js";
import { rememberQuestion } from "./recent-questions.js";
import { askedOfTs, logHandled, type SlackDeps, type Surface } from "./slack-deps.js";
import { threadMetadata } from "./thread-metadata.js";

export interface ConversationMessage {
  surface: Extract<Surface, "mention" | "dm" | "follow-up" | "assistant" | "home">;
  /** The workspace (team id) the message came from. */
  team?: string | undefined;
  /** Who wrote it: with `replies:ephemeral`, the one person who sees the answer; their recent questions. */
  user?: string | undefined;
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
  /** Our bot's and app's ids as this request's context knows them (whose metadata a thread trusts). */
  self?: { botId?: string | undefined; appId?: string | undefined };
  /**
   * The channel whose settings scope the answer when it is not `channel`: the one the user views beside
   * an assistant thread. The footer then names it.
   */
  viewedChannel?: string | undefined;
  /**
   * Known to be the first question of its thread (an assistant thread not yet answered in: its title
   * unclaimed): there is nothing of ours to read back, so the thread is not read and no note says so.
   */
  firstInThread?: boolean;
  /** Called with the answer before it is posted (the assistant view's title and status). */
  onAnswer?: (answer: Answer) => Promise<void>;
}

/**
 * The thread a message follows up on, read when it is a reply in a thread that may hold an answer of
 * ours — even a question with its own subject, which takes the thread's filters (ask-context.ts). One
 * Web API call at most, with the token of the workspace the message came from (the request's client);
 * else undefined.
 */
async function threadOf(
  client: webApi.WebClient,
  deps: SlackDeps,
  message: ConversationMessage,
): Promise<ThreadContext | undefined> {
  const { threadTs, ts } = message;
  if (!deps.readThread || !threadTs || threadTs === ts || message.firstInThread) return undefined;
  return deps.readThread({
    token: client.token,
    channel: message.channel,
    threadTs,
    beforeTs: ts,
    self: {
      botId: message.self?.botId ?? deps.botId,
      appId: message.self?.appId,
      botUserId: message.botUserId ?? deps.botUserId,
    },
  });
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
  const thread = await threadOf(client, deps, message);
  let asked: ChannelAnswer;
  try {
    asked = await askInChannel(
      deps,
      {
        team: message.team,
        // An assistant thread is scoped by the channel its user views; elsewhere by the channel itself.
        channel: message.viewedChannel ?? message.channel,
        question,
        asked: askedOfTs(message.ts, deps.now),
      },
      thread ? { thread } : {},
    );
  } catch (error) {
    deps.logger.error({ err: error, surface, requestId }, "answer failed");
    await client.chat.postMessage({ ...target, ...renderNotice(ANSWER_FAILED) });
    return;
  }
  const { answer, settings } = asked;
  await message.onAnswer?.(answer);
  const inChannel = surface === "mention" || surface === "follow-up";
  // replies:ephemeral: only the asker sees the answer (in the thread), with Share to post it. It carries
  // no metadata (Slack keeps none for ephemeral messages): a follow-up there reads the question it replies to.
  if (settings.replies === "ephemeral" && message.user && inChannel) {
    await client.chat.postEphemeral({
      ...target,
      user: message.user,
      ...renderAnswer(answer, channelRenderOptions(settings, { share: true })),
    });
  } else {
    const render = channelRenderOptions(settings);
    const viewed = message.viewedChannel ? viewedScopeFooter(settings, message.viewedChannel) : undefined;
    await client.chat.postMessage({
      ...target,
      ...renderAnswer(answer, viewed ? { ...render, footer: viewed } : render),
      metadata: threadMetadata(answer),
    });
  }
  if (settings.followUps === "all" && message.team && message.threadTs && inChannel) {
    // Remembered for follow-ups:all: un-tagged replies in this thread are answered too.
    await deps.store?.threads
      .mark(message.team, message.channel, message.threadTs, "answered", {}, deps.now().getTime())
      .catch((error: unknown) => deps.logger.warn({ err: error, surface }, "thread not remembered"));
  }
  await rememberQuestion(deps, {
    team: message.team,
    user: message.user,
    channel: message.channel,
    question,
  });
  logHandled(deps.logger, {
    surface,
    startedAt,
    requestId,
    passages: answer.found ? answer.passages.length : 0,
    found: answer.found,
  });
}
