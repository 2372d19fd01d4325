import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { AskFn } from "../../src/answer/types.js";
import { loadConfig } from "../../src/config.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { createLogger } from "../../src/logger.js";
import { loadEngine } from "./engine-adapter.js";
import { repoRoot, seedCorpusDir } from "./paths.js";

type StartSlackApp = (options: {
  config: unknown;
  ask: AskFn;
  logger: unknown;
  port?: number;
  host?: string;
}) => Promise<{ port: number | null }>;

/**
 * Starts the project's HTTP-mode Slack app on the seed corpus, on a free loopback port, against the
 * Web API stand-in; returns the port. It logs at info as in production, into a sink (the cost of
 * formatting a line stays in the figure, the terminal's does not).
 */
export async function startNewsdeskForBench(options: {
  apiUrl: string;
  signingSecret: string;
}): Promise<number> {
  const file = path.join(repoRoot, "src/slack/start-slack-app.ts");
  if (!existsSync(file))
    throw new Error("the Slack app (src/slack/start-slack-app.ts) is not on this branch yet");
  // A computed specifier: the Slack layer may land after the bench.
  const { startSlackApp } = (await import(pathToFileURL(file).href)) as { startSlackApp?: StartSlackApp };
  if (!startSlackApp) throw new Error("src/slack/start-slack-app.ts exports no startSlackApp");
  const engine = await loadEngine();
  if (!engine) throw new Error("the engine (src/search, src/answer) is not on this branch yet");
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-bench-newsdesk",
    SLACK_SIGNING_SECRET: options.signingSecret,
    SLACK_API_URL: options.apiUrl,
    LOG_LEVEL: "info",
  });
  const { ask } = await engine.loadOrBuild(
    await loadCorpus(seedCorpusDir),
    await mkdtemp(path.join(os.tmpdir(), "newsdesk-bench-http-")),
  );
  const logger = createLogger({ level: "info", destination: { write: () => {} } });
  const handle = await startSlackApp({ config, ask, logger, port: 0, host: "127.0.0.1" });
  if (handle.port === null) throw new Error("the Slack app did not start in HTTP mode");
  return handle.port;
}
