import { isSlackConfig, loadConfig } from "../../src/config.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { createLogger } from "../../src/logger.js";
import { startSlackApp } from "../../src/slack/start-slack-app.js";
import { engine } from "./engine-adapter.js";
import { seedCorpusDir } from "./paths.js";

/**
 * Starts the project's HTTP-mode Slack app on the seed corpus, on a free loopback port, against the
 * Web API stand-in; returns the port. It logs at info as in production, into a sink (the cost of
 * formatting a line stays in the figure, the terminal's does not).
 */
export async function startNewsdeskForBench(options: {
  apiUrl: string;
  signingSecret: string;
  /** Folder for the index cache (the parent creates and removes it). */
  cacheDir: string;
}): Promise<number> {
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-bench-newsdesk",
    SLACK_SIGNING_SECRET: options.signingSecret,
    SLACK_API_URL: options.apiUrl,
    LOG_LEVEL: "info",
  });
  if (!isSlackConfig(config)) throw new Error("the bench's Slack settings did not select a Slack mode");
  const { ask } = await engine.loadOrBuild(await loadCorpus(seedCorpusDir), options.cacheDir);
  const logger = createLogger({ level: "info", destination: { write: () => {} } });
  const handle = await startSlackApp({ config, ask, logger, port: 0, host: "127.0.0.1" });
  if (handle.port === null) throw new Error("the Slack app did not start in HTTP mode");
  return handle.port;
}
