import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pino } from "pino";
import { type Config, isSlackConfig, loadConfigFromEnvironment, type SlackConfig } from "./config.js";
import { EMPTY_ALLOWED_MARKER } from "./corpus/index.js";
import {
  importFolderIntoDatabase,
  renderSourcesStatus,
  type SourcePoller,
  startPollerThread,
} from "./ingest/index.js";
import { createLogger, type Logger } from "./logger.js";
import { reportStartupError } from "./report-error.js";
import { createLiveIndex, createRemoteLiveIndex, type LiveIndex, renderStatusText } from "./runtime/index.js";
import { runShell } from "./shell/index.js";
import { type SlackAppHandle, startSlackApp } from "./slack/index.js";
import { ArticleMirror, openStore, type Store } from "./store/index.js";

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

/**
 * Polls SOURCES_FILE's sources into the corpus folder, where the live index picks new files up. The
 * poller runs in a thread of its own: a costly page never delays an answer or an acknowledgement.
 */
async function startPolling(config: Config, logger: Logger): Promise<SourcePoller | undefined> {
  if (config.sources.length === 0) return undefined;
  return startPollerThread({
    sources: config.sources,
    corpusDir: config.corpusDir,
    cacheDir: config.cacheDir,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    limits: config.pollLimits,
    stallMs: config.pollStallSeconds * 1000,
    logger: logger.child({ component: "sources" }),
  });
}

/** `/ask status` and `\status`: the index, then the sources when any are polled. */
function statusText(index: string, poller: SourcePoller | undefined): string {
  return poller ? `${index}\n${renderSourcesStatus(poller.status())}` : index;
}

async function startShell(config: Config, live: LiveIndex, poller?: SourcePoller): Promise<void> {
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
        run: () => statusText(renderStatusText(live.status()), poller),
      },
    },
  });
}

/** The store (PostgreSQL with DATABASE_URL, else SQLite in DATA_DIR), migrated; exits with one sentence if not. */
async function openSharedStore(config: Config, logger: Logger): Promise<Store> {
  const store = openStore({
    dataDir: config.dataDir,
    logger: logger.child({ component: "store" }),
    feedbackRetentionMs: config.feedbackRetentionDays * 86_400_000,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  });
  await store.init();
  store.start();
  return store;
}

/**
 * With DATABASE_URL the database holds the articles: CORPUS_DIR (when set) is imported into it, and
 * this process serves a mirror of it in CACHE_DIR/articles, kept current as articles are written
 * (unless `follow` is false: a shell answering piped questions once).
 * Returns the folder the live index reads, and the mirror to stop.
 */
async function articlesFolder(
  config: Config,
  store: Store,
  logger: Logger,
  follow = true,
): Promise<{ corpusDir: string; mirror?: ArticleMirror }> {
  if (!config.databaseUrl) return { corpusDir: config.corpusDir };
  const log = logger.child({ component: "articles" });
  if (config.corpusDirGiven) {
    const counts = await importFolderIntoDatabase(config.corpusDir, store.articles);
    log.info({ ...counts, corpusDir: config.corpusDir }, "Imported CORPUS_DIR into the database.");
  }
  const mirror = new ArticleMirror({
    articles: store.articles,
    dir: path.join(config.cacheDir, "articles"),
    markerFile: EMPTY_ALLOWED_MARKER,
    logger: log,
  });
  const started = performance.now();
  const mirrored = await mirror.init();
  log.info(
    { ...mirrored, revision: mirror.revision, ms: Math.round(performance.now() - started) },
    "Mirrored the database's articles.",
  );
  // Piped questions are answered from the articles as they are: nothing to keep fresh.
  if (follow) mirror.start();
  return { corpusDir: mirror.options.dir, mirror };
}

async function main(): Promise<void> {
  const config = loadConfigFromEnvironment();
  // In the shell, standard output is the conversation: logs go to standard error.
  // Routine info lines would interleave with the conversation, so the shell shows warnings and up.
  const logger: Logger = createLogger({
    level: config.mode === "shell" && config.logLevel === "info" ? "warn" : config.logLevel,
    ...(config.mode === "shell" ? { destination: pino.destination(2) } : {}),
  });
  if (isSlackConfig(config)) await serveSlack(config, logger);
  else await serveShell(config, logger);
}

/** The local shell (no Slack tokens): answers typed or piped questions until the input ends. */
async function serveShell(config: Config, logger: Logger): Promise<void> {
  // With DATABASE_URL the shell, too, answers from the database's articles (its mirror).
  const store = config.databaseUrl ? await openSharedStore(config, logger) : undefined;
  const articles = store
    ? await articlesFolder(config, store, logger, Boolean(process.stdin.isTTY))
    : { corpusDir: config.corpusDir };
  const live = await createLiveIndex({
    corpusDir: articles.corpusDir,
    cacheDir: config.cacheDir,
    reloadTimeoutMs: config.reloadTimeoutSeconds * 1000,
    logger,
    // Piped questions are answered once and the process ends: nothing to keep fresh.
    watch: Boolean(process.stdin.isTTY),
  });
  // Piped questions get answers from the corpus as it is: polling is for a running bot.
  const poller = process.stdin.isTTY ? await startPolling(config, logger) : undefined;
  await startShell(config, live, poller);
  await poller?.stop();
  live.close();
  await articles.mirror?.stop();
  await store?.stop();
}

/** The Slack app (Socket or HTTP mode), its store, its live index in a worker and its sources' polls. */
async function serveSlack(config: Readonly<SlackConfig>, logger: Logger): Promise<void> {
  const store = await openSharedStore(config, logger);
  const articles = await articlesFolder(config, store, logger);
  // Slack: the live index answers in a worker thread, off the thread that acks every request.
  const live = await createRemoteLiveIndex({
    corpusDir: articles.corpusDir,
    cacheDir: config.cacheDir,
    reloadTimeoutMs: config.reloadTimeoutSeconds * 1000,
    logger,
  });
  const poller = await startPolling(config, logger);
  // Answers in flight need the index worker: Slack stops first, the worker after.
  const stopParts = async () => {
    await poller?.stop();
    await live.close();
    await articles.mirror?.stop();
    await store.stop();
  };
  const app = await startSlackApp({
    config,
    ask: live.ask,
    logger,
    status: async () => statusText(renderStatusText(await live.status()), poller),
    health: poller ? () => ({ ...live.health(), sources: poller.status() }) : live.health,
    archive: async () => (await live.status()).overview,
    ...(poller ? { sources: () => poller.status() } : {}),
    store,
  }).catch(async (error: unknown) => {
    // The index worker would keep the process alive after a failed start.
    await stopParts();
    throw error;
  });
  stopOnSignals(config, logger, app, stopParts);
}

/** SIGTERM or SIGINT: Slack stops taking requests and finishes those in flight, then the rest stops. */
function stopOnSignals(
  config: Readonly<SlackConfig>,
  logger: Logger,
  app: SlackAppHandle,
  stopParts: () => Promise<void>,
): void {
  const state = { stopping: false };
  const shutdown = (signal: string) => {
    if (state.stopping) return;
    state.stopping = true;
    logger.info({ signal }, "Shutting down: finishing answers in flight.");
    // Whatever hangs (a worker stuck on a dead mount, a Web API that never answers), the process ends.
    setTimeout(() => {
      logger.error(
        { signal, deadlineSeconds: config.shutdownTimeoutSeconds, answersDropped: app.inFlight() },
        `Shutdown did not finish within ${config.shutdownTimeoutSeconds} s (SHUTDOWN_TIMEOUT_SECONDS); exiting, dropping ${app.inFlight()} answer(s) in flight.`,
      );
      process.exit(1);
    }, config.shutdownTimeoutSeconds * 1000).unref();
    app
      .stop()
      .then(stopParts)
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
