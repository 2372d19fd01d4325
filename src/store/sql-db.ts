import type { StoreEngine } from "./types.js";

/**
 * The little the store needs of a SQL engine. Statements are written once with PostgreSQL's `$1`
 * placeholders and the SQL both engines speak (upserts with ON CONFLICT, RETURNING, partial indexes);
 * the few differences are the `Dialect`'s.
 */
export interface SqlDb {
  readonly engine: StoreEngine;
  readonly dialect: Dialect;
  /** The rows a statement returns (SELECT, or a write with RETURNING). */
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a write; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /**
   * Runs `work` alone among every process sharing the store (migrations): PostgreSQL holds an advisory
   * lock on one connection, SQLite an IMMEDIATE transaction. `work` gets the locked connection.
   */
  exclusive<T>(work: (db: SqlDb) => Promise<T>): Promise<T>;
  /** Runs `work`'s statements as one transaction on one connection (committed, or rolled back on a throw). */
  transaction<T>(work: (db: SqlDb) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL only: a connection of its own that LISTENs on `channel`; `onNotify` gets each payload,
   * `onLost` is told once when the connection ends (the caller listens again).
   */
  listen?(
    channel: string,
    onNotify: (payload: string) => void,
    onLost: (error: Error) => void,
  ): Promise<Listening>;
  /**
   * SQLite only: a number that moves whenever another connection (of any process) commits a change, not
   * for this connection's own (`PRAGMA data_version`), so reads can be kept until it moves. Read once
   * per turn of the event loop: a commit elsewhere is seen from the next turn on.
   */
  dataVersion?(): Promise<number>;
  /** True when `error` means the store cannot be reached (down, refused, timed out, disk gone). */
  isOutage(error: unknown): boolean;
  close(): Promise<void>;
}

export interface Dialect {
  /** An auto-numbered primary key column. */
  serialKey: string;
  /** Appended to a SELECT that picks rows to claim: other claimers skip rows being claimed. */
  skipLocked: string;
  /** The engine has NOTIFY (PostgreSQL): writes tell listeners on other connections. */
  notifies: boolean;
  /**
   * Embedded (SQLite): a transaction costs no round trips, so writes grouped in one save commits. On a
   * server each statement of a transaction is a round trip more, so writes there go one by one.
   */
  localTransactions: boolean;
}

export interface Listening {
  close(): Promise<void>;
}
