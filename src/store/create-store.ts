// pino's type itself: ../logger.js imports config.ts, which imports ingest/, which imports the store.
import type { Logger } from "pino";
import { NewsdeskError } from "../errors.js";
import { articles } from "./articles.js";
import { migrate, schemaVersion } from "./migrations.js";
import { openPostgresDb } from "./postgres-db.js";
import * as rooms from "./rooms.js";
import type { SqlDb } from "./sql-db.js";
import { openSqliteDb } from "./sqlite-db.js";
import { createStoreHealthTracker, STORE_PING_INTERVAL_MS } from "./store-health.js";
import type { Store, StoreHealth } from "./types.js";
import { workQueue } from "./work-queue.js";

/** Background purge: how often, and how long claimed keys and answered work are kept, ms. */
export const STORE_PURGE_INTERVAL_MS = 60_000;
/** Longer than any claim window a caller uses (Slack's is under 15 minutes): the claim checks its own. */
export const SEEN_KEY_RETENTION_MS = 60 * 60_000;
export const DONE_WORK_RETENTION_MS = 60 * 60_000;
/** An assistant thread untouched this long is forgotten (its viewed channel and title state). */
export const ASSISTANT_THREAD_RETENTION_MS = 90 * 24 * 60 * 60_000;
/** Threads answered in or sent to a desk are remembered this long (follow-ups, telling the asker), ms. */
export const THREAD_RETENTION_MS = 30 * 86_400_000;
/** Votes and unanswered questions are kept this long unless the caller says (FEEDBACK_RETENTION_DAYS), ms. */
export const FEEDBACK_RETENTION_DEFAULT_MS = 180 * 86_400_000;
/** While reachable, the store is pinged when nothing reached it for this long, so /healthz notices an idle outage. */
export const STORE_IDLE_PING_MS = 5_000;

export interface OpenStoreOptions {
  /** PostgreSQL when set (DATABASE_URL); otherwise SQLite in `dataDir`. */
  databaseUrl?: string;
  /** DATA_DIR: the embedded store's folder. */
  dataDir: string;
  logger: Logger;
  /** The clock, ms. Default Date.now. */
  now?: () => number;
  /** Votes and unanswered questions older than this are purged, ms. Default FEEDBACK_RETENTION_DEFAULT_MS. */
  feedbackRetentionMs?: number;
}

/** Where a DATABASE_URL points, without its password, for messages and logs. */
export function describeDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname || "localhost"}:${url.port || "5432"}${url.pathname}`;
  } catch {
    return "an unreadable address";
  }
}

function openDb(options: OpenStoreOptions): SqlDb {
  const { logger } = options;
  if (options.databaseUrl) {
    return openPostgresDb(options.databaseUrl, (error) =>
      logger.warn(
        { err: error, code: "store_unreachable" },
        "A PostgreSQL connection of the store was lost; it is replaced on next use.",
      ),
    );
  }
  try {
    return openSqliteDb(options.dataDir);
  } catch (cause) {
    const reason = (cause as { code?: string }).code ?? (cause as Error).message;
    throw new NewsdeskError(
      "store_open_failed",
      `Cannot open the embedded store in DATA_DIR (${options.dataDir}): ${reason}; point DATA_DIR at a writable folder.`,
      { cause },
    );
  }
}

function initError(options: OpenStoreOptions, cause: unknown): NewsdeskError {
  const reason = (cause as { code?: string; message?: string }).message ?? String(cause);
  if (options.databaseUrl) {
    return new NewsdeskError(
      "store_unreachable",
      `Cannot use the PostgreSQL database of DATABASE_URL (${describeDatabaseUrl(options.databaseUrl)}): ${reason}; check DATABASE_URL and that the server is running.`,
      { cause },
    );
  }
  return new NewsdeskError(
    "store_open_failed",
    `Cannot prepare the embedded store in DATA_DIR (${options.dataDir}): ${reason}; point DATA_DIR at a writable folder.`,
    { cause },
  );
}

/** The store of OpenStoreOptions; nothing is reached until `init()`. */
export function openStore(options: OpenStoreOptions): Store {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const db = openDb(options);
  const engine = db.engine;
  const onChange = (health: StoreHealth) => {
    if (health.reachable) logger.info({ store: health }, "The store is reachable again.");
    else
      logger.warn(
        { store: health, code: "store_unreachable" },
        "The store is unreachable: de-duplication falls back to this process's memory until it returns.",
      );
  };
  const tracker = createStoreHealthTracker(db, engine, now, onChange);
  const guarded: rooms.Guarded = {
    dialect: db.dialect,
    all: (sql, params) => tracker.guard(() => db.all(sql, params)),
    run: (sql, params) => tracker.guard(() => db.run(sql, params)),
    transaction: (work) => tracker.guard(() => db.transaction((tx) => work(tx))),
    ...(db.dataVersion ? { dataVersion: () => tracker.guard(() => db.dataVersion!()) } : {}),
  };
  const timers: NodeJS.Timeout[] = [];
  const store: Store = {
    engine,
    async init() {
      try {
        const applied = await migrate(db, now());
        await tracker.ping();
        logger.info({ engine, applied, version: await schemaVersion(db) }, "store ready");
      } catch (cause) {
        await db.close().catch(() => {});
        throw initError(options, cause);
      }
    },
    start() {
      const purge = async () => {
        const t = now();
        await store.seen.purge(t - SEEN_KEY_RETENTION_MS);
        await store.work.purge(t - DONE_WORK_RETENTION_MS);
        await store.oauthStates.purge(t);
        await store.leases.purge(t);
        await store.threads.purge(t - THREAD_RETENTION_MS);
        await store.feedback.purge(t - (options.feedbackRetentionMs ?? FEEDBACK_RETENTION_DEFAULT_MS));
        await store.assistantThreads.purge(t - ASSISTANT_THREAD_RETENTION_MS);
      };
      const ping = () => {
        const health = tracker.health();
        if (!health.reachable || now() - (health.lastOkAt ?? 0) >= STORE_IDLE_PING_MS) void tracker.ping();
      };
      // Once now, then every interval: a process that restarts more often than that (a deploy, a crash
      // loop) would otherwise never purge, and votes past FEEDBACK_RETENTION_DAYS would stay.
      void purge().catch(() => {});
      timers.push(setInterval(() => void purge().catch(() => {}), STORE_PURGE_INTERVAL_MS).unref());
      timers.push(setInterval(ping, STORE_PING_INTERVAL_MS).unref());
    },
    async stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
      await db.close();
    },
    health: () => tracker.health(),
    version: () => tracker.guard(() => schemaVersion(db)),
    seen: rooms.seenKeys(guarded),
    settings: rooms.channelSettings(guarded),
    feedback: rooms.feedback(guarded),
    threads: rooms.threads(guarded),
    recentQuestions: rooms.recentQuestions(guarded),
    assistantThreads: rooms.assistantThreads(guarded),
    installations: rooms.installations(guarded),
    oauthStates: rooms.oauthStates(guarded),
    leases: rooms.leases(guarded),
    sources: rooms.sourceState(guarded),
    work: workQueue(guarded),
    articles: articles(
      guarded,
      db.listen
        ? (channel, onNotify, onLost) => tracker.guard(() => db.listen!(channel, onNotify, onLost))
        : undefined,
    ),
  };
  return store;
}
