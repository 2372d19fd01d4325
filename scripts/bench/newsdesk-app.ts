import type { AskFn } from "../../src/answer/types.js";
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
  /**
   * Questions answered once before the app starts; the app then gets those answers from a map (others
   * are answered as usual). Measures the app without the engine's cost. Default: none.
   */
  precompute?: readonly string[];
}): Promise<number> {
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-bench-newsdesk",
    SLACK_SIGNING_SECRET: options.signingSecret,
    SLACK_API_URL: options.apiUrl,
    LOG_LEVEL: "info",
  });
  if (!isSlackConfig(config)) throw new Error("the bench's Slack settings did not select a Slack mode");
  const loaded = await engine.loadOrBuild(await loadCorpus(seedCorpusDir), options.cacheDir);
  const ask = options.precompute ? precomputedAsk(loaded.ask, options.precompute) : loaded.ask;
  const logger = createLogger({ level: "info", destination: { write: () => {} } });
  const handle = await startSlackApp({ config, ask, logger, port: 0, host: "127.0.0.1" });
  if (handle.port === null) throw new Error("the Slack app did not start in HTTP mode");
  return handle.port;
}

/** `ask` with the given questions answered up front (with the app's default options, as it asks). */
function precomputedAsk(ask: AskFn, questions: readonly string[]): AskFn {
  const answers = new Map(questions.map((q) => [q, ask(q)]));
  return (question, options) => (options === undefined && answers.get(question)) || ask(question, options);
}
