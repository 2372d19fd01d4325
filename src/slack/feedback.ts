/**
 * Feedback that acts: each 👍/👎 is kept in the store (workspace, channel, user, question, day asked,
 * passage, rank, time), a 👎 asks — optionally — what was wrong, and the votes on a question decide
 * which passages are not shown first for it again (an input of the engine, AnswerOptions.demoted).
 */
import type { types } from "@slack/bolt";
import type { FeedbackRow, ReasonKind } from "../store/index.js";
import { ACTION_IDS } from "./answer-blocks.js";
import { escapeMrkdwn, wellFormed } from "./mrkdwn.js";

/** The follow-up's choices, in the order shown. */
export const REASONS: ReadonlyArray<{ kind: ReasonKind; label: string }> = [
  { kind: "wrong_passage", label: "Wrong passage" },
  { kind: "out_of_date", label: "Out of date" },
  { kind: "not_what_i_asked", label: "Not what I asked" },
  { kind: "other", label: "Other" },
];
/** Longest free-text reason kept. */
export const MAX_REASON_CHARS = 500;
/** The free-text reason's block id starts with this, followed by the vote's id. */
export const REASON_TEXT_BLOCK = "newsdesk_reason_text:";

export const THANKS_UP = "Thanks — glad it helped. 👍";
export const THANKS_DOWN = "Thanks — noted. 👎 What was wrong? (optional)";
export const NOT_SAVED =
  "Thanks — but your vote could not be saved right now (the store is unreachable); please try again later.";

/**
 * The passages to keep from first place for a question, from every vote on it in a workspace: each
 * user's latest vote on a passage counts once; a passage is demoted while someone's latest vote on it
 * is 👎 and nobody's is 👍 (a 👍 by another user, or the voter's own change of mind, cancels).
 */
export function demotedPassages(votes: readonly FeedbackRow[]): string[] {
  const latest = new Map<string, Map<string, FeedbackRow["vote"]>>();
  // Oldest first, so a later vote of the same user replaces an earlier one.
  for (const v of [...votes].sort((a, b) => a.at - b.at)) {
    const id = `${v.articleId}#${v.paragraph}`;
    const users = latest.get(id) ?? new Map<string, FeedbackRow["vote"]>();
    users.set(v.user, v.vote);
    latest.set(id, users);
  }
  const demoted: string[] = [];
  for (const [id, users] of latest) {
    const kinds = [...users.values()];
    if (kinds.includes("down") && !kinds.includes("up")) demoted.push(id);
  }
  return demoted;
}

/**
 * The 👎 follow-up: the choices as buttons, and a line of free text sent with Enter. Once a choice is
 * made (`chosen`), the buttons give way to a thanks naming it; the line of text stays.
 */
export function reasonBlocks(voteId: number, chosen?: ReasonKind): types.KnownBlock[] {
  const head = chosen
    ? `Thanks — noted as “${reasonLabel(chosen)}”. Anything to add? (optional)`
    : THANKS_DOWN;
  const choices: types.KnownBlock[] = chosen
    ? []
    : [
        {
          type: "actions",
          block_id: "newsdesk_reasons",
          elements: REASONS.map((r) => ({
            type: "button" as const,
            text: { type: "plain_text" as const, text: r.label },
            action_id: `${ACTION_IDS.feedbackReason}:${r.kind}`,
            value: JSON.stringify({ id: voteId, k: r.kind }),
          })),
        },
      ];
  return wellFormed([
    { type: "section", text: { type: "mrkdwn", text: escapeMrkdwn(head), verbatim: true } },
    ...choices,
    {
      type: "input",
      block_id: `${REASON_TEXT_BLOCK}${voteId}`,
      dispatch_action: true,
      optional: true,
      label: { type: "plain_text", text: "Anything to add? Press Enter to send." },
      element: {
        type: "plain_text_input",
        action_id: ACTION_IDS.feedbackText,
        max_length: MAX_REASON_CHARS,
        dispatch_action_config: { trigger_actions_on: ["on_enter_pressed"] },
      },
    },
  ]);
}

/** A reason button's value: the vote's id and the choice. */
export function decodeReasonValue(raw: string): { id: number; kind: ReasonKind } | undefined {
  try {
    const data = JSON.parse(raw) as { id?: unknown; k?: unknown };
    const kind = REASONS.find((r) => r.kind === data.k)?.kind;
    return Number.isSafeInteger(data.id) && kind ? { id: data.id as number, kind } : undefined;
  } catch {
    return undefined;
  }
}

/** The vote id of a free-text reason's block id. */
export function voteIdOfBlock(blockId: string | undefined): number | undefined {
  if (!blockId?.startsWith(REASON_TEXT_BLOCK)) return undefined;
  const id = Number(blockId.slice(REASON_TEXT_BLOCK.length));
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** The label of a reason, for the thanks that replaces the follow-up. */
export function reasonLabel(kind: ReasonKind): string {
  return REASONS.find((r) => r.kind === kind)?.label ?? kind;
}
