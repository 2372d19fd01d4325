import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pino } from "pino";
import { reportStartupError } from "./cli/open-engine.js";
import { type Config, isSlackConfig, loadConfigFromEnvironment } from "./config.js";
import { createLogger, type Logger } from "./logger.js";
import { createLiveIndex, type LiveIndex } from "./runtime/live-index.js";
import { createRemoteLiveIndex } from "./runtime/remote-live-index.js";
import { renderStatusText } from "./runtime/render-status-text.js";
import { runShell } from "./shell/run-shell.js";
import { startSlackApp } from "./slack/start-slack-app.js";

// The one place that wires layers together: configuration picks the surface, the live index is
// opened once, and the surface gets only the answer and status functions it needs.

function readHistory(file: string): string[] {
  try {
    return readFileSync(file, "utf8").split("\n").filter(Boolean).reverse();
  } catch {
    return [];
  }
}

function writeHistory(file: string, history: string[]): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${[...history].reverse().slice(-500).join("\n")}\n`);
  } catch {
    // History is a convenience; a read-only disk must not spoil the session.
  }
}

async function startShell(config: Config, live: LiveIndex): Promise<void> {
  const historyFile = path.join(config.cacheDir, "shell-history");
  await runShell({
    ask: live.ask,
    input: process.stdin,
    output: process.stdout,
    now: () => new Date(),
    history: readHistory(historyFile),
    onHistory: (history) => writeHistory(historyFile, history),
    commands: {
      status: {
        help: "index size, build time, newest article, corpus errors",
        run: () => renderStatusText(live.status()),
      },
    },
  });
}

async function main(): Promise<void> {
  const config = loadConfigFromEnvironment();
  // In the shell, standard output is the conversation: logs go to standard error.
  // Routine info lines would interleave with the conversation, so the shell shows warnings and up.
  const logger: Logger = createLogger({
    level: config.mode === "shell" && config.logLevel === "info" ? "warn" : config.logLevel,
    ...(config.mode === "shell" ? { destination: pino.destination(2) } : {}),
  });
  if (!isSlackConfig(config)) {
    const live = await createLiveIndex({
      corpusDir: config.corpusDir,
      cacheDir: config.cacheDir,
      logger,
      // Piped questions are answered once and the process ends: nothing to keep fresh.
      watch: Boolean(process.stdin.isTTY),
    });
    await startShell(config, live);
    live.close();
    return;
  }
  // Slack: the live index answers in a worker thread, off the thread that acks every request.
  const live = await createRemoteLiveIndex({
    corpusDir: config.corpusDir,
    cacheDir: config.cacheDir,
    logger,
  });
  const app = await startSlackApp({
    config,
    ask: live.ask,
    logger,
    status: async () => renderStatusText(await live.status()),
    health: live.health,
  }).catch(async (error: unknown) => {
    // The index worker would keep the process alive after a failed start.
    await live.close();
    throw error;
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "Shutting down: finishing answers in flight.");
    // Answers in flight need the index worker: Slack stops first, the worker after.
    app
      .stop()
      .then(() => live.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "Shutdown failed.");
          process.exit(1);
        },
      );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  process.exitCode = reportStartupError(error);
});
