import { createHash } from "node:crypto";
import { normalizeQuestion } from "../../answer/index.js";
import { decodeFeedbackValue, splitPassageId } from "../action-values.js";
import { renderNotice } from "../answer-blocks.js";
import { teamOf } from "../channel-ask.js";
import {
  decodeReasonValue,
  MAX_REASON_CHARS,
  NOT_SAVED,
  reasonBlocks,
  THANKS_DOWN,
  THANKS_UP,
  voteIdOfBlock,
} from "../feedback.js";
import { cut } from "../mrkdwn.js";
import { askedOfMs, logHandled, type SlackDeps } from "../slack-deps.js";
import { type ButtonArgs, ephemeral } from "./button-args.js";

const EXPIRED_FOLLOW_UP = "That follow-up has expired; your 👎 stands as it was.";

/**
 * 👍/👎: the vote is stored (the page's first passage, whole) and acknowledged privately; a 👎 is
 * answered with the optional "what was wrong?" follow-up. The log line has the question's hash, never
 * its text: staff questions stay in the store (docs/slack.md).
 */
export async function handleFeedback({ ack, action, body, respond }: ButtonArgs, deps: SlackDeps) {
  await ack();
  const startedAt = performance.now();
  const value = decodeFeedbackValue(action.value ?? "");
  if (!value) {
    await respond(ephemeral(renderNotice("That button has expired.")));
    return;
  }
  const team = teamOf(body);
  const passage = value.passage ? splitPassageId(value.passage) : undefined;
  deps.logger.info(
    {
      surface: "feedback",
      vote: value.vote,
      questionHash: createHash("sha256").update(value.question).digest("hex").slice(0, 12),
      passage: value.passage,
      rank: value.rank,
      user: body.user.id,
      requestId: body.trigger_id,
    },
    "answer feedback",
  );
  let voteId: number | undefined;
  if (deps.store && team && passage) {
    try {
      voteId = await deps.store.feedback.add({
        team,
        channel: body.channel?.id ?? "",
        user: body.user.id,
        question: value.question,
        normalizedQuestion: normalizeQuestion(value.question),
        askedDay: value.asked ?? askedOfMs(undefined, deps.now),
        articleId: passage.articleId,
        paragraph: passage.paragraph,
        rank: value.rank ?? 1,
        vote: value.vote,
        at: deps.now().getTime(),
      });
    } catch (error) {
      deps.logger.warn({ err: error, surface: "feedback", requestId: body.trigger_id }, "vote not stored");
      await respond(ephemeral(renderNotice(NOT_SAVED)));
      return;
    }
  }
  if (value.vote === "down" && voteId !== undefined) {
    await respond(ephemeral({ text: THANKS_DOWN, blocks: reasonBlocks(voteId) }));
  } else {
    await respond(ephemeral(renderNotice(value.vote === "up" ? THANKS_UP : "Thanks — noted. 👎")));
  }
  logHandled(deps.logger, {
    surface: "feedback",
    startedAt,
    requestId: body.trigger_id,
    outcome: value.vote,
  });
}

/** A choice of the 👎 follow-up: kept with the vote (the voter's own only). */
export async function handleReason({ ack, action, body, respond }: ButtonArgs, deps: SlackDeps) {
  await ack();
  const reason = decodeReasonValue(action.value ?? "");
  const team = teamOf(body);
  const kept =
    reason && team && deps.store
      ? await deps.store.feedback
          .explain(reason.id, team, body.user.id, { kind: reason.kind })
          .catch(() => false)
      : false;
  if (!kept || !reason) {
    await respond({ replace_original: true, ...renderNotice(EXPIRED_FOLLOW_UP) });
    return;
  }
  await respond({ replace_original: true, text: THANKS_DOWN, blocks: reasonBlocks(reason.id, reason.kind) });
  deps.logger.info({ surface: "feedback", outcome: "reason", reason: reason.kind }, "feedback reason");
}

/** Said for Enter on an empty box: the 👎 follow-up stays as it was. */
const EMPTY_NOTE = "Nothing was written: type what was wrong in the box, then press Enter.";

/** The follow-up's free text (Enter): kept with the vote, cut to MAX_REASON_CHARS. */
export async function handleReasonText({ ack, action, body, respond }: ButtonArgs, deps: SlackDeps) {
  await ack();
  const input = action as unknown as { value?: unknown; block_id?: string };
  const id = voteIdOfBlock(input.block_id);
  const text = typeof input.value === "string" ? cut(input.value.trim(), MAX_REASON_CHARS) : "";
  const team = teamOf(body);
  if (text === "") {
    // Enter on an empty box: the 👎 follow-up stays, and a line says what the box is for.
    await respond({ replace_original: false, ...renderNotice(EMPTY_NOTE) });
    return;
  }
  const kept =
    id !== undefined && team && deps.store
      ? await deps.store.feedback.explain(id, team, body.user.id, { reason: text }).catch(() => false)
      : false;
  await respond({
    replace_original: true,
    ...renderNotice(kept ? "Thanks — your note is kept with your 👎." : EXPIRED_FOLLOW_UP),
  });
  deps.logger.info({ surface: "feedback", outcome: "reason_text", kept }, "feedback reason");
}
