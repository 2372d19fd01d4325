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
  /** Where its answer goes: the channel of a mention or DM, the response_url's path of a command or click. */
  target: string;
  body: string;
  headers: Record<string, string>;
}

export interface TrafficOptions {
  /**
   * Every request answers somewhere of its own: each mention and DM in its own channel, each command
   * and click with its own response_url (`…/c<n>`, `…/k<n>`), so the replica soak can tell a lost
   * answer from a doubled one. Default: one channel and one response_url for all.
   */
  distinctTargets?: boolean;
}

export function createTraffic(
  signingSecret: string,
  questions: string[],
  responseUrl: string,
  options: TrafficOptions = {},
) {
  let n = 0;
  const distinct = options.distinctTargets === true;
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
    const channel = distinct ? `C0S${n}` : "C0SOAK";
    const dmChannel = distinct ? `D0S${n}` : "D0SOAK";
    const replyUrl = (tag: string) => (distinct ? `${responseUrl}/${tag}${n}` : responseUrl);
    const kind = MIX[n % MIX.length]!;
    const question = questions[(n * 7919) % questions.length]!;
    const ts = `${1_800_000_000 + Math.floor(n / 1_000_000)}.${String(n % 1_000_000).padStart(6, "0")}`;
    if (kind === "command" || kind === "click") {
      const body =
        kind === "command"
          ? new URLSearchParams({
              team_id: "T0SOAK",
              channel_id: channel,
              user_id: "U0EDITOR",
              command: "/ask",
              text: question,
              response_url: replyUrl("c"),
              trigger_id: `${n}.soak.${randomUUID()}`,
            }).toString()
          : new URLSearchParams({
              payload: JSON.stringify({
                type: "block_actions",
                user: { id: "U0EDITOR" },
                team: { id: "T0SOAK" },
                channel: { id: channel },
                container: { type: "message", is_ephemeral: true, channel_id: channel },
                trigger_id: `${n}.soak.${randomUUID()}`,
                response_url: replyUrl("k"),
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
      const target = new URL(replyUrl(kind === "command" ? "c" : "k")).pathname.slice(1);
      return { kind, target, body, headers: sign(body, FORM) };
    }
    const event =
      kind === "mention"
        ? {
            type: "app_mention",
            channel,
            user: "U0EDITOR",
            text: `<@${BOT_USER_ID}> ${question}`,
            ts,
          }
        : {
            type: "message",
            channel_type: "im",
            channel: dmChannel,
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
    return { kind, target: event.channel, body, headers: sign(body, "application/json") };
  };
}

/** The same request signed again now, as Slack sends a retry: `x-slack-retry-num` and its reason. */
export function signedRetry(signingSecret: string, request: SoakRequest, attempt: number): SoakRequest {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    ...request,
    headers: {
      ...request.headers,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signSlackRequest(signingSecret, timestamp, request.body),
      "x-slack-retry-num": String(attempt),
      "x-slack-retry-reason": "http_error",
    },
  };
}
