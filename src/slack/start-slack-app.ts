import type { AddressInfo } from "node:net";
import { App, type Receiver, SocketModeReceiver, webApi } from "@slack/bolt";
import type { AnswerOptions, ArchiveOverview, AsyncAskFn } from "../answer/index.js";
import type { SlackConfig } from "../config.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/index.js";
import { type AcceptedWork, createAcceptedWork } from "./accepted-work.js";
import { assistantThreadsOf } from "./assistant-threads.js";
import { createBoltLogger } from "./bolt-logger.js";
import { createChannelWorkflows } from "./channel-workflows.js";
import { createEventsReceiver, type EventsReceiver } from "./events-receiver.js";
import type { SourceLine } from "./home-view.js";
import { createSlackHttpServer, SLACK_EVENTS_PATH } from "./http-server.js";
import { createInFlight } from "./in-flight.js";
import { createInstaller, type Installer } from "./oauth/installer.js";
import { createRequestClaims } from "./request-claims.js";
import type { SlackDeps } from "./slack-deps.js";
import { SlackStartError } from "./slack-start-error.js";
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

export interface StartSlackAppOptions {
  config: Readonly<SlackConfig>;
  ask: AsyncAskFn;
  logger: Logger;
  /** Text for `/ask status`. Default: none (`/ask status` is then asked as a question). */
  status?: () => string | Promise<string>;
  /** Options for every ask. Default: the engine's. */
  answerOptions?: AnswerOptions;
  /** HTTP mode: extra fields for GET /healthz (e.g. the index's health). Default none. */
  health?: () => Record<string, unknown>;
  /** HTTP mode: port to listen on, overriding config.port (tests pass 0). */
  port?: number;
  /** HTTP mode: address to bind. Default: all interfaces. */
  host?: string;
  /** Merged over the Web API client options below (tests shorten retries). */
  webClientOptions?: webApi.WebClientOptions;
  /** HTTP mode: timeouts of the server (tests shorten them). Default: http-server.ts's. */
  httpLimits?: { headersTimeoutMs?: number; requestTimeoutMs?: number; maxUnverifiedBytes?: number };
  /** stop() waits this long for answers in flight before cutting connections, ms. Default 10 000. */
  shutdownTimeoutMs?: number;
  /** The clock: a slash command is asked on the day it arrives (events carry their own time). */
  now?: () => Date;
  /**
   * The store, initialised and started by the caller (main.ts), which also stops it. Request keys are
   * claimed there, so a redelivery is answered once across restarts and replicas. Default: this
   * process's memory only.
   */
  store?: Store;
  /** What the archive holds (assistant greeting and prompts, App Home). Default none. */
  archive?: () => Promise<ArchiveOverview | undefined>;
  /** The polled sources' state, for the App Home. Default none. */
  sources?: () => SourceLine[];
  /** How long a rate-limited Web API call waits out 429s before it is dropped, ms. Default RATE_LIMIT_DEADLINE_MS. */
  rateLimitDeadlineMs?: number;
}

export interface SlackAppHandle {
  mode: "http" | "socket";
  botUserId: string;
  /** HTTP mode: the port actually bound; null in Socket Mode. */
  port: number | null;
  /** Resolves when no handler is running. */
  idle(): Promise<void>;
  /** Answers being worked on now. */
  inFlight(): number;
  /** Stops taking requests, lets answers in flight finish (up to shutdownTimeoutMs), then closes. */
  stop(): Promise<void>;
}

/**
 * Retries of transient Web API failures: a few, quickly — an answer that arrives minutes late is
 * worse than a logged failure. 429s are waited out in webApiFetch instead, until its deadline.
 */
// Each call is tried at most twice (docs/hardening.md): with the 10 s timeout a hanging Web API costs an
// answer ~21 s at worst, inside the shutdown deadline, instead of four tries.
const RETRY_CONFIG = { retries: 1, factor: 2, minTimeout: 500, maxTimeout: 5000, randomize: true };
const REQUEST_TIMEOUT_MS = 10_000;
const AUTH_ERRORS = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
]);

/** Starts the Slack app in the mode the config chose. Rejects with SlackStartError when Slack refuses us. */
export async function startSlackApp(options: StartSlackAppOptions): Promise<SlackAppHandle> {
  const { config, logger } = options;
  const boltLogger = createBoltLogger(logger);
  const merged: webApi.WebClientOptions = {
    slackApiUrl: config.slackApiUrl,
    logger: boltLogger,
    retryConfig: RETRY_CONFIG,
    timeout: REQUEST_TIMEOUT_MS,
    ...options.webClientOptions,
  };
  const clientOptions: webApi.WebClientOptions = {
    fetch: webApiFetch({
      logger,
      attemptTimeoutMs: merged.timeout ?? 0,
      ...(options.rateLimitDeadlineMs !== undefined ? { deadlineMs: options.rateLimitDeadlineMs } : {}),
    }),
    ...merged,
    // webApiFetch waits out 429s; one it hands back has outlasted the deadline and must not be retried.
    rejectRateLimitedCalls: true,
  };
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

  const claims = createRequestClaims({ logger, ...(options.store ? { store: options.store } : {}) });
  const now = options.now ?? (() => new Date());
  const deps: SlackDeps = {
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

  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
  const drain = async () => {
    await Promise.race([
      deps.inFlight.idle(),
      new Promise<void>((r) => setTimeout(r, shutdownTimeoutMs).unref()),
    ]);
    if (deps.inFlight.count > 0) {
      logger.warn(
        { dropped: deps.inFlight.count, waitedMs: shutdownTimeoutMs },
        `Shutdown: ${deps.inFlight.count} answer(s) still in flight after ${Math.round(shutdownTimeoutMs / 1000)} s are dropped (Slack slow or rate-limiting)`,
      );
    }
  };

  if (config.mode === "socket") {
    try {
      await app.start();
    } catch (error) {
      throw startError(error, "SLACK_APP_TOKEN", config.slackApiUrl, "apps.connections.open");
    }
    logger.info({ mode: "socket" }, "slack app connected over Socket Mode");
    return {
      mode: "socket",
      botUserId: identity?.botUserId ?? "",
      port: null,
      idle: () => deps.inFlight.idle(),
      inFlight: () => deps.inFlight.count,
      async stop() {
        await app.stop();
        await drain();
      },
    };
  }

  // Accepted work (mentions, DMs) is written to the store before the ack, so another replica answers
  // it if this one dies; recorded work skips the claims below (the record is the claim).
  const work = options.store ? createAcceptedWork({ store: options.store, logger }) : undefined;
  work?.start((item) => answerTakenOver(item, events, deps, work));
  const draining = { now: false };
  const health = () =>
    withStoreHealth(
      { ok: true, mode: "http", inFlight: deps.inFlight.count, ...options.health?.() },
      options.store,
    );
  const server = createSlackHttpServer({
    dispatch: work ? acceptThenDispatch(work, events, logger) : events.dispatch,
    logger,
    signingSecret: config.signingSecret,
    health,
    // Ready once the index answers and the store was reached once; never while draining.
    ready: () => !draining.now && health().ok !== false && (options.store?.health().reachedOnce ?? true),
    draining: () => draining.now,
    healthDetails: config.healthDetails,
    maxConnections: config.maxConnections,
    inFlight: () => deps.inFlight.count,
    maxInFlight: config.maxAnswersInFlight,
    ...(installer ? { pages: installer.pages } : {}),
    ...options.httpLimits,
  });
  const wanted = options.port ?? config.port;
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(listenError(error, wanted, options.host));
    server.once("error", failed);
    server.listen(wanted, options.host, () => {
      server.off("error", failed);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ mode: "http", port, path: SLACK_EVENTS_PATH }, "slack app listening");
  return {
    mode: "http",
    botUserId: identity?.botUserId ?? "",
    port,
    idle: () => deps.inFlight.idle(),
    inFlight: () => deps.inFlight.count,
    async stop() {
      // Still listening while draining: Slack's requests get 503 (retried elsewhere), /readyz 503, so a
      // balancer takes this replica out; the port closes once the answers in flight are done.
      draining.now = true;
      work?.stopSweeping();
      await drain();
      // What is still unanswered goes back to the store at once: another replica's next sweep takes it.
      const handedBack = (await work?.release()) ?? 0;
      if (handedBack > 0) {
        logger.warn(
          { handedBack },
          `Shutdown: ${handedBack} accepted answer(s) handed back to other replicas`,
        );
      }
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * /healthz with the store: a store that cannot be reached makes the process "degraded", never
 * unhealthy (ok stays as the index says), so an orchestrator does not restart every replica during a
 * database outage while they go on answering.
 */
function withStoreHealth(body: Record<string, unknown>, store: Store | undefined): Record<string, unknown> {
  if (!store) return body;
  const health = store.health();
  const degraded = !health.reachable && body.state !== "unavailable";
  return { ...body, ...(degraded ? { state: "degraded" } : {}), store: health };
}

/** The workspace a request came from. */
function teamOf(body: unknown): string | undefined {
  const b = (body ?? {}) as { team_id?: unknown; team?: { id?: unknown } };
  const team = b.team_id ?? b.team?.id;
  return typeof team === "string" ? team : undefined;
}

/** Slack's id of a request: event_id for events, trigger_id for commands and interactions. */
function requestIdOf(body: unknown): string | undefined {
  const b = (body ?? {}) as { event_id?: unknown; trigger_id?: unknown };
  const id = b.event_id ?? b.trigger_id;
  return typeof id === "string" ? id : undefined;
}

/**
 * The key that makes a delivery the same request as another: Slack redelivers events it believes were
 * lost (X-Slack-Retry-Num, retry_attempt), and a captured signed request can be replayed within the
 * signature's five minutes. Commands carry a trigger_id per invocation, clicks an action_ts.
 */
function replayKeyOf(body: unknown): string | undefined {
  const b = (body ?? {}) as {
    event_id?: unknown;
    command?: unknown;
    trigger_id?: unknown;
    type?: unknown;
    actions?: unknown;
    user?: { id?: unknown };
  };
  if (typeof b.event_id === "string") return `event:${b.event_id}`;
  if (typeof b.command === "string" && typeof b.trigger_id === "string") {
    return `command:${b.trigger_id}`;
  }
  if (b.type === "message_action" && typeof b.trigger_id === "string") return `shortcut:${b.trigger_id}`;
  if (b.type === "block_actions" && Array.isArray(b.actions)) {
    const action = (b.actions[0] ?? {}) as { action_id?: unknown; action_ts?: unknown };
    if (typeof action.action_id !== "string" || typeof action.action_ts !== "string") return undefined;
    const trigger = typeof b.trigger_id === "string" ? b.trigger_id : "";
    return `action:${action.action_id}:${action.action_ts}:${trigger}`;
  }
  return undefined;
}

/**
 * Records a mention or DM as accepted work before Bolt acknowledges it, then lets Bolt handle it and
 * marks it done. A redelivery (or a DM mention's second event) finds it recorded: acknowledged, not
 * answered. A store that cannot record it leaves the request to the in-memory claims, as before.
 */
function acceptThenDispatch(
  work: AcceptedWork,
  events: EventsReceiver,
  logger: Logger,
): EventsReceiver["dispatch"] {
  return async (delivery, res) => {
    const acceptance = await work.accept(delivery.body);
    if (acceptance.verdict === "unrecorded") return events.dispatch(delivery, res);
    if (acceptance.verdict === "duplicate") {
      res.writeHead(200).end();
      logger.info(
        { requestId: requestIdOf(delivery.body), workId: acceptance.id, outcome: "duplicate" },
        "slack event ignored",
      );
      return;
    }
    try {
      await events.dispatch({ ...delivery, workId: acceptance.id }, res);
    } finally {
      await work.complete(acceptance.id);
    }
  };
}

/** Work another process acknowledged and did not answer: handled as if it had just arrived here. */
async function answerTakenOver(
  item: { id: string; payload: unknown },
  events: EventsReceiver,
  deps: SlackDeps,
  work: AcceptedWork,
): Promise<void> {
  try {
    await deps.inFlight.run(() =>
      events.process(item.payload as Record<string, unknown>, { workId: item.id, takenOver: true }),
    );
  } catch (error) {
    deps.logger.error({ err: error, workId: item.id }, "taken-over work failed");
  } finally {
    await work.complete(item.id);
  }
}

/** Answers each event, command and click once: a repeat is acknowledged (empty) and logged, not answered. */
function registerDedupe(app: App, deps: SlackDeps): void {
  app.use(async (args) => {
    const { body, next, context } = args;
    const key = replayKeyOf(body);
    if (key !== undefined && !context.workId && !(await deps.claims.claim(key))) {
      // Events are acked by Bolt before middleware; a command or click must be, or Slack shows an error.
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      deps.logger.info(
        { requestId: requestIdOf(body), retryNum: context.retryNum, outcome: "duplicate" },
        key.startsWith("event:") ? "slack event ignored" : "slack request ignored",
      );
      return;
    }
    await next();
  });
}

/** Why the HTTP server could not listen, as one sentence with the fix. */
function listenError(error: NodeJS.ErrnoException, port: number, host: string | undefined): SlackStartError {
  const where = host ? `${host}:${port}` : `port ${port}`;
  if (error.code === "EADDRINUSE") {
    return new SlackStartError(
      "port_in_use",
      `Cannot listen on ${where}: another program is using it; stop that program or set PORT to a free port (for example PORT=3001).`,
      { cause: error },
    );
  }
  if (error.code === "EACCES") {
    return new SlackStartError(
      "port_not_allowed",
      `Cannot listen on ${where}: this user may not use it; set PORT to a port above 1023 (for example PORT=3000).`,
      { cause: error },
    );
  }
  if (error.code === "EADDRNOTAVAIL") {
    return new SlackStartError(
      "address_not_available",
      `Cannot listen on ${where}: the address is not one of this machine's; check the address the app binds to.`,
      { cause: error },
    );
  }
  return new SlackStartError(
    "listen_failed",
    `Cannot listen on ${where} (${error.code ?? error.message}); set PORT to a free port and start again.`,
    { cause: error },
  );
}

/** Installs in many workspaces (OAuth), when configured; they live in the store. */
function installerFor(
  options: StartSlackAppOptions,
  clientOptions: webApi.WebClientOptions,
  boltLogger: ReturnType<typeof createBoltLogger>,
  identity: Awaited<ReturnType<typeof whoAmI>> | undefined,
): Installer | undefined {
  const { config } = options;
  if (config.mode !== "http" || !config.oauth) return undefined;
  if (!options.store) throw new Error("installs in many workspaces need the store");
  return createInstaller({
    oauth: config.oauth,
    store: options.store,
    logger: options.logger,
    boltLogger,
    slackApiUrl: config.slackApiUrl,
    clientOptions,
    ...(identity && config.botToken
      ? {
          single: {
            teamId: identity.teamId,
            botToken: config.botToken,
            botId: identity.botId,
            botUserId: identity.botUserId,
          },
        }
      : {}),
  });
}

async function whoAmI(botToken: string, slackApiUrl: string, clientOptions: webApi.WebClientOptions) {
  const client = new webApi.WebClient(botToken, {
    ...clientOptions,
    retryConfig: { retries: 2, minTimeout: 200, maxTimeout: 1000 },
  });
  try {
    const result = await client.auth.test();
    if (!result.user_id) throw new Error("auth.test returned no user_id");
    return {
      botUserId: result.user_id,
      botId: result.bot_id ?? "",
      team: result.team,
      teamId: result.team_id ?? "",
    };
  } catch (error) {
    throw startError(error, "SLACK_BOT_TOKEN", slackApiUrl, "auth.test");
  }
}

function startError(error: unknown, variable: string, apiUrl: string, method: string): SlackStartError {
  const code = (error as { data?: { error?: string } }).data?.error;
  if (code && AUTH_ERRORS.has(code)) {
    return new SlackStartError(
      "slack_invalid_auth",
      `Slack rejected ${variable} (${code}) at ${method}; copy the token again from your Slack app settings and restart.`,
      { cause: error },
    );
  }
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  return new SlackStartError(
    "slack_unreachable",
    `Could not start the Slack app: ${method} at ${apiUrl} failed (${reason}); check SLACK_API_URL and the network.`,
    { cause: error },
  );
}
