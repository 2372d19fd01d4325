import type { App } from "@slack/bolt";
import type { Answer, AnswerOptions, ThreadContext } from "../../answer/index.js";
import { decodePageValue, type PageValue } from "../action-values.js";
import {
  ACTION_IDS,
  ANSWER_FAILED,
  type RenderOptions,
  renderAnswer,
  renderNotice,
  type SlackReply,
} from "../answer-blocks.js";
import { askInChannel, type ChannelAnswer, channelRenderOptions, teamOf } from "../channel-ask.js";
import { askedOfMs, botUserOf, logHandled, type SlackDeps, USER_ID } from "../slack-deps.js";
import { threadMetadata } from "../thread-metadata.js";
import { renderTimeline } from "../timeline-blocks.js";
import { handleAskAgain } from "./app-home.js";
import { type ButtonArgs, ephemeral } from "./button-args.js";
import { handleFeedback, handleReason, handleReasonText } from "./feedback-buttons.js";
import { handleAskDesk } from "./research-desk.js";

export const NO_MORE = "There are no more passages for that question.";

/**
 * Share in channel, More, and 👍/👎 — all acked first, then answered from the button's value. One
 * listener dispatches by action_id: Bolt runs every listener's middleware chain for every request
 * (slash commands included), so five listeners cost each command four more chains for nothing.
 */
export function register(app: App, deps: SlackDeps): void {
  const handlers: Record<string, (args: ButtonArgs, deps: SlackDeps) => Promise<void>> = {
    [ACTION_IDS.share]: handleShare,
    [ACTION_IDS.more]: handleMore,
    [ACTION_IDS.feedbackUp]: handleFeedback,
    [ACTION_IDS.feedbackDown]: handleFeedback,
    [ACTION_IDS.timeline]: handleTimeline,
    [ACTION_IDS.feedbackReason]: handleReason,
    [ACTION_IDS.feedbackText]: handleReasonText,
    [ACTION_IDS.askDesk]: handleAskDesk,
  };
  app.action({ type: "block_actions" }, async (args) => {
    const actionId = (args.action as { action_id?: string }).action_id;
    // Buttons of one block need distinct ids: "<action>:<choice>" is handled by "<action>".
    const name = actionId?.split(":", 1)[0];
    const handler =
      name !== undefined && Object.hasOwn(handlers, name)
        ? handlers[name]
        : actionId?.startsWith(ACTION_IDS.askAgain)
          ? handleAskAgain
          : undefined;
    if (handler) {
      await deps.inFlight.run(() => handler(args as unknown as ButtonArgs, deps));
      return;
    }
    // Buttons of messages from an older version (or another app's blocks) would otherwise go unacked
    // and Bolt would hold the request for 3 s before a 404.
    await args.ack();
    deps.logger.info(
      { actionId, requestId: (args.body as { trigger_id?: string }).trigger_id },
      "slack action ignored",
    );
  });
}

/** Posts the answer the asker saw privately, visibly in the channel (and thread) it was asked in. */
export async function handleShare({ ack, action, body, client, respond }: ButtonArgs, deps: SlackDeps) {
  await ack();
  const startedAt = performance.now();
  const value = decodePageValue(action.value ?? "");
  const channel = body.channel?.id;
  if (!value || !channel) {
    await respond(ephemeral(renderNotice("That button has expired; ask again with /ask.")));
    return;
  }
  const asked = await askOrSay(deps, value, respond, body);
  if (!asked) return;
  const { answer, settings } = asked;
  // The only mention the app writes itself: the sharer, by a user id Slack gave us.
  const preface = USER_ID.test(body.user.id) ? `Shared by <@${body.user.id}>` : undefined;
  const threadTs = body.container?.thread_ts as string | undefined;
  try {
    await client.chat.postMessage({
      channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...render(answer, channelRenderOptions(settings, preface ? { preface } : {})),
      // A shared answer is one of ours in the thread: a follow-up there reads it back.
      ...(answer.timeline ? {} : { metadata: threadMetadata(answer) }),
    });
  } catch (error) {
    const slackError = (error as { data?: { error?: string } }).data?.error;
    deps.logger.warn({ surface: "share", slackError, requestId: body.trigger_id }, "share failed");
    const notice =
      slackError === "not_in_channel" || slackError === "channel_not_found"
        ? "I can't post in this channel; invite me (/invite @Newsdesk) and press Share again."
        : "Sharing failed; please try again in a moment.";
    await respond(ephemeral(renderNotice(notice)));
    return;
  }
  await respond(ephemeral(renderNotice("Shared in the channel.")));
  logHandled(deps.logger, {
    surface: "share",
    startedAt,
    requestId: body.trigger_id,
    passages: answer.found ? answer.passages.length : 0,
    found: answer.found,
  });
}

/** The next passages for the same question, where the asker saw the first ones. */
export async function handleMore(args: ButtonArgs, deps: SlackDeps) {
  const { ack, action, body, client, respond } = args;
  await ack();
  const startedAt = performance.now();
  const value = decodePageValue(action.value ?? "");
  if (!value) {
    await respond(ephemeral(renderNotice("That button has expired; ask again.")));
    return;
  }
  const thread = await pagedThread(args, deps);
  const asked = await askOrSay(deps, value, respond, body, thread ? { thread } : {});
  if (!asked) return;
  const { answer, settings } = asked;
  // A timeline's page has lines, not passages: judged by its passages, every More of a timeline was "no more".
  const shown = answer.timeline ? answer.timeline.entries.length : answer.passages.length;
  if (!answer.found || shown === 0) {
    // The corpus changed since the first page (or the button was pressed twice): say so, don't "not find".
    await respond(ephemeral(renderNotice(NO_MORE)));
    logHandled(deps.logger, {
      surface: "more",
      startedAt,
      requestId: body.trigger_id,
      passages: 0,
      found: false,
    });
    return;
  }
  const isEphemeral = Boolean(body.container?.is_ephemeral) || !body.message;
  if (isEphemeral || !body.channel) {
    await respond(ephemeral(render(answer, channelRenderOptions(settings, { share: true }))));
  } else {
    const message = body.message!;
    try {
      await client.chat.postMessage({
        channel: body.channel.id,
        thread_ts: (message.thread_ts as string | undefined) ?? message.ts,
        ...render(answer, channelRenderOptions(settings)),
      });
    } catch (error) {
      // The clicker would otherwise see nothing happen; a response_url reply still reaches them.
      const slackError = (error as { data?: { error?: string } }).data?.error;
      deps.logger.warn(
        { err: error, surface: "more", slackError, requestId: body.trigger_id },
        "more failed",
      );
      const notice =
        slackError === "not_in_channel" || slackError === "channel_not_found"
          ? "I can't post in this channel; invite me (/invite @Newsdesk) and press More again."
          : "Showing more failed; please try again in a moment.";
      await respond(ephemeral(renderNotice(notice)));
      return;
    }
  }
  logHandled(deps.logger, {
    surface: "more",
    startedAt,
    requestId: body.trigger_id,
    passages: shown,
    found: answer.found,
  });
}

/** Timeline: the question's story in date order, privately to whoever pressed it (Share posts it). */
export async function handleTimeline({ ack, action, body, respond }: ButtonArgs, deps: SlackDeps) {
  await ack();
  const startedAt = performance.now();
  const value = decodePageValue(action.value ?? "");
  if (!value) {
    await respond(ephemeral(renderNotice("That button has expired; ask again with /ask timeline.")));
    return;
  }
  const asked = await askOrSay(deps, { ...value, offset: 0, timeline: true }, respond, body);
  if (!asked) return;
  const { answer, settings } = asked;
  await respond(ephemeral(renderTimeline(answer, channelRenderOptions(settings, { share: true }))));
  logHandled(deps.logger, {
    surface: "timeline",
    startedAt,
    requestId: body.trigger_id,
    passages: answer.timeline?.entries.length ?? 0,
    found: answer.found,
  });
}

/**
 * The thread a follow-up's answer was read with, read again for its next page: the answer clicked on
 * is a visible reply in a thread. Only what came before that answer is read (one Web API call, with
 * the workspace's token), so the page reads as the first did.
 * Undefined otherwise (an ephemeral answer has no place in the thread to read from).
 */
async function pagedThread(
  { body, client, context }: ButtonArgs & { context?: { botId?: string; botUserId?: string } },
  deps: SlackDeps,
): Promise<ThreadContext | undefined> {
  const message = body.message as { ts?: string; thread_ts?: string } | undefined;
  const channel = body.channel?.id;
  if (!deps.readThread || body.container?.is_ephemeral || !message?.ts || !message.thread_ts || !channel)
    return undefined;
  return deps.readThread({
    token: client.token,
    channel,
    threadTs: message.thread_ts,
    beforeTs: message.ts,
    self: {
      botId: context?.botId ?? deps.botId,
      appId: (body as { api_app_id?: string }).api_app_id,
      botUserId: botUserOf(context, deps),
    },
  });
}

/** An answer or a timeline page, as its kind renders. */
function render(answer: Answer, options: RenderOptions = {}): SlackReply {
  return answer.timeline ? renderTimeline(answer, options) : renderAnswer(answer, options);
}

/** The page of answers a button asks for, or undefined after telling the presser the answer failed. */
async function askOrSay(
  deps: SlackDeps,
  { question, offset, asked, timeline }: PageValue,
  respond: ButtonArgs["respond"],
  body: ButtonArgs["body"],
  extra: AnswerOptions = {},
): Promise<ChannelAnswer | undefined> {
  const requestId = body.trigger_id;
  try {
    // As of the day first asked; a button of an older message carries none: today's. In the channel's
    // scope, as the first page was.
    return await askInChannel(
      deps,
      {
        team: teamOf(body),
        channel: body.channel?.id,
        question,
        offset,
        asked: asked ?? askedOfMs(undefined, deps.now),
      },
      timeline ? { ...extra, timeline: true } : extra,
    );
  } catch (error) {
    deps.logger.error({ err: error, surface: "button", requestId }, "answer failed");
    await respond(ephemeral(renderNotice(ANSWER_FAILED)));
    return undefined;
  }
}
