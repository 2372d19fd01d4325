import type { webApi } from "@slack/bolt";
import { formatDay } from "../../corpus/index.js";
import { decodeDeskValue } from "../action-values.js";
import { ANSWER_FAILED, citationMrkdwn, renderNotice } from "../answer-blocks.js";
import { askInChannel, type ChannelAnswer, teamOf } from "../channel-ask.js";
import { literal, shorten, wellFormed } from "../mrkdwn.js";
import { boundedKey } from "../request-claims.js";
import { askedOfMs, logHandled, type SlackDeps, USER_ID } from "../slack-deps.js";
import { type ButtonArgs, ephemeral } from "./button-args.js";

/** What a research-desk thread remembers: who asked, and where. */
interface DeskThread {
  asker: string;
  channel: string;
}

const NO_DESK = "This channel has no research desk; /ask settings desk:#research sets one.";

/**
 * How long a question stays sent: another press of the button for the same question by the same person
 * within this time (a double click, the button of a second copy of the answer) posts nothing again.
 */
export const DESK_RESEND_MS = 60 * 60 * 1000;

/**
 * "Ask the research desk": posts the question (who asked, where, the day, the passages tried) to the
 * channel's desk, where a researcher answers in its thread; the asker is told where it went, and is
 * mentioned in that thread when someone answers (handleDeskReply).
 */
export async function handleAskDesk({ ack, action, body, client, respond }: ButtonArgs, deps: SlackDeps) {
  await ack();
  const startedAt = performance.now();
  const value = decodeDeskValue(action.value ?? "");
  const team = teamOf(body);
  const channel = body.channel?.id;
  const asker = body.user.id;
  if (!value || !team || !channel || !USER_ID.test(asker)) {
    await respond(ephemeral(renderNotice("That button has expired; ask again.")));
    return;
  }
  const asked = value.asked ?? askedOfMs(undefined, deps.now);
  const sending = await claimSending(deps, team, asker, value.question, asked, body.trigger_id);
  if (!sending) {
    await respond(ephemeral(renderNotice(ALREADY_SENT)));
    return;
  }
  let tried: ChannelAnswer;
  try {
    // The passages tried, with their titles: the same ask again (same day, same scope).
    tried = await askInChannel(deps, { team, channel, question: value.question, asked });
  } catch (error) {
    deps.logger.error({ err: error, surface: "desk", requestId: body.trigger_id }, "answer failed");
    await sending.release();
    await respond(ephemeral(renderNotice(ANSWER_FAILED)));
    return;
  }
  const desk = tried.settings.desk;
  if (!desk) {
    await sending.release();
    await respond(ephemeral(renderNotice(NO_DESK)));
    return;
  }
  let ts: string | undefined;
  try {
    const posted = await client.chat.postMessage({
      channel: desk,
      ...deskPost(value.question, asked, asker, channel, tried),
    });
    ts = posted.ts;
  } catch (error) {
    const slackError = (error as { data?: { error?: string } }).data?.error;
    deps.logger.warn({ surface: "desk", slackError, requestId: body.trigger_id }, "desk post failed");
    await sending.release();
    await respond(ephemeral(deskRefused(slackError, desk)));
    return;
  }
  if (ts && deps.store) {
    const thread: DeskThread = { asker, channel };
    await deps.store.threads
      .mark(team, desk, ts, "desk", thread, deps.now().getTime())
      .catch((error: unknown) =>
        deps.logger.warn({ err: error, surface: "desk" }, "desk thread not remembered"),
      );
  }
  await respond(
    ephemeral({
      text: `Sent to <#${desk}>. You will be mentioned in its thread when someone answers.`,
      blocks: [
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: `Sent to the research desk, <#${desk}>. You will be mentioned in its thread when someone answers.`,
            verbatim: true,
          },
        },
      ],
    }),
  );
  logHandled(deps.logger, { surface: "desk", startedAt, requestId: body.trigger_id, outcome: "sent" });
}

const ALREADY_SENT =
  "That question is already on its way to the research desk; you will be mentioned in its thread when someone answers.";

/**
 * Claims sending one person's question of one day to the desk (a lease in the store, so two replicas
 * and two clicks agree): undefined when another press holds it. A send that fails releases it, so the
 * next press tries again. Without a store nothing is shared, and every press sends.
 */
async function claimSending(
  deps: SlackDeps,
  team: string,
  asker: string,
  question: string,
  asked: string,
  click: string | undefined,
): Promise<{ release(): Promise<void> } | undefined> {
  const store = deps.store;
  if (!store) return { release: async () => {} };
  const name = boundedKey(`desk:${team}:${asker}:${asked}:${question}`);
  const holder = click ?? `${asker}:${deps.now().getTime()}`;
  const held = await store.leases
    .acquire(name, holder, deps.now().getTime(), DESK_RESEND_MS)
    .catch((error: unknown) => {
      // The store down must not keep a question from the desk: send it, unguarded.
      deps.logger.warn({ err: error, surface: "desk" }, "desk send not claimed");
      return "unguarded" as const;
    });
  if (held === false) return undefined;
  if (held === "unguarded") return { release: async () => {} };
  return {
    release: () =>
      store.leases
        .release(name, holder)
        .catch((error: unknown) =>
          deps.logger.warn({ err: error, surface: "desk" }, "desk send not released"),
        ),
  };
}

/** Why the desk's channel refused the post, as the sentence that says what to do: trying again fixes neither. */
function deskRefused(slackError: string | undefined, desk: string) {
  if (slackError === "not_in_channel" || slackError === "channel_not_found")
    return renderNotice(
      "I can't post in the research desk's channel; invite me there (/invite @Newsdesk) and press the button again.",
    );
  if (slackError === "is_archived") {
    // The desk's id passed the settings' check: a channel link, which pings nobody.
    const text = `The research desk's channel, <#${desk}>, is archived; set another with /ask settings desk:#channel.`;
    return {
      text,
      blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text, verbatim: true } }],
    };
  }
  return renderNotice("Sending to the research desk failed; please try again in a moment.");
}

/** The desk's message: the question, who asked, where and when, and the passages tried. */
function deskPost(question: string, asked: string, asker: string, channel: string, tried: ChannelAnswer) {
  const passages = tried.answer.found ? tried.answer.passages : [];
  const triedText =
    passages.length > 0
      ? `Passages tried:\n${passages.map((p) => citationMrkdwn(p, false)).join("\n")}`
      : "No passage of the archive matched it.";
  // A DM's id as a channel link shows the desk a conversation it cannot open: said in words instead.
  const where = /^D/.test(channel) ? "a direct message" : `<#${channel}>`;
  const head = `*Question for the research desk* from <@${asker}> in ${where}, asked ${literal(formatDay(asked))}:`;
  const quoted = literal(shorten(question, 1500));
  return wellFormed({
    text: `Question for the research desk from <@${asker}>: ${quoted}`,
    blocks: [
      { type: "section" as const, text: { type: "mrkdwn" as const, text: head, verbatim: true } },
      { type: "section" as const, text: { type: "mrkdwn" as const, text: quoted, verbatim: true } },
      {
        type: "context" as const,
        elements: [{ type: "mrkdwn" as const, text: shorten(triedText, 2900), verbatim: true }],
      },
      {
        type: "context" as const,
        elements: [
          {
            type: "mrkdwn" as const,
            text: "Answer in this thread: the asker is mentioned here when someone does.",
            verbatim: true,
          },
        ],
      },
    ],
    unfurl_links: false,
    unfurl_media: false,
  });
}

/**
 * A reply in a research-desk thread: the first one by someone other than the asker mentions the
 * asker in the thread (once per thread). True when the thread is a desk's (handled here).
 */
export async function handleDeskReply(
  client: webApi.WebClient,
  deps: SlackDeps,
  reply: { team: string; channel: string; threadTs: string; user: string },
): Promise<boolean> {
  const store = deps.store;
  if (!store) return false;
  const mark = await store.threads
    .get(reply.team, reply.channel, reply.threadTs, "desk")
    .catch(() => undefined);
  if (!mark) return false;
  const thread = mark.data as Partial<DeskThread>;
  const asker = thread.asker;
  if (!asker || !USER_ID.test(asker) || asker === reply.user || !USER_ID.test(reply.user)) return true;
  const first = await store.threads
    .settle(reply.team, reply.channel, reply.threadTs, "desk", deps.now().getTime())
    .catch(() => false);
  if (!first) return true;
  try {
    await client.chat.postMessage({
      channel: reply.channel,
      thread_ts: reply.threadTs,
      text: `<@${asker}> — <@${reply.user}> answered your question in this thread.`,
      unfurl_links: false,
      unfurl_media: false,
    });
  } catch (error) {
    // Settled but never said: marked again (as it was), so the next reply there tells the asker.
    await store.threads
      .mark(reply.team, reply.channel, reply.threadTs, "desk", mark.data, mark.at)
      .catch(() => undefined);
    throw error;
  }
  deps.logger.info({ surface: "desk", outcome: "asker_told" }, "research desk answered");
  return true;
}
