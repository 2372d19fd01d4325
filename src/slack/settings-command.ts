import type { SlashCommand, webApi } from "@slack/bolt";
import { renderNotice, type SlackReply } from "./answer-blocks.js";
import { changedSentence, describeSettings, parseSettingsCommand } from "./channel-settings.js";
import { escapeMrkdwn, wellFormed } from "./mrkdwn.js";
import type { SlackDeps } from "./slack-deps.js";

/** Slack's names for conversations that are not channels: no "#name" in a footer for them. */
const UNNAMED = new Set(["directmessage", "privategroup", "mpdm"]);

/**
 * `/ask settings` (show), `/ask settings reset`, `/ask settings from:… section:… byline:… replies:…
 * follow-ups:… desk:#…`: the reply is the ack, for the person who typed it only.
 */
export async function handleSettingsCommand(
  command: Pick<SlashCommand, "team_id" | "channel_id" | "channel_name" | "user_id" | "command">,
  raw: string,
  plain: string,
  client: webApi.WebClient,
  deps: SlackDeps,
): Promise<SlackReply> {
  const { workflows } = deps;
  const team = command.team_id;
  const channel = command.channel_id;
  const parsed = parseSettingsCommand(raw, plain);
  const describe = (settings: Parameters<typeof describeSettings>[0]) =>
    describeSettings(settings, {
      whoMayChange: workflows.whoMayChange(),
      command: command.command,
      ...(workflows.defaultDesk ? { defaultDesk: workflows.defaultDesk } : {}),
    });
  if (parsed.kind === "problem") return renderNotice(parsed.sentence);
  if (parsed.kind === "show") return mrkdwnReply(describe(await workflows.settingsOf(team, channel)));
  const refusal = await workflows.refusal(client, command.user_id);
  if (refusal) return mrkdwnReply(refusal);
  const name = command.channel_name && !UNNAMED.has(command.channel_name) ? command.channel_name : undefined;
  const outcome = await workflows.change(
    team,
    channel,
    parsed.kind === "reset" ? "reset" : parsed.change,
    name,
  );
  if (!outcome.ok) return renderNotice(outcome.sentence);
  deps.logger.info(
    {
      surface: "command",
      outcome: "settings_changed",
      channel,
      user: command.user_id,
      settings: outcome.settings,
    },
    "channel settings changed",
  );
  const done = parsed.kind === "reset" ? "Cleared this channel's settings." : changedSentence(parsed.change);
  return mrkdwnReply(`${escapeMrkdwn(done)}\n${describe(outcome.settings)}`);
}

/** A reply of safe mrkdwn the app wrote (values in it went through `literal`). */
function mrkdwnReply(mrkdwn: string): SlackReply {
  const text = wellFormed(mrkdwn);
  return {
    text,
    blocks: [{ type: "section", text: { type: "mrkdwn", text, verbatim: true } }],
    unfurl_links: false,
    unfurl_media: false,
  };
}
