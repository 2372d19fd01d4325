import { App, type Receiver, SocketModeReceiver, type webApi } from "@slack/bolt";
import type { SlackConfig } from "../config.js";
import type { Logger } from "../logger.js";
import { assistantThreadsOf } from "./assistant-threads.js";
import { createBoltLogger } from "./bolt-logger.js";
import { createChannelWorkflows } from "./channel-workflows.js";
import { createEventsReceiver } from "./events-receiver.js";
import { startHttpMode } from "./http-mode.js";
import { createInFlight } from "./in-flight.js";
import type { Installer } from "./oauth/installer.js";
import { createRequestClaims } from "./request-claims.js";
import { registerDedupe, requestIdOf, teamOf } from "./request-keys.js";
import type { SlackDeps } from "./slack-deps.js";
import { type BotIdentity, installerFor, startError, whoAmI } from "./slack-identity.js";
import type { SlackAppHandle, StartSlackAppOptions } from "./start-slack-app-types.js";
import * as appHome from "./surfaces/app-home.js";
import * as appLifecycle from "./surfaces/app-lifecycle.js";
import * as appMention from "./surfaces/app-mention.js";
import * as assistant from "./surfaces/assistant.js";
import * as buttons from "./surfaces/buttons.js";
import * as channelMessage from "./surfaces/channel-message.js";
import * as directMessage from "./surfaces/direct-message.js";
import * as messageShortcut from "./surfaces/message-shortcut.js";
import * as slashCommand from "./surfaces/slash-command.js";
import { createThreadReader } from "./thread-reader.js";
import { webApiFetch } from "./web-api-fetch.js";

export type { SlackAppHandle, StartSlackAppOptions } from "./start-slack-app-types.js";

/**
 * Retries of transient Web API failures: a few, quickly — an answer that arrives minutes late is
 * worse than a logged failure. 429s are waited out in webApiFetch instead, until its deadline.
 */
// Each call is tried at most twice (docs/hardening.md): with the 10 s timeout a hanging Web API costs an
// answer ~21 s at worst, inside the shutdown deadline, instead of four tries.
const RETRY_CONFIG = { retries: 1, factor: 2, minTimeout: 500, maxTimeout: 5000, randomize: true };
const REQUEST_TIMEOUT_MS = 10_000;
type BoltLogger = ReturnType<typeof createBoltLogger>;

/** Starts the Slack app in the mode the config chose. Rejects with SlackStartError when Slack refuses us. */
export async function startSlackApp(options: StartSlackAppOptions): Promise<SlackAppHandle> {
  const { config, logger } = options;
  const boltLogger = createBoltLogger(logger);
  const clientOptions = webClientOptionsOf(options, boltLogger);
  // With OAuth alone there is no token yet: each workspace's identity comes with its installation.
  const identity = config.botToken
    ? await whoAmI(config.botToken, config.slackApiUrl, clientOptions)
    : undefined;
  if (identity) {
    logger.info(
      { mode: config.mode, botUserId: identity.botUserId, team: identity.team },
      "slack bot identified",
    );
  }
  const installer = installerFor(options, clientOptions, boltLogger, identity);
  const deps = slackDepsOf(options, identity);
  // HTTP mode's receiver; our own server (createSlackHttpServer) feeds it.
  const events = createEventsReceiver(logger, deps.now);
  const receiver: Receiver =
    config.mode === "socket"
      ? new SocketModeReceiver({
          appToken: config.appToken,
          logger: boltLogger,
          installerOptions: { clientOptions: { ...clientOptions } },
        })
      : events;
  const app = new App({
    ...(installer
      ? { authorize: installer.authorize }
      : { token: config.botToken, botId: identity?.botId, botUserId: identity?.botUserId }),
    receiver,
    logger: boltLogger,
    clientOptions,
    convoStore: false,
    tokenVerificationEnabled: false,
    extendedErrorHandler: true,
  });
  reportHandlerErrors(app, logger, installer);
  registerSurfaces(app, deps, installer);
  const drain = drainer(deps, options.shutdownTimeoutMs ?? 10_000);
  const botUserId = identity?.botUserId ?? "";
  if (config.mode === "socket") return startSocketMode(app, config, deps, drain, botUserId);
  return startHttpMode({ ...options, config }, { events, deps, installer, botUserId, drain });
}

/** The Web API client's options: quick retries, a timeout per call, 429s waited out in webApiFetch. */
function webClientOptionsOf(options: StartSlackAppOptions, boltLogger: BoltLogger): webApi.WebClientOptions {
  const merged: webApi.WebClientOptions = {
    slackApiUrl: options.config.slackApiUrl,
    logger: boltLogger,
    retryConfig: RETRY_CONFIG,
    timeout: REQUEST_TIMEOUT_MS,
    ...options.webClientOptions,
  };
  return {
    fetch: webApiFetch({
      logger: options.logger,
      attemptTimeoutMs: merged.timeout ?? 0,
      ...(options.rateLimitDeadlineMs !== undefined ? { deadlineMs: options.rateLimitDeadlineMs } : {}),
    }),
    ...merged,
    // webApiFetch waits out 429s; one it hands back has outlasted the deadline and must not be retried.
    rejectRateLimitedCalls: true,
  };
}

/** What every surface is given: the engine, the store's rooms, the clock and the bot's identity. */
function slackDepsOf(options: StartSlackAppOptions, identity: BotIdentity | undefined): SlackDeps {
  const { config, logger } = options;
  const claims = createRequestClaims({ logger, ...(options.store ? { store: options.store } : {}) });
  const now = options.now ?? (() => new Date());
  return {
    ask: options.ask,
    logger,
    botUserId: identity?.botUserId ?? "",
    ...(identity?.botId ? { botId: identity.botId } : {}),
    // Reading a thread fails fast (its own client): the posting client waits out 429s.
    readThread: createThreadReader({ slackApiUrl: config.slackApiUrl, logger }),
    claims,
    inFlight: createInFlight(),
    now,
    workflows: createChannelWorkflows({
      logger,
      editors: config.settingsEditors,
      now,
      ...(options.store ? { store: options.store } : {}),
      ...(config.researchDesk ? { defaultDesk: config.researchDesk } : {}),
    }),
    ...(options.store ? { store: options.store } : {}),
    ...(options.status ? { status: options.status } : {}),
    ...(options.answerOptions ? { answerOptions: options.answerOptions } : {}),
    ...(options.archive ? { archive: options.archive } : {}),
    ...(options.sources ? { sources: options.sources } : {}),
    assistantThreads: assistantThreadsOf(options.store),
  };
}

/** Logs a failing handler with its request; a request from a workspace without an installation is a warning. */
function reportHandlerErrors(app: App, logger: Logger, installer: Installer | undefined): void {
  // One failing handler must not affect the others: Bolt catches it, and this line says which
  // request it was and what Slack answered (data.error for ok:false, statusCode for HTTP errors).
  app.error(async ({ error, body }: { error: Error; body: unknown }) => {
    const slack = error as { code?: string; data?: { error?: string }; statusCode?: number };
    if (slack.code === "slack_bolt_authorization_error" && installer) {
      // A workspace without an installation (never installed, or uninstalled): nothing to answer with.
      logger.warn(
        { code: "slack_not_installed", team: teamOf(body), requestId: requestIdOf(body) },
        "A request came from a workspace where Newsdesk is not installed; it is not answered.",
      );
      return;
    }
    logger.error(
      {
        err: error,
        // Bolt's or the Web API client's own code; `code` in our log lines is a catalogue code.
        boltCode: slack.code,
        slackError: slack.data?.error,
        statusCode: slack.statusCode,
        requestId: requestIdOf(body),
      },
      "slack handler failed",
    );
  });
}

/** Every surface, in the order Bolt must see them. */
function registerSurfaces(app: App, deps: SlackDeps, installer: Installer | undefined): void {
  registerDedupe(app, deps);
  // First: a command is answered by a global middleware and goes no further (slash-command.ts).
  slashCommand.register(app, deps);
  // Before the DM listener: Bolt's Assistant takes every DM thread message.
  assistant.register(app, deps);
  appHome.register(app, deps);
  appMention.register(app, deps);
  directMessage.register(app, deps);
  channelMessage.register(app, deps);
  messageShortcut.register(app, deps);
  buttons.register(app, deps);
  appLifecycle.register(app, deps, installer);
}

/** Waits for answers in flight up to `shutdownTimeoutMs`, then says how many were dropped. */
function drainer(deps: SlackDeps, shutdownTimeoutMs: number): () => Promise<void> {
  return async () => {
    await Promise.race([
      deps.inFlight.idle(),
      new Promise<void>((r) => setTimeout(r, shutdownTimeoutMs).unref()),
    ]);
    if (deps.inFlight.count > 0) {
      deps.logger.warn(
        { dropped: deps.inFlight.count, waitedMs: shutdownTimeoutMs },
        `Shutdown: ${deps.inFlight.count} answer(s) still in flight after ${Math.round(shutdownTimeoutMs / 1000)} s are dropped (Slack slow or rate-limiting)`,
      );
    }
  };
}

async function startSocketMode(
  app: App,
  config: Readonly<SlackConfig>,
  deps: SlackDeps,
  drain: () => Promise<void>,
  botUserId: string,
): Promise<SlackAppHandle> {
  try {
    await app.start();
  } catch (error) {
    throw startError(error, "SLACK_APP_TOKEN", config.slackApiUrl, "apps.connections.open");
  }
  deps.logger.info({ mode: "socket" }, "slack app connected over Socket Mode");
  return {
    mode: "socket",
    botUserId,
    port: null,
    idle: () => deps.inFlight.idle(),
    inFlight: () => deps.inFlight.count,
    async stop() {
      await app.stop();
      await drain();
    },
  };
}
