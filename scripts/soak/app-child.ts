/**
 * The app under soak, in its own process (so its heap is its own): the engine over the corpus and
 * startSlackApp in HTTP mode on loopback, wired as src/main.ts wires them, logging at info to a file.
 * Talks to the soak runner over IPC: reports its port, answers heap queries (after a full GC), stops.
 */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pino } from "pino";
import { isSlackConfig, loadConfig } from "../../src/config.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { createLogger } from "../../src/logger.js";
import { startSlackApp } from "../../src/slack/start-slack-app.js";
import { engine } from "../bench/engine-adapter.js";

const [apiUrl, signingSecret, corpusDir, logFile] = process.argv.slice(2);
if (!apiUrl || !signingSecret || !corpusDir || !logFile || !process.send) {
  console.error(
    "usage (spawned by scripts/soak/run.ts with IPC): app-child.ts API_URL SECRET CORPUS_DIR LOG_FILE",
  );
  process.exit(2);
}

const config = loadConfig({
  SLACK_BOT_TOKEN: "xoxb-soak-newsdesk",
  SLACK_SIGNING_SECRET: signingSecret,
  SLACK_API_URL: apiUrl,
  LOG_LEVEL: "info",
});
if (!isSlackConfig(config)) throw new Error("the soak's Slack settings did not select a Slack mode");
const corpus = await loadCorpus(corpusDir);
const { ask } = await engine.loadOrBuild(corpus, await mkdtemp(path.join(os.tmpdir(), "newsdesk-soak-")));
const destination = pino.destination({ dest: logFile, sync: false });
const logger = createLogger({ level: "info", destination });
const app = await startSlackApp({ config, ask, logger, port: 0, host: "127.0.0.1" });

const gc = (globalThis as { gc?: () => void }).gc;
// How long the app's event loop was held up since the last sample: tells the app's own stalls
// (GC, a slow answer) from the machine's.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const heap = () => {
  const loop = { loopDelayP99Ms: loopDelay.percentile(99) / 1e6, loopDelayMaxMs: loopDelay.max / 1e6 };
  loopDelay.reset();
  gc?.();
  const m = process.memoryUsage();
  return { heapUsedMB: m.heapUsed / 2 ** 20, rssMB: m.rss / 2 ** 20, afterGc: Boolean(gc), ...loop };
};

process.on("message", async (message: { type: string }) => {
  if (message.type === "heap") process.send!({ type: "heap", ...heap() });
  if (message.type === "stop") {
    await app.stop();
    destination.flushSync();
    process.send!({ type: "stopped" }, () => process.exit(0));
  }
});
process.send({
  type: "ready",
  port: app.port,
  articles: corpus.articles.length,
  titles: corpus.articles.map((a) => a.title),
});
