import { createHash } from "node:crypto";
import type {
  App,
  BlockButtonAction,
  RespondArguments,
  SlackActionMiddlewareArgs,
  webApi,
} from "@slack/bolt";
import type { Answer } from "../../answer/index.js";
import { decodeFeedbackValue, decodePageValue, type PageValue } from "../action-values.js";
import {
  ACTION_IDS,
  ANSWER_FAILED,
  type RenderOptions,
  renderAnswer,
  renderNotice,
  type SlackReply,
} from "../answer-blocks.js";
import { askedOfMs, logHandled, type SlackDeps, USER_ID } from "../slack-deps.js";
import { renderTimeline } from "../timeline-blocks.js";

export const NO_MORE = "There are no more passages for that question.";

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & { client: webApi.WebClient };

const ephemeral = (message: object): RespondArguments =>
  ({ response_type: "ephemeral", replace_original: false, ...message }) as RespondArguments;

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
  };
  app.action({ type: "block_actions" }, async (args) => {
    const actionId = (args.action as { action_id?: string }).action_id;
    const handler =
      actionId !== undefined && Object.hasOwn(handlers, actionId) ? handlers[actionId] : undefined;
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
  const answer = await askOrSay(deps, value, respond, body.trigger_id);
  if (!answer) return;
  // The only mention the app writes itself: the sharer, by a user id Slack gave us.
  const preface = USER_ID.test(body.user.id) ? `Shared by <@${body.user.id}>` : undefined;
  const threadTs = body.container?.thread_ts as string | undefined;
  try {
    await client.chat.postMessage({
      channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...render(answer, preface ? { preface } : {}),
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
export async function handleMore({ ack, action, body, client, respond }: ButtonArgs, deps: SlackDeps) {
  await ack();
  const startedAt = performance.now();
  const value = decodePageValue(action.value ?? "");
  if (!value) {
    await respond(ephemeral(renderNotice("That button has expired; ask again.")));
    return;
  }
  const answer = await askOrSay(deps, value, respond, body.trigger_id);
  if (!answer) return;
  if (!answer.found || answer.passages.length === 0) {
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
    await respond(ephemeral(render(answer, { share: true })));
  } else {
    const message = body.message!;
    try {
      await client.chat.postMessage({
        channel: body.channel.id,
        thread_ts: (message.thread_ts as string | undefined) ?? message.ts,
        ...render(answer),
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
    passages: answer.found ? answer.passages.length : 0,
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
  const answer = await askOrSay(deps, { ...value, offset: 0, timeline: true }, respond, body.trigger_id);
  if (!answer) return;
  await respond(ephemeral(renderTimeline(answer, { share: true })));
  logHandled(deps.logger, {
    surface: "timeline",
    startedAt,
    requestId: body.trigger_id,
    passages: answer.timeline?.entries.length ?? 0,
    found: answer.found,
  });
}

/** An answer or a timeline page, as its kind renders. */
function render(answer: Answer, options: RenderOptions = {}): SlackReply {
  return answer.timeline ? renderTimeline(answer, options) : renderAnswer(answer, options);
}

/** 👍/👎: acknowledged privately and logged with the question and the passages that were shown. */
export async function handleFeedback({ ack, action, body, respond }: ButtonArgs, deps: SlackDeps) {
  await ack();
  const startedAt = performance.now();
  const value = decodeFeedbackValue(action.value ?? "");
  if (!value) {
    await respond(ephemeral(renderNotice("That button has expired.")));
    return;
  }
  deps.logger.info(
    {
      surface: "feedback",
      vote: value.vote,
      question: value.question,
      questionHash: createHash("sha256").update(value.question).digest("hex").slice(0, 12),
      passages: value.passages,
      user: body.user.id,
      requestId: body.trigger_id,
    },
    "answer feedback",
  );
  const thanks =
    value.vote === "up" ? "Thanks — glad it helped. 👍" : "Thanks — noted; this helps us improve. 👎";
  await respond(ephemeral(renderNotice(thanks)));
  logHandled(deps.logger, {
    surface: "feedback",
    startedAt,
    requestId: body.trigger_id,
    outcome: value.vote,
  });
}

/** The page of answers a button asks for, or undefined after telling the presser the answer failed. */
async function askOrSay(
  deps: SlackDeps,
  { question, offset, asked, timeline }: PageValue,
  respond: ButtonArgs["respond"],
  requestId: string,
): Promise<Answer | undefined> {
  try {
    // As of the day first asked; a button of an older message carries none: today's.
    return await deps.ask(question, {
      ...deps.answerOptions,
      offset,
      asked: asked ?? askedOfMs(undefined, deps.now),
      ...(timeline ? { timeline: true } : {}),
    });
  } catch (error) {
    deps.logger.error({ err: error, surface: "button", requestId }, "answer failed");
    await respond(ephemeral(renderNotice(ANSWER_FAILED)));
    return undefined;
  }
}
