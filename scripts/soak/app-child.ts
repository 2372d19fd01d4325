/**
 * The app under soak, in its own process (so its heap is its own): the live index over the corpus in its
 * worker thread and startSlackApp in HTTP mode on loopback, wired as src/main.ts wires them, logging at
 * info to a file. Heap figures add the worker's isolate (where the index lives) to this thread's.
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
import { createRemoteLiveIndex } from "../../src/runtime/remote-live-index.js";
import { startSlackApp } from "../../src/slack/start-slack-app.js";

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
// The runner asks about the corpus's stories: their titles (the articles themselves are not kept here).
const titles = (await loadCorpus(corpusDir)).articles.map((a) => a.title);
const destination = pino.destination({ dest: logFile, sync: false });
const logger = createLogger({ level: "info", destination });
const live = await createRemoteLiveIndex({
  corpusDir,
  cacheDir: await mkdtemp(path.join(os.tmpdir(), "newsdesk-soak-")),
  logger,
  watch: false,
});
const app = await startSlackApp({ config, ask: live.ask, logger, port: 0, host: "127.0.0.1" });

const gc = (globalThis as { gc?: () => void }).gc;
// How long the app's event loop was held up since the last sample: tells the app's own stalls
// (GC, a slow answer) from the machine's.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const heap = async () => {
  const loop = { loopDelayP99Ms: loopDelay.percentile(99) / 1e6, loopDelayMaxMs: loopDelay.max / 1e6 };
  loopDelay.reset();
  gc?.();
  const m = process.memoryUsage();
  const worker = await live.memory();
  return {
    heapUsedMB: (m.heapUsed + worker.heapUsed) / 2 ** 20,
    rssMB: worker.rss / 2 ** 20,
    afterGc: Boolean(gc),
    ...loop,
  };
};

process.on("message", async (message: { type: string }) => {
  if (message.type === "heap") process.send!({ type: "heap", ...(await heap()) });
  if (message.type === "stop") {
    await app.stop();
    await live.close();
    destination.flushSync();
    process.send!({ type: "stopped" }, () => process.exit(0));
  }
});
process.send({
  type: "ready",
  port: app.port,
  articles: titles.length,
  titles,
});
