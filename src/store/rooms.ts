import { createReadCache, type ReadCache } from "./read-cache.js";
import type { SqlDb } from "./sql-db.js";
import type {
  AssistantThreadContext,
  AssistantThreadsStore,
  ChannelSettingsStore,
  FeedbackQuery,
  FeedbackRow,
  FeedbackStore,
  InstallationsStore,
  LeasesStore,
  OAuthStatesStore,
  ReasonKind,
  RecentQuestion,
  RecentQuestionsStore,
  SeenKeys,
  SourceStateStore,
  ThreadsStore,
  UnansweredRow,
} from "./types.js";

/** Most feedback rows one `list` returns when the caller names no limit. */
export const FEEDBACK_LIST_DEFAULT = 1_000;

/** The store's rooms get the engine through this: each call is one guarded operation. */
export interface Guarded {
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  dialect: SqlDb["dialect"];
  /** The statements of `work` as one transaction (one guarded operation). */
  transaction<T>(work: (tx: Guarded) => Promise<T>): Promise<T>;
  /** The engine's data version (SqlDb.dataVersion), where it has one: reads may be kept until it moves. */
  dataVersion?: () => Promise<number>;
}

const parse = (text: string): unknown => JSON.parse(text);

export function seenKeys(db: Guarded): SeenKeys {
  // Inserted, or taken over when the earlier claim is older than the window; a fresh claim by anyone
  // else makes the WHERE false, so no row comes back. One statement: two replicas never both win.
  const CLAIM = `INSERT INTO seen_keys (key, seen_at) VALUES ($1, $2)
    ON CONFLICT (key) DO UPDATE SET seen_at = excluded.seen_at WHERE seen_keys.seen_at <= $3
    RETURNING key`;
  return {
    async claim(key, now, ttlMs) {
      return (await db.all(CLAIM, [key, now, now - ttlMs])).length === 1;
    },
    purge: (before) => db.run("DELETE FROM seen_keys WHERE seen_at < $1", [before]),
  };
}

/** Runs a write of a room's tables with its kept reads forgotten before and after. */
async function writing<T>(cache: ReadCache<unknown>, write: () => Promise<T>): Promise<T> {
  cache.changed();
  try {
    return await write();
  } finally {
    cache.changed();
  }
}

export function channelSettings(db: Guarded): ChannelSettingsStore {
  // Every answer reads its channel's settings: kept until they may have changed (read-cache.ts).
  const kept = createReadCache<{ settings: string }[]>(db.dataVersion);
  const write = <T>(work: () => Promise<T>) => writing(kept, work);
  return {
    async get(team, channel) {
      const rows = await kept.read(`${team}\u0000${channel}`, () =>
        db.all<{ settings: string }>(
          "SELECT settings FROM channel_settings WHERE team = $1 AND channel = $2",
          [team, channel],
        ),
      );
      return rows[0] ? parse(rows[0].settings) : undefined;
    },
    async read(team, channel) {
      const rows = await db.all<{ settings: string; revision: number; updated_at: number }>(
        "SELECT settings, revision, updated_at FROM channel_settings WHERE team = $1 AND channel = $2",
        [team, channel],
      );
      const row = rows[0];
      if (!row) return undefined;
      return {
        settings: parse(row.settings),
        revision: Number(row.revision),
        updatedAt: Number(row.updated_at),
      };
    },
    async put(team, channel, settings, now) {
      await write(() =>
        db.run(
          `INSERT INTO channel_settings (team, channel, settings, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (team, channel) DO UPDATE SET settings = excluded.settings,
           updated_at = excluded.updated_at, revision = channel_settings.revision + 1`,
          [team, channel, JSON.stringify(settings), now],
        ),
      );
    },
    async replace(team, channel, settings, revision, now) {
      const doc = JSON.stringify(settings);
      // Revision 0 (none yet): only an insert may win; otherwise only the update of that revision.
      const changed = await write(() =>
        revision === 0
          ? db.run(
              `INSERT INTO channel_settings (team, channel, settings, updated_at, revision)
               VALUES ($1, $2, $3, $4, 1) ON CONFLICT (team, channel) DO NOTHING`,
              [team, channel, doc, now],
            )
          : db.run(
              `UPDATE channel_settings SET settings = $3, updated_at = $4, revision = revision + 1
               WHERE team = $1 AND channel = $2 AND revision = $5`,
              [team, channel, doc, now, revision],
            ),
      );
      return changed === 1;
    },
    async delete(team, channel) {
      await write(() =>
        db.run("DELETE FROM channel_settings WHERE team = $1 AND channel = $2", [team, channel]),
      );
    },
    async list(team) {
      const rows = await db.all<{ channel: string; settings: string; updated_at: number }>(
        "SELECT channel, settings, updated_at FROM channel_settings WHERE team = $1 ORDER BY channel",
        [team],
      );
      return rows.map((r) => ({
        channel: r.channel,
        settings: parse(r.settings),
        updatedAt: Number(r.updated_at),
      }));
    },
  };
}

interface FeedbackRecord {
  team: string;
  channel: string;
  user_id: string;
  question: string;
  normalized_question: string;
  asked_day: string;
  article_id: string;
  paragraph: number;
  rank: number;
  vote: "up" | "down";
  reason: string | null;
  reason_kind: ReasonKind | null;
  at: number;
}

const FEEDBACK_COLUMNS = `team, channel, user_id, question, normalized_question, asked_day, article_id,
  paragraph, rank, vote, reason, reason_kind, at`;

function feedbackOf(r: FeedbackRecord): FeedbackRow {
  return {
    team: r.team,
    channel: r.channel,
    user: r.user_id,
    question: r.question,
    normalizedQuestion: r.normalized_question,
    askedDay: r.asked_day,
    articleId: r.article_id,
    paragraph: Number(r.paragraph),
    rank: Number(r.rank),
    vote: r.vote,
    ...(r.reason === null ? {} : { reason: r.reason }),
    ...(r.reason_kind === null ? {} : { reasonKind: r.reason_kind }),
    at: Number(r.at),
  };
}

const unansweredOf = (
  r: UnansweredRow & { normalized_question: string; asked_day: string },
): UnansweredRow => ({
  team: r.team,
  channel: r.channel,
  question: r.question,
  normalizedQuestion: r.normalized_question,
  askedDay: r.asked_day,
  at: Number(r.at),
});

export function feedback(db: Guarded): FeedbackStore {
  // Every answer reads its question's votes: kept until they may have changed (read-cache.ts).
  const kept = createReadCache<FeedbackRecord[]>(db.dataVersion);
  const write = <T>(work: () => Promise<T>) => writing(kept, work);
  return {
    async add(row) {
      const rows = await write(() =>
        db.all<{ id: number }>(
          `INSERT INTO feedback (${FEEDBACK_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $13, $12) RETURNING id`,
          [
            row.team,
            row.channel,
            row.user,
            row.question,
            row.normalizedQuestion,
            row.askedDay,
            row.articleId,
            row.paragraph,
            row.rank,
            row.vote,
            row.reason ?? null,
            row.at,
            row.reasonKind ?? null,
          ],
        ),
      );
      return Number(rows[0]!.id);
    },
    async explain(id, team, user, why) {
      const changed = await write(() =>
        db.run(
          `UPDATE feedback SET reason_kind = COALESCE($4, reason_kind), reason = COALESCE($5, reason)
         WHERE id = $1 AND team = $2 AND user_id = $3 AND vote = 'down'`,
          [id, team, user, why.kind ?? null, why.reason ?? null],
        ),
      );
      return changed === 1;
    },
    async list(query: FeedbackQuery = {}) {
      const rows = await db.all<FeedbackRecord>(
        `SELECT ${FEEDBACK_COLUMNS} FROM feedback WHERE ${FILTERED} ORDER BY at DESC, id DESC LIMIT $4`,
        filterParams(query),
      );
      return rows.map(feedbackOf);
    },
    async forQuestion(team, normalizedQuestion) {
      const rows = await kept.read(`${team}\u0000${normalizedQuestion}`, () =>
        db.all<FeedbackRecord>(
          `SELECT ${FEEDBACK_COLUMNS} FROM feedback WHERE team = $1 AND normalized_question = $2
         ORDER BY at, id`,
          [team, normalizedQuestion],
        ),
      );
      return rows.map(feedbackOf);
    },
    async addUnanswered(row) {
      await db.run(
        `INSERT INTO unanswered (team, channel, question, normalized_question, asked_day, at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [row.team, row.channel, row.question, row.normalizedQuestion, row.askedDay, row.at],
      );
    },
    async listUnanswered(query: FeedbackQuery = {}) {
      const rows = await db.all<UnansweredRow & { normalized_question: string; asked_day: string }>(
        `SELECT team, channel, question, normalized_question, asked_day, at FROM unanswered
         WHERE ${FILTERED} ORDER BY at DESC, id DESC LIMIT $4`,
        filterParams(query),
      );
      return rows.map(unansweredOf);
    },
    async purge(before) {
      const votes = await write(() => db.run("DELETE FROM feedback WHERE at < $1", [before]));
      return votes + (await db.run("DELETE FROM unanswered WHERE at < $1", [before]));
    },
  };
}

// Unset filters match everything: ($1 IS NULL OR team = $1) keeps it one prepared statement.
const FILTERED = `(CAST($1 AS TEXT) IS NULL OR team = $1) AND (CAST($2 AS TEXT) IS NULL OR channel = $2)
  AND at >= $3`;

const filterParams = (query: FeedbackQuery) => [
  query.team ?? null,
  query.channel ?? null,
  query.since ?? 0,
  query.limit ?? FEEDBACK_LIST_DEFAULT,
];

export function threads(db: Guarded): ThreadsStore {
  const KEY = "team = $1 AND channel = $2 AND thread_ts = $3 AND kind = $4";
  return {
    async mark(team, channel, threadTs, kind, data, now) {
      await db.run(
        `INSERT INTO threads (team, channel, thread_ts, kind, data, at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (team, channel, thread_ts, kind) DO UPDATE SET data = excluded.data, at = excluded.at,
           settled_at = NULL`,
        [team, channel, threadTs, kind, JSON.stringify(data), now],
      );
    },
    async get(team, channel, threadTs, kind) {
      const rows = await db.all<{ data: string; at: number; settled_at: number | null }>(
        `SELECT data, at, settled_at FROM threads WHERE ${KEY}`,
        [team, channel, threadTs, kind],
      );
      const row = rows[0];
      if (!row) return undefined;
      return {
        data: parse(row.data),
        at: Number(row.at),
        settledAt: row.settled_at === null ? null : Number(row.settled_at),
      };
    },
    async settle(team, channel, threadTs, kind, now) {
      const changed = await db.run(`UPDATE threads SET settled_at = $5 WHERE ${KEY} AND settled_at IS NULL`, [
        team,
        channel,
        threadTs,
        kind,
        now,
      ]);
      return changed === 1;
    },
    purge: (before) => db.run("DELETE FROM threads WHERE at < $1", [before]),
  };
}

export function recentQuestions(db: Guarded): RecentQuestionsStore {
  return {
    async add(team, user, entry, keep) {
      const add = async (tx: Guarded) => {
        await tx.run(
          "INSERT INTO recent_questions (team, user_id, question, channel, at) VALUES ($1, $2, $3, $4, $5)",
          [team, user, entry.question, entry.channel, entry.at],
        );
        // The user's rows past the newest `keep`, picked along the (team, user_id, at) index and deleted
        // by key: a NOT IN over all of the user's rows cost twice as much (docs/performance.md).
        await tx.run(
          `DELETE FROM recent_questions WHERE id IN (
           SELECT id FROM recent_questions WHERE team = $1 AND user_id = $2
           ORDER BY at DESC, id DESC LIMIT $4 OFFSET $3)`,
          [team, user, keep, Number.MAX_SAFE_INTEGER],
        );
      };
      // Every /ask remembers its question: one commit instead of two where that is cheap.
      await (db.dialect.localTransactions ? db.transaction(add) : add(db));
    },
    async list(team, user, limit) {
      const rows = await db.all<{ question: string; channel: string; at: number }>(
        `SELECT question, channel, at FROM recent_questions WHERE team = $1 AND user_id = $2
         ORDER BY at DESC, id DESC LIMIT $3`,
        [team, user, limit],
      );
      return rows.map(
        (r): RecentQuestion => ({ question: r.question, channel: r.channel, at: Number(r.at) }),
      );
    },
  };
}

export function assistantThreads(db: Guarded): AssistantThreadsStore {
  return {
    async put(channel, threadTs, user, context, now) {
      await db.run(
        `INSERT INTO assistant_threads (channel, thread_ts, user_id, context, updated_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (channel, thread_ts) DO UPDATE SET context = excluded.context,
           updated_at = excluded.updated_at`,
        [channel, threadTs, user, JSON.stringify(context), now],
      );
    },
    async get(channel, threadTs) {
      const rows = await db.all<{ user_id: string; context: string; titled: number }>(
        "SELECT user_id, context, titled FROM assistant_threads WHERE channel = $1 AND thread_ts = $2",
        [channel, threadTs],
      );
      const row = rows[0];
      if (!row) return undefined;
      return {
        user: row.user_id,
        context: parse(row.context) as AssistantThreadContext,
        titled: Number(row.titled) === 1,
      };
    },
    async claimTitle(channel, threadTs) {
      const rows = await db.all(
        `UPDATE assistant_threads SET titled = 1 WHERE channel = $1 AND thread_ts = $2 AND titled = 0
         RETURNING thread_ts`,
        [channel, threadTs],
      );
      return rows.length === 1;
    },
    purge: (before) => db.run("DELETE FROM assistant_threads WHERE updated_at < $1", [before]),
  };
}

/** A JSON document per key: installations and sources' poll state have this shape. */
function documents(db: Guarded, table: string, key: string, column: string) {
  return {
    async get(id: string) {
      const rows = await db.all<{ doc: string }>(`SELECT ${column} AS doc FROM ${table} WHERE ${key} = $1`, [
        id,
      ]);
      return rows[0] ? parse(rows[0].doc) : undefined;
    },
    async put(id: string, value: unknown, now: number) {
      await db.run(
        `INSERT INTO ${table} (${key}, ${column}, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (${key}) DO UPDATE SET ${column} = excluded.${column}, updated_at = excluded.updated_at`,
        [id, JSON.stringify(value), now],
      );
    },
    async delete(id: string) {
      await db.run(`DELETE FROM ${table} WHERE ${key} = $1`, [id]);
    },
    async list() {
      const rows = await db.all<{ id: string; doc: string; updated_at: number }>(
        `SELECT ${key} AS id, ${column} AS doc, updated_at FROM ${table} ORDER BY ${key}`,
      );
      return rows.map((r) => ({ id: r.id, value: parse(r.doc), updatedAt: Number(r.updated_at) }));
    },
  };
}

export function installations(db: Guarded): InstallationsStore {
  const docs = documents(db, "installations", "key", "installation");
  return { get: docs.get, put: docs.put, delete: docs.delete };
}

export function oauthStates(db: Guarded): OAuthStatesStore {
  // Deleted and returned in one statement: of two replicas finishing the same install, one gets it.
  const TAKE = "DELETE FROM oauth_states WHERE state = $1 RETURNING install_options, expires_at";
  return {
    async put(state, installOptions, expiresAt) {
      await db.run("INSERT INTO oauth_states (state, install_options, expires_at) VALUES ($1, $2, $3)", [
        state,
        JSON.stringify(installOptions),
        expiresAt,
      ]);
    },
    async take(state, now) {
      const rows = await db.all<{ install_options: string; expires_at: number }>(TAKE, [state]);
      const row = rows[0];
      return row && Number(row.expires_at) > now ? parse(row.install_options) : undefined;
    },
    purge: (before) => db.run("DELETE FROM oauth_states WHERE expires_at < $1", [before]),
  };
}

export function sourceState(db: Guarded): SourceStateStore {
  const docs = documents(db, "source_state", "source", "state");
  return {
    get: docs.get,
    put: docs.put,
    list: async () =>
      (await docs.list()).map((d) => ({ source: d.id, state: d.value, updatedAt: d.updatedAt })),
  };
}

export function leases(db: Guarded): LeasesStore {
  const ACQUIRE = `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
    ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
    WHERE leases.expires_at <= $4 OR leases.holder = excluded.holder
    RETURNING name`;
  return {
    async acquire(name, holder, now, ttlMs) {
      return (await db.all(ACQUIRE, [name, holder, now + ttlMs, now])).length === 1;
    },
    async release(name, holder) {
      await db.run("DELETE FROM leases WHERE name = $1 AND holder = $2", [name, holder]);
    },
    purge: (before) => db.run("DELETE FROM leases WHERE expires_at < $1", [before]),
  };
}
