import type { webApi } from "@slack/bolt";
import { type Answer, type AnswerOptions, followUpKind, type ThreadContext } from "../answer/index.js";
import { ANSWER_FAILED, renderAnswer, renderNotice, renderUsage } from "./answer-blocks.js";
import { slackTextToPlain } from "./mrkdwn.js";
import { rememberQuestion } from "./recent-questions.js";
import { askedOfTs, logHandled, type SlackDeps, type Surface, stripBotMention } from "./slack-deps.js";
import { threadMetadata } from "./thread-metadata.js";

export interface ConversationMessage {
  surface: Extract<Surface, "mention" | "dm" | "assistant" | "home">;
  channel: string;
  /** Where to answer: a thread's ts, or undefined for the conversation itself. */
  threadTs: string | undefined;
  /** The message text as Slack delivered it (mrkdwn, with the bot's mention). */
  text: string;
  /** The message's own timestamp (`ts`): the day of asking. */
  ts?: string;
  requestId?: string;
  /** Our bot's and app's ids as this request's context knows them (whose metadata a thread trusts). */
  self?: { botId?: string | undefined; appId?: string | undefined };
  /** Who asked, for their recent questions (the Home tab); unknown: not remembered. */
  team?: string | undefined;
  user?: string | undefined;
  /** Called with the answer before it is posted (the assistant view's title and status). */
  onAnswer?: (answer: Answer) => Promise<void>;
}

/**
 * The thread a message follows up on, read only when it may need it: it is a reply in a thread and
 * does not stand on its own (follow-up.ts's rule). One Web API call at most; undefined otherwise.
 */
async function threadOf(
  client: webApi.WebClient,
  deps: SlackDeps,
  message: ConversationMessage,
  question: string,
): Promise<ThreadContext | undefined> {
  const { threadTs, ts } = message;
  if (!deps.readThread || !threadTs || threadTs === ts || followUpKind(question) === "own") return undefined;
  return deps.readThread({
    token: client.token,
    channel: message.channel,
    threadTs,
    beforeTs: ts,
    self: { botId: message.self?.botId ?? deps.botId, appId: message.self?.appId, botUserId: deps.botUserId },
  });
}

/** Answers a mention or a DM with a visible message (Share is pointless: everyone there sees it). */
export async function replyInConversation(
  client: webApi.WebClient,
  deps: SlackDeps,
  message: ConversationMessage,
): Promise<void> {
  const startedAt = performance.now();
  const question = slackTextToPlain(stripBotMention(message.text, deps.botUserId)).trim();
  const target = { channel: message.channel, ...(message.threadTs ? { thread_ts: message.threadTs } : {}) };
  const { surface, requestId } = message;

  if (question === "" || /^help$/i.test(question)) {
    await client.chat.postMessage({ ...target, ...renderUsage() });
    logHandled(deps.logger, { surface, startedAt, requestId, outcome: "usage" });
    return;
  }
  const thread = await threadOf(client, deps, message, question);
  const options: AnswerOptions = { ...deps.answerOptions, asked: askedOfTs(message.ts, deps.now) };
  if (thread) options.thread = thread;
  let answer: Answer;
  try {
    answer = await deps.ask(question, options);
  } catch (error) {
    deps.logger.error({ err: error, surface, requestId }, "answer failed");
    await client.chat.postMessage({ ...target, ...renderNotice(ANSWER_FAILED) });
    return;
  }
  await message.onAnswer?.(answer);
  await client.chat.postMessage({ ...target, ...renderAnswer(answer), metadata: threadMetadata(answer) });
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
