import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { pino } from "pino";
import { displayText } from "../corpus/index.js";
import { openStore } from "../store/index.js";
import { createSitePoller } from "./create-site-poller.js";
import { createDatabaseShelf } from "./database-shelf.js";
import { createGuardedFetch } from "./guarded-fetch.js";
import {
  type FromPollerWorker,
  isToPollerWorker,
  type PollerLogLevel,
  type PollerWorkerData,
} from "./poller-protocol.js";
import { redactUrls } from "./redact-url.js";
import { createStoreLeases, createStoreStateStore, leaseHolder } from "./shared-sources.js";

// The poller's thread: fetching, parsing and writing happen here, never on the thread that answers
// Slack. It beats every HEARTBEAT_MS; the answering thread restarts it when the beats stop (a page
// that holds the thread past the stall limit).

const HEARTBEAT_MS = 250;
/** Niceness of this thread: on a busy machine the answering thread gets the CPU first. */
const NICENESS = 10;

try {
  // On Linux, pid 0 is the calling thread: only the poller's thread is lowered.
  setPriority(0, NICENESS);
} catch {
  // Not permitted or not supported: the thread runs at the process's priority.
}
const data = workerData as PollerWorkerData;
const port = parentPort!;
const post = (message: FromPollerWorker) => port.postMessage(message);

/** An error as a structured clone keeps it: its own fields, not its prototype. */
function plain(fields: Record<string, unknown>): Record<string, unknown> {
  const err = fields.err as (Error & { code?: unknown }) | undefined;
  if (!(err instanceof Error)) return fields;
  return { ...fields, err: { name: err.name, message: err.message, code: err.code } };
}

/** A log text with URLs' secrets and any control, direction or zero-width character taken out. */
const shown = (text: string) => displayText(redactUrls(text));

/** Log fields with every URL's user info and query string taken out (they may hold secrets). */
function redacted(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(plain(fields))) {
    if (typeof value === "string") out[key] = shown(value);
    else if (key === "err" && value && typeof value === "object") {
      const err = value as { message?: unknown };
      out[key] = { ...err, message: typeof err.message === "string" ? shown(err.message) : err.message };
    } else out[key] = value;
  }
  return out;
}

const log = (level: PollerLogLevel) => (fields: Record<string, unknown>, message: string) =>
  post({ type: "log", level, fields: redacted(fields), message: shown(message) });

// Internal addresses are refused at connect time unless a source allows them (tests on loopback do).
const strict = createGuardedFetch({ allowInternal: false });
const internal = createGuardedFetch({ allowInternal: true });

const logger = { info: log("info"), warn: log("warn"), error: log("error") };
const shared = data.databaseUrl ? await openSharedSources(data.databaseUrl) : undefined;

const poller = createSitePoller({
  sources: data.sources,
  corpusDir: data.corpusDir,
  cacheDir: data.cacheDir,
  limits: data.limits,
  firstPollDelayMs: data.firstPollDelayMs,
  fetch: strict,
  fetchFor: (source) => (source.allowInternal ? internal : strict),
  logger,
  ...shared?.options,
});

/**
 * With DATABASE_URL, this thread's own small connection pool to the shared database: articles go
 * there, each source's poll state too, and a source is polled only while this process holds its lease.
 */
async function openSharedSources(databaseUrl: string) {
  const store = openStore({ databaseUrl, dataDir: "", logger: pino({ level: "silent" }) });
  await store.init();
  return {
    store,
    options: {
      shelf: () => createDatabaseShelf(store.articles),
      store: createStoreStateStore(store.sources, Date.now),
      leases: createStoreLeases(store.leases, leaseHolder(), Date.now),
    },
  };
}

let sent = "";
const beat = () => {
  const sources = poller.status();
  const json = JSON.stringify(sources);
  post(json === sent ? { type: "tick" } : { type: "tick", sources });
  sent = json;
};
const heartbeat = setInterval(beat, HEARTBEAT_MS);

port.on("message", (message: unknown) => {
  if (!isToPollerWorker(message)) return;
  if (message.type === "pollAll") {
    void poller.pollAll().then(() => {
      beat();
      post({ type: "done", id: message.id });
    });
    return;
  }
  void poller.stop().then(async () => {
    await shared?.store.stop();
    clearInterval(heartbeat);
    beat();
    post({ type: "stopped" });
    port.close();
  });
});

await poller.start();
beat();
post({ type: "ready" });
