/**
 * The soak's mix of Slack requests, signed as Slack signs them: slash commands (answered in the
 * ack), channel mentions and DMs (answered by chat.postMessage) and 👍 clicks (answered through
 * response_url). Every request is distinct (trigger ids, event ids, message ts), as in Slack.
 */
import { randomUUID } from "node:crypto";
import { signSlackRequest } from "../bench/slack-request.js";

export type Kind = "command" | "mention" | "dm" | "click";

/** Out of 20 requests: 10 commands, 5 mentions, 4 DMs, 1 click. */
const MIX: Kind[] = [..."cccccccccc"]
  .map(() => "command" as Kind)
  .concat(Array(5).fill("mention"), Array(4).fill("dm"), ["click"]);

const BOT_USER_ID = "U0BOT";
const FORM = "application/x-www-form-urlencoded";

/** Questions: words from the corpus's headlines, off-topic ones, and hostile text. */
export function questionsFrom(titles: string[]): string[] {
  const fromTitles = titles.map((t) => t.split(/\s+/).slice(0, 7).join(" "));
  return [
    ...fromTitles,
    "who won the chess championship in 1972?",
    "<!channel> what did the minister say? <@U0VICTIM>",
    "*budget* _cuts_ ~strike~ `code` & <script>",
    "x".repeat(3000),
    "",
    "help",
  ];
}

export interface SoakRequest {
  kind: Kind;
  body: string;
  headers: Record<string, string>;
}

export function createTraffic(signingSecret: string, questions: string[], responseUrl: string) {
  let n = 0;
  const sign = (body: string, contentType: string): Record<string, string> => {
    const timestamp = Math.floor(Date.now() / 1000);
    return {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signSlackRequest(signingSecret, timestamp, body),
    };
  };
  return function next(): SoakRequest {
    n += 1;
    const kind = MIX[n % MIX.length]!;
    const question = questions[(n * 7919) % questions.length]!;
    const ts = `${1_800_000_000 + Math.floor(n / 1_000_000)}.${String(n % 1_000_000).padStart(6, "0")}`;
    if (kind === "command" || kind === "click") {
      const body =
        kind === "command"
          ? new URLSearchParams({
              team_id: "T0SOAK",
              channel_id: "C0SOAK",
              user_id: "U0EDITOR",
              command: "/ask",
              text: question,
              response_url: responseUrl,
              trigger_id: `${n}.soak.${randomUUID()}`,
            }).toString()
          : new URLSearchParams({
              payload: JSON.stringify({
                type: "block_actions",
                user: { id: "U0EDITOR" },
                team: { id: "T0SOAK" },
                channel: { id: "C0SOAK" },
                container: { type: "message", is_ephemeral: true, channel_id: "C0SOAK" },
                trigger_id: `${n}.soak.${randomUUID()}`,
                response_url: responseUrl,
                actions: [
                  {
                    type: "button",
                    action_id: "newsdesk_feedback_up",
                    block_id: "newsdesk_actions",
                    value: JSON.stringify({ q: question.slice(0, 200), v: "up", p: ["a#1"] }),
                  },
                ],
              }),
            }).toString();
      return { kind, body, headers: sign(body, FORM) };
    }
    const event =
      kind === "mention"
        ? {
            type: "app_mention",
            channel: "C0SOAK",
            user: "U0EDITOR",
            text: `<@${BOT_USER_ID}> ${question}`,
            ts,
          }
        : {
            type: "message",
            channel_type: "im",
            channel: "D0SOAK",
            user: "U0EDITOR",
            text: question || "hi",
            ts,
          };
    const body = JSON.stringify({
      type: "event_callback",
      team_id: "T0SOAK",
      api_app_id: "A0SOAK",
      event: { ...event, event_ts: ts },
      event_id: `Ev${n}${randomUUID().slice(0, 8)}`,
      event_time: Math.floor(Date.now() / 1000),
    });
    return { kind, body, headers: sign(body, "application/json") };
  };
}
