import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface WebApiStandIn {
  /** Base URL ending in `/api/`, as Slack's Web API client expects. */
  apiUrl: string;
  /** Where slash commands' response_url points. */
  responseUrl: string;
  calls: Map<string, number>;
  /** chat.postMessage calls by the channel they post to (the soak gives every event its own channel). */
  postsByChannel: Map<string, number>;
  close(): Promise<void>;
}

/**
 * A loopback stand-in for Slack's Web API: every method answers `ok: true` (auth.test with a bot
 * identity), and response_url posts are accepted — enough for an app to start and reply.
 */
export async function startWebApiStandIn(): Promise<WebApiStandIn> {
  const calls = new Map<string, number>();
  const postsByChannel = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const method = (req.url ?? "")
      .split("?")[0]!
      .replace(/^\/api\//, "")
      .replace(/^\//, "");
    calls.set(method, (calls.get(method) ?? 0) + 1);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (method === "chat.postMessage") {
        const channel = postedChannel(Buffer.concat(chunks).toString("utf8"), req.headers["content-type"]);
        postsByChannel.set(channel, (postsByChannel.get(channel) ?? 0) + 1);
      }
      const body =
        method === "auth.test"
          ? {
              ok: true,
              url: "https://newsdesk-bench.slack.com/",
              team: "Bench",
              user: "newsdesk",
              team_id: "T0BENCH",
              user_id: "U0BOT",
              bot_id: "B0BOT",
            }
          : { ok: true, channel: "C0BENCH", ts: `${Date.now() / 1000}`, message_ts: `${Date.now() / 1000}` };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    responseUrl: `http://127.0.0.1:${port}/response-url/bench`,
    calls,
    postsByChannel,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The `channel` of a Web API call's body: the client sends a form, a JSON body is accepted too. */
function postedChannel(body: string, contentType: string | undefined): string {
  if (contentType?.includes("json")) {
    try {
      return String((JSON.parse(body) as { channel?: unknown }).channel ?? "");
    } catch {
      return "";
    }
  }
  return new URLSearchParams(body).get("channel") ?? "";
}
