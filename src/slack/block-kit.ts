/** The Block Kit pieces every reply is built of: sections, contexts, buttons, and links made safe. */
import type { types } from "@slack/bolt";
import { escapeMrkdwn } from "./mrkdwn.js";

type KnownBlock = types.KnownBlock;
type Button = types.Button;

/** Longer URLs are dropped (the title stays): a link that long is broken or hostile. */
const MAX_URL_CHARS = 1000;

export function safeUrl(url: string | null): string | null {
  if (!url || url.length > MAX_URL_CHARS) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
    // `|` and `>` would end Slack's <url|label> early; the WHATWG serializer leaves `|` alone.
    const href = escapeMrkdwn(parsed.href.replace(/\|/g, "%7C"));
    return href.length <= MAX_URL_CHARS * 2 ? href : null;
  } catch {
    return null;
  }
}

export function section(text: string): KnownBlock {
  // verbatim: Slack must not auto-link names, channels or URLs found in article or user text.
  return { type: "section", text: { type: "mrkdwn", text, verbatim: true } };
}

export function context(text: string): KnownBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text, verbatim: true }] };
}

export function button(label: string, actionId: string, value: string, style?: "primary"): Button {
  return {
    type: "button",
    text: { type: "plain_text", text: label, emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}
