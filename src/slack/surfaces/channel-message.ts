import type { App, SlackEventMiddlewareArgs, webApi } from "@slack/bolt";
import { teamOf } from "../channel-ask.js";
import { isQuestionMessage } from "../question-subtypes.js";
import { replyInConversation } from "../reply-in-conversation.js";
import { botUserOf, type SlackDeps } from "../slack-deps.js";
import { handleDeskReply } from "./research-desk.js";

/** The conversations whose messages this surface answers (message.channels, message.groups; manifest.test.ts). */
export const MESSAGE_CHANNEL_TYPES: readonly string[] = ["channel", "group"];

/**
 * Replies in channel threads (message.channels, message.groups) that do not mention Newsdesk: with
 * `follow-ups:all`, one in a thread Newsdesk answered in is answered as a follow-up there. Everything
 * else in a channel is ignored without a store or Web API call beyond the settings read.
 */
export function register(app: App, deps: SlackDeps): void {
  app.event("message", (args) => deps.inFlight.run(() => handleChannelMessage(args, deps)));
}

export async function handleChannelMessage(
  {
    event,
    body,
    client,
    context,
  }: SlackEventMiddlewareArgs<"message"> & {
    client: Parameters<typeof replyInConversation>[0];
    context?: { botUserId?: string; botId?: string };
  },
  deps: SlackDeps,
): Promise<void> {
  if (!MESSAGE_CHANNEL_TYPES.includes(event.channel_type)) return;
  const botUserId = botUserOf(context, deps);
  if (!isQuestionMessage(event)) return;
  // Bolt's type of a file_share message has no bot_id; Slack's may (a bot sharing a file).
  if ((event as { bot_id?: unknown }).bot_id || !event.user || event.user === botUserId) return;
  const threadTs = event.thread_ts;
  if (!threadTs || threadTs === event.ts) return;
  const text = event.text ?? "";
  // A reply that mentions Newsdesk is an app_mention, answered by that handler.
  if (text.includes(`<@${botUserId}`)) return;
  const team = teamOf(body);
  if (!team || !deps.store) return;
  const desk = { team, channel: event.channel, threadTs, user: event.user };
  if (await handleDeskReply(client as unknown as webApi.WebClient, deps, desk)) return;
  const settings = await deps.workflows.settingsOf(team, event.channel);
  if (settings.followUps !== "all") return;
  const answered = await deps.store.threads
    .get(team, event.channel, threadTs, "answered")
    .catch(() => undefined);
  if (!answered) return;
  if (!(await deps.claims.claim(`message:${event.channel}:${event.ts}`))) return;
  await replyInConversation(client, deps, {
    surface: "follow-up",
    team,
    user: event.user,
    channel: event.channel,
    threadTs,
    text,
    ts: event.ts,
    requestId: body.event_id,
    botUserId,
    self: { botId: context?.botId, appId: body.api_app_id },
  });
}
