import pg from "pg";
import { NewsdeskError } from "../errors.js";
import type { Dialect, Listening, SqlDb } from "./sql-db.js";

/** Connections per process: the claims are one short statement each, so a few suffice. */
export const PG_POOL_SIZE = 10;
/** A connection attempt longer than this counts as the server being unreachable, ms. */
export const PG_CONNECT_TIMEOUT_MS = 3_000;
/** A statement longer than this counts as the server being unreachable, ms (every one is a key lookup). */
export const PG_QUERY_TIMEOUT_MS = 3_000;
/** The advisory lock key the migrations hold ("newsdesk" in ASCII, so no other app picks it by chance). */
const MIGRATION_LOCK_KEY = 0x6e657773_6465736bn;

const DIALECT: Dialect = {
  serialKey: "BIGSERIAL PRIMARY KEY",
  skipLocked: "FOR UPDATE SKIP LOCKED",
  notifies: true,
  localTransactions: false,
};

/** Node error codes and SQLSTATE classes that mean the server is gone rather than a bad statement. */
const NODE_OUTAGE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "EAI_AGAIN",
]);
const SQLSTATE_OUTAGE = /^(08|53|57P0[1-3])/;
const MESSAGE_OUTAGE =
  /Connection terminated|timeout|Client has encountered a connection error|not queryable|ended/i;

/** BIGINT columns (times in ms) as numbers: every value the store keeps is far below 2^53. */
const TYPES = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

function isOutage(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (typeof e?.code === "string" && (NODE_OUTAGE.has(e.code) || SQLSTATE_OUTAGE.test(e.code))) return true;
  return typeof e?.message === "string" && MESSAGE_OUTAGE.test(e.message);
}

type Queryable = Pick<pg.Pool, "query">;

const nested = () =>
  Promise.reject(new NewsdeskError("internal_invariant", "transaction() was called inside a transaction."));

function over(
  target: Queryable,
  exclusive: SqlDb["exclusive"],
  close: () => Promise<void>,
  transaction: SqlDb["transaction"] = nested,
): SqlDb {
  return {
    engine: "postgres",
    dialect: DIALECT,
    async all<T>(sql: string, params: readonly unknown[] = []) {
      return (await target.query(sql, params as unknown[])).rows as T[];
    },
    async run(sql, params = []) {
      return (await target.query(sql, params as unknown[])).rowCount ?? 0;
    },
    exclusive,
    transaction,
    isOutage,
    close,
  };
}

/** One statement-timeout-free connection LISTENing on `channel` (a pooled one would be handed back). */
async function listenOn(
  databaseUrl: string,
  channel: string,
  onNotify: (payload: string) => void,
  onLost: (error: Error) => void,
): Promise<Listening> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    application_name: "newsdesk-listen",
  });
  let closing = false;
  let told = false;
  const lost = (error: Error) => {
    if (closing || told) return;
    told = true;
    onLost(error);
  };
  client.on("error", lost);
  client.on("end", () => lost(new Error("Connection terminated")));
  client.on("notification", (message) => onNotify(message.payload ?? ""));
  try {
    await client.connect();
    await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  } catch (error) {
    closing = true;
    await client.end().catch(() => {});
    throw error;
  }
  return {
    async close() {
      closing = true;
      await client.end().catch(() => {});
    },
  };
}

/**
 * PostgreSQL through a pool of `pg` connections. An idle connection the server drops (a restart, a
 * failover) is logged through `onIdleError` and replaced on the next statement; it never crashes the
 * process.
 */
export function openPostgresDb(databaseUrl: string, onIdleError: (error: Error) => void): SqlDb {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: PG_POOL_SIZE,
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    query_timeout: PG_QUERY_TIMEOUT_MS,
    types: TYPES,
    application_name: "newsdesk",
  });
  pool.on("error", onIdleError);
  // Its own connection, without the statement timeout: waiting for another process's migration, or
  // running a long one, is expected here.
  const exclusive: SqlDb["exclusive"] = async (work) => {
    const client = new pg.Client({
      connectionString: databaseUrl,
      connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
      types: TYPES,
      application_name: "newsdesk-migrate",
    });
    client.on("error", onIdleError);
    await client.connect();
    try {
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY.toString()]);
      await client.query("BEGIN");
      try {
        const result = await work(
          over(
            client,
            () =>
              Promise.reject(
                new NewsdeskError("internal_invariant", "exclusive() was called inside exclusive()."),
              ),
            async () => {},
          ),
        );
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
    } finally {
      // Closing the session releases the advisory lock too.
      await client.end().catch(() => {});
    }
  };
  const transaction: SqlDb["transaction"] = async (work) => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      try {
        const result = await work(over(client, nested, async () => {}));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch((failed: Error) => {
          broken = failed;
        });
        throw error;
      }
    } finally {
      // A connection whose rollback failed is not handed to the next statement.
      client.release(broken);
    }
  };
  const db = over(pool, exclusive, () => pool.end(), transaction);
  return { ...db, listen: (channel, onNotify, onLost) => listenOn(databaseUrl, channel, onNotify, onLost) };
}
