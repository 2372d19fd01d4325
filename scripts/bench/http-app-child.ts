/**
 * Spawned by the HTTP bench: starts one app in HTTP mode on a free loopback port and reports the port.
 * `bare` is plain Bolt acking /ask with fixed text — the ceiling a Bolt app can reach here;
 * `newsdesk` is the project's app on the seed corpus; `precomputed` is that app with the bench's
 * questions answered before the load (a measurement of everything but the engine); `store` is the app
 * with its embedded SQLite store in CACHE_DIR, as `npm start` runs it.
 */
import type { AddressInfo } from "node:net";
import bolt from "@slack/bolt";
import { startNewsdeskForBench } from "./newsdesk-app.js";
import { newsQuestionsFile } from "./paths.js";
import { readQuestionFile } from "./questions.js";
import { report } from "./spawn-tsx.js";

const [kind, apiUrl, signingSecret, cacheDir] = process.argv.slice(2);
if (!kind || !apiUrl || !signingSecret || !cacheDir) {
  console.error("usage: http-app-child.ts bare|newsdesk|precomputed|store API_URL SIGNING_SECRET CACHE_DIR");
  process.exit(2);
}

async function startBare(): Promise<number> {
  const app = new bolt.App({
    token: "xoxb-bench-bare",
    signingSecret: signingSecret!,
    clientOptions: { slackApiUrl: apiUrl! },
    logLevel: bolt.LogLevel.ERROR,
  });
  app.command("/ask", async ({ ack }) => {
    await ack({ response_type: "ephemeral", text: "Thanks — this is a fixed reply." });
  });
  const server = await app.start(0);
  return (server.address() as AddressInfo).port;
}

const port =
  kind === "bare"
    ? await startBare()
    : await startNewsdeskForBench({
        apiUrl,
        signingSecret,
        cacheDir,
        ...(kind === "store" ? { dataDir: cacheDir } : {}),
        ...(kind === "precomputed"
          ? { precompute: (await readQuestionFile(newsQuestionsFile, "news")).map((q) => q.question) }
          : {}),
      });
report({ port });
