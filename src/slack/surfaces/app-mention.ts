import type { App, SlackEventMiddlewareArgs } from "@slack/bolt";
import { teamOf } from "../channel-ask.js";
import { isQuestionMessage } from "../question-subtypes.js";
import { replyInConversation } from "../reply-in-conversation.js";
import { botUserOf, type SlackDeps } from "../slack-deps.js";

/** `@Newsdesk <question>` in a channel: answered in the mention's thread, never in the channel root. */
export function register(app: App, deps: SlackDeps): void {
  app.event("app_mention", (args) => deps.inFlight.run(() => handleAppMention(args, deps)));
}

export async function handleAppMention(
  {
    event,
    body,
    client,
    context,
  }: SlackEventMiddlewareArgs<"app_mention"> & {
    client: Parameters<typeof replyInConversation>[0];
    context?: { botUserId?: string; botId?: string; workId?: string };
  },
  deps: SlackDeps,
): Promise<void> {
  const botUserId = botUserOf(context, deps);
  if (event.bot_id || event.user === botUserId || !isQuestionMessage(event)) return;
  // Shared with the DM handler: a mention in a DM arrives as both app_mention and message.
  // Recorded as accepted work, the message was claimed then (accepted-work.ts); else claim it here.
  if (!context?.workId && !(await deps.claims.claim(`message:${event.channel}:${event.ts}`))) return;
  await replyInConversation(client, deps, {
    surface: "mention",
    channel: event.channel,
    ...(teamOf(body) ? { team: teamOf(body)! } : {}),
    ...(event.user ? { user: event.user } : {}),
    threadTs: event.thread_ts ?? event.ts,
    text: event.text,
    ts: event.ts,
    requestId: body.event_id,
    botUserId,
    self: { botId: context?.botId, appId: body.api_app_id },
  });
}
