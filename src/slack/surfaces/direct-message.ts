import type { App, SlackEventMiddlewareArgs } from "@slack/bolt";
import { teamOf } from "../channel-ask.js";
import { isQuestionMessage } from "../question-subtypes.js";
import { replyInConversation } from "../reply-in-conversation.js";
import { botUserOf, type SlackDeps } from "../slack-deps.js";

/** The conversations whose messages this surface answers (manifest.yml's message.im; manifest.test.ts). */
export const MESSAGE_CHANNEL_TYPES: readonly string[] = ["im"];

/** Messages in the bot's DM (App Home messages tab); a follow-up in a DM thread is answered there. */
export function register(app: App, deps: SlackDeps): void {
  app.event("message", (args) => deps.inFlight.run(() => handleDirectMessage(args, deps)));
}

export async function handleDirectMessage(
  {
    event,
    body,
    client,
    context,
  }: SlackEventMiddlewareArgs<"message"> & {
    client: Parameters<typeof replyInConversation>[0];
    context?: { botUserId?: string; botId?: string; workId?: string };
  },
  deps: SlackDeps,
): Promise<void> {
  const botUserId = botUserOf(context, deps);
  if (!MESSAGE_CHANNEL_TYPES.includes(event.channel_type)) return;
  // Edits, deletions, bot posts, joins… carry a subtype: not questions (question-subtypes.ts).
  if (!isQuestionMessage(event)) return;
  // Bolt's type of a file_share message has no bot_id; Slack's may (a bot sharing a file).
  if ((event as { bot_id?: unknown }).bot_id || !event.user || event.user === botUserId) return;
  // Recorded as accepted work, the message was claimed then (accepted-work.ts); else claim it here.
  if (!context?.workId && !(await deps.claims.claim(`message:${event.channel}:${event.ts}`))) return;
  await replyInConversation(client, deps, {
    surface: "dm",
    channel: event.channel,
    ...(teamOf(body) ? { team: teamOf(body)! } : {}),
    threadTs: event.thread_ts,
    text: event.text ?? "",
    ts: event.ts,
    requestId: body.event_id,
    botUserId,
    self: { botId: context?.botId, appId: body.api_app_id },
    user: event.user,
  });
}
