import type { Dialect, SqlDb } from "./sql-db.js";

/**
 * The schema, as numbered steps applied in order at start. A step once landed never changes: a new
 * column or table is a new step. Both engines run the same SQL; `Dialect` fills in what differs.
 * Times are BIGINT milliseconds; documents are JSON text (both engines, so the store code is one).
 */
export interface Migration {
  version: number;
  name: string;
  statements: (dialect: Dialect) => string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "seen keys, settings, feedback, recent questions, installations, leases, sources, work",
    statements: (d) => [
      "CREATE TABLE seen_keys (key TEXT PRIMARY KEY, seen_at BIGINT NOT NULL)",
      "CREATE INDEX seen_keys_seen_at ON seen_keys (seen_at)",
      `CREATE TABLE channel_settings (team TEXT NOT NULL, channel TEXT NOT NULL, settings TEXT NOT NULL,
        updated_at BIGINT NOT NULL, PRIMARY KEY (team, channel))`,
      `CREATE TABLE feedback (id ${d.serialKey}, team TEXT NOT NULL, channel TEXT NOT NULL,
        user_id TEXT NOT NULL, question TEXT NOT NULL, normalized_question TEXT NOT NULL,
        asked_day TEXT NOT NULL, article_id TEXT NOT NULL, paragraph INTEGER NOT NULL,
        rank INTEGER NOT NULL, vote TEXT NOT NULL CHECK (vote IN ('up', 'down')), reason TEXT,
        at BIGINT NOT NULL)`,
      "CREATE INDEX feedback_team_at ON feedback (team, at)",
      `CREATE TABLE recent_questions (id ${d.serialKey}, team TEXT NOT NULL, user_id TEXT NOT NULL,
        question TEXT NOT NULL, channel TEXT NOT NULL, at BIGINT NOT NULL)`,
      "CREATE INDEX recent_questions_user ON recent_questions (team, user_id, at)",
      `CREATE TABLE installations (key TEXT PRIMARY KEY, installation TEXT NOT NULL,
        updated_at BIGINT NOT NULL)`,
      "CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at BIGINT NOT NULL)",
      `CREATE TABLE source_state (source TEXT PRIMARY KEY, state TEXT NOT NULL,
        updated_at BIGINT NOT NULL)`,
      `CREATE TABLE work (id TEXT PRIMARY KEY, kind TEXT NOT NULL, payload TEXT NOT NULL,
        accepted_at BIGINT NOT NULL, holder TEXT NOT NULL, lease_until BIGINT NOT NULL,
        attempts INTEGER NOT NULL, done_at BIGINT)`,
      "CREATE INDEX work_pending ON work (lease_until) WHERE done_at IS NULL",
    ],
  },
  {
    version: 2,
    name: "oauth install states, one use each",
    statements: () => [
      `CREATE TABLE oauth_states (state TEXT PRIMARY KEY, install_options TEXT NOT NULL,
        expires_at BIGINT NOT NULL)`,
      "CREATE INDEX oauth_states_expires_at ON oauth_states (expires_at)",
    ],
  },
  {
    version: 3,
    name: "settings revisions; threads answered in or sent to a desk",
    statements: () => [
      // A change of settings replaces the document only if nobody changed it meanwhile (revision).
      "ALTER TABLE channel_settings ADD COLUMN revision INTEGER NOT NULL DEFAULT 1",
      `CREATE TABLE threads (team TEXT NOT NULL, channel TEXT NOT NULL, thread_ts TEXT NOT NULL,
        kind TEXT NOT NULL, data TEXT NOT NULL, at BIGINT NOT NULL, settled_at BIGINT,
        PRIMARY KEY (team, channel, thread_ts, kind))`,
      "CREATE INDEX threads_at ON threads (at)",
    ],
  },
  {
    version: 4,
    name: "feedback reasons and lookups by question; questions that found nothing",
    statements: (d) => [
      "ALTER TABLE feedback ADD COLUMN reason_kind TEXT",
      "CREATE INDEX feedback_question ON feedback (team, normalized_question)",
      "CREATE INDEX feedback_at ON feedback (at)",
      `CREATE TABLE unanswered (id ${d.serialKey}, team TEXT NOT NULL, channel TEXT NOT NULL,
        question TEXT NOT NULL, normalized_question TEXT NOT NULL, asked_day TEXT NOT NULL,
        at BIGINT NOT NULL)`,
      "CREATE INDEX unanswered_at ON unanswered (at)",
    ],
  },
  {
    version: 5,
    name: "assistant threads: the channel the user views, whether the thread has its title",
    statements: () => [
      `CREATE TABLE assistant_threads (channel TEXT NOT NULL, thread_ts TEXT NOT NULL,
        user_id TEXT NOT NULL, context TEXT NOT NULL, titled INTEGER NOT NULL DEFAULT 0,
        updated_at BIGINT NOT NULL, PRIMARY KEY (channel, thread_ts))`,
      "CREATE INDEX assistant_threads_updated_at ON assistant_threads (updated_at)",
    ],
  },
  {
    version: 6,
    name: "articles, shared by every replica, with a revision per change",
    statements: () => [
      // `document` is the article as one JSONL line of the corpus format (owned by the layers above).
      `CREATE TABLE articles (id TEXT PRIMARY KEY, url TEXT, document TEXT NOT NULL,
        shard INTEGER NOT NULL, revision BIGINT NOT NULL, updated_at BIGINT NOT NULL)`,
      "CREATE INDEX articles_revision ON articles (revision)",
      "CREATE INDEX articles_shard ON articles (shard, id)",
      "CREATE INDEX articles_url ON articles (url)",
      // One row: a write takes the next revision here, and its row lock orders writers by commit.
      "CREATE TABLE article_revision (id INTEGER PRIMARY KEY, revision BIGINT NOT NULL)",
      "INSERT INTO article_revision (id, revision) VALUES (1, 0)",
    ],
  },
];

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,
  name TEXT NOT NULL, applied_at BIGINT NOT NULL)`;

/** The versions applied. */
async function appliedVersions(db: SqlDb): Promise<Set<number>> {
  const rows = await db.all<{ version: number }>("SELECT version FROM schema_migrations");
  return new Set(rows.map((row) => Number(row.version)));
}

/** The highest version applied (0 on an empty database). */
export async function schemaVersion(db: SqlDb): Promise<number> {
  const rows = await db.all<{ version: number | null }>(
    "SELECT MAX(version) AS version FROM schema_migrations",
  );
  return Number(rows[0]?.version ?? 0);
}

/**
 * Applies the steps not yet applied, holding the engine's exclusive lock so that processes starting
 * at once apply each step once: the first takes the lock and migrates, the others wait, then find
 * nothing left to do. Returns the versions this call applied.
 */
export async function migrate(
  db: SqlDb,
  now: number,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  return db.exclusive(async (locked) => {
    await locked.run(LEDGER);
    // Every step not yet applied, a lower one landed after a higher one included (branches merge).
    const done = await appliedVersions(locked);
    const applied: number[] = [];
    for (const step of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(step.version)) continue;
      for (const sql of step.statements(locked.dialect)) await locked.run(sql);
      await locked.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
        step.version,
        step.name,
        now,
      ]);
      applied.push(step.version);
    }
    return applied;
  });
}
