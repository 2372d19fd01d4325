import type { AddressInfo } from "node:net";
import type { HttpConfig } from "../config.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/index.js";
import { type AcceptedWork, createAcceptedWork } from "./accepted-work.js";
import type { EventsReceiver } from "./events-receiver.js";
import { createSlackHttpServer, SLACK_EVENTS_PATH } from "./http-server.js";
import type { Installer } from "./oauth/installer.js";
import { requestIdOf } from "./request-keys.js";
import type { SlackDeps } from "./slack-deps.js";
import { SlackStartError } from "./slack-start-error.js";
import type { SlackAppHandle, StartSlackAppOptions } from "./start-slack-app-types.js";

/** What HTTP mode needs beyond the app's options: the receiver our server feeds, and who the bot is. */
export interface HttpModeParts {
  events: EventsReceiver;
  deps: SlackDeps;
  installer: Installer | undefined;
  botUserId: string;
  /** Waits for answers in flight, up to the shutdown deadline. */
  drain: () => Promise<void>;
}

/**
 * HTTP mode: our own server in front of the events receiver, accepted work written before the ack
 * (another replica answers it if this one dies), /healthz and /readyz, and a stop that drains.
 */
export async function startHttpMode(
  options: StartSlackAppOptions & { config: Readonly<HttpConfig> },
  parts: HttpModeParts,
): Promise<SlackAppHandle> {
  const { config, logger } = options;
  const { events, deps, installer, drain } = parts;
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
    botUserId: parts.botUserId,
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
