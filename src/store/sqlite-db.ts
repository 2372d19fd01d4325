import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Dialect, SqlDb } from "./sql-db.js";

/** How long a write waits for another process's write on the same file before failing, ms. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;
/** The store's file inside DATA_DIR. */
export const SQLITE_FILE_NAME = "newsdesk.sqlite";

const DIALECT: Dialect = {
  serialKey: "INTEGER PRIMARY KEY",
  skipLocked: "",
  notifies: false,
  localTransactions: true,
};

/** SQLite error codes that mean the file cannot be used now, rather than a bad statement. */
const OUTAGE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|CORRUPT|NOTADB)/;

interface Prepared {
  statement: Database.Statement;
  /** For each `?` of the statement, the index of its value among the `$n` parameters. */
  order: number[];
}

/** PostgreSQL's `$1` placeholders (numbered, may repeat) as SQLite's plain `?`, values reordered to match. */
function prepareNumbered(db: Database.Database, sql: string): Prepared {
  const order: number[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    order.push(Number(n) - 1);
    return "?";
  });
  return { statement: db.prepare(text), order };
}

/**
 * Transactions under way per database file in this process. A transaction's work awaits between its
 * statements; a second connection to the same file beginning one meanwhile would block the only thread
 * in SQLite's busy wait while the first can never commit. So this process's transactions on a file
 * take turns; other processes wait on SQLite's lock as usual.
 */
const turns = new Map<string, Promise<unknown>>();

function inTurn<T>(file: string, work: () => Promise<T>): Promise<T> {
  const previous = turns.get(file) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.catch(() => {});
  turns.set(file, settled);
  void settled.then(() => {
    if (turns.get(file) === settled) turns.delete(file);
  });
  return next;
}

/**
 * The embedded engine: one file in the data folder, opened in WAL mode so several processes on one
 * machine may share it. better-sqlite3 is synchronous; each statement takes microseconds, so the
 * promises here only give both engines one shape.
 */
export function openSqliteDb(dataDir: string): SqlDb {
  mkdirSync(dataDir, { recursive: true });
  const file = path.resolve(dataDir, SQLITE_FILE_NAME);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  db.pragma("synchronous = NORMAL");
  const statements = new Map<string, Prepared>();
  const dataVersion = db.prepare("PRAGMA data_version").pluck();
  // Read at most once per turn of the event loop: the PRAGMA costs a read transaction, about as much as
  // the reads it lets this process keep, and every request of a turn may share it (a commit of another
  // process that lands later in the turn is seen by the next turn's requests, as a read of a moment
  // earlier would have missed it too).
  const turn: { version?: number } = {};
  const endTurn = () => {
    delete turn.version;
  };
  const prepare = (sql: string) => {
    let prepared = statements.get(sql);
    if (!prepared) {
      prepared = prepareNumbered(db, sql);
      statements.set(sql, prepared);
    }
    return prepared;
  };
  const handle: SqlDb = {
    engine: "sqlite",
    dialect: DIALECT,
    async all<T>(sql: string, params: readonly unknown[] = []) {
      const { statement, order } = prepare(sql);
      return statement.all(...order.map((i) => params[i])) as T[];
    },
    async run(sql, params = []) {
      const { statement, order } = prepare(sql);
      return statement.run(...order.map((i) => params[i])).changes;
    },
    async dataVersion() {
      if (turn.version === undefined) {
        turn.version = dataVersion.get() as number;
        setImmediate(endTurn);
      }
      return turn.version;
    },
    exclusive(work) {
      return inTurn(file, async () => {
        db.exec("BEGIN IMMEDIATE");
        try {
          const result = await work(handle);
          db.exec("COMMIT");
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec("ROLLBACK");
          throw error;
        }
      });
    },
    transaction(work) {
      return handle.exclusive(work);
    },
    isOutage(error) {
      const code = (error as { code?: unknown } | null)?.code;
      return typeof code === "string" && OUTAGE_CODES.test(code);
    },
    async close() {
      statements.clear();
      if (db.open) db.close();
    },
  };
  return handle;
}
