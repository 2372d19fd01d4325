import { NewsdeskError } from "../errors.js";
import type { Guarded } from "./rooms.js";
import type { ArticleRecord, ArticlesStore } from "./types.js";

/** How many shards the articles are spread over (the mirror's files): a change rewrites one of them. */
export const ARTICLE_SHARDS = 64;
/** The PostgreSQL channel every article write notifies (payload: its revision). */
export const ARTICLES_CHANNEL = "newsdesk_articles";

/** The shard of an article id: FNV-1a of its UTF-16 code units, so every process agrees. */
export function shardOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return hash % ARTICLE_SHARDS;
}

// Only a different document replaces the row, so an import run again takes no revision.
const UPSERT = `INSERT INTO articles (id, url, document, shard, revision, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (id) DO UPDATE SET url = excluded.url, document = excluded.document,
    revision = excluded.revision, updated_at = excluded.updated_at
  WHERE articles.document <> excluded.document`;

// A removed article keeps its row as a tombstone (empty document, no URL) under the removal's revision:
// a replica catching up by revision learns of it as of any change, and rewrites the shard without it.
const REMOVE = `UPDATE articles SET document = '', url = NULL, revision = $2, updated_at = $3
  WHERE id = $1 AND document <> ''`;

/** PostgreSQL's LISTEN on a channel (the SQLite store has none). */
type Listen = (
  channel: string,
  onNotify: () => void,
  onLost: (error: Error) => void,
) => Promise<{ close(): Promise<void> }>;

/** The articles room (see ArticlesStore). `listen` is the engine's LISTEN, when it has one. */
export function articles(db: Guarded, listen: Listen | undefined): ArticlesStore {
  return new ArticlesRoom(db, listen);
}

class ArticlesRoom implements ArticlesStore {
  constructor(
    private readonly db: Guarded,
    private readonly listenTo: Listen | undefined,
  ) {}

  async upsert(records: readonly ArticleRecord[], now: number) {
    for (const record of records) {
      if (/[\n\r]/.test(record.document))
        throw new NewsdeskError("internal_invariant", `Article ${record.id}: a document must be one line.`);
    }
    if (records.length === 0) return { changed: [], revision: 0 };
    return revised(
      this.db,
      (tx, revision) => async (r: ArticleRecord) =>
        (await tx.run(UPSERT, [r.id, r.url ?? null, r.document, shardOf(r.id), revision, now])) > 0,
      records,
      (r) => r.id,
    );
  }

  async remove(ids: readonly string[], now: number) {
    if (ids.length === 0) return { changed: [], revision: 0 };
    return revised(
      this.db,
      (tx, revision) => async (id: string) => (await tx.run(REMOVE, [id, revision, now])) > 0,
      ids,
      (id) => id,
    );
  }

  async get(id: string) {
    const rows = await this.db.all<{ id: string; url: string | null; document: string; revision: number }>(
      "SELECT id, url, document, revision FROM articles WHERE id = $1 AND document <> ''",
      [id],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      ...(row.url === null ? {} : { url: row.url }),
      document: row.document,
      revision: Number(row.revision),
    };
  }

  async idOfUrl(url: string) {
    const rows = await this.db.all<{ id: string }>(
      "SELECT id FROM articles WHERE url = $1 ORDER BY id LIMIT 1",
      [url],
    );
    return rows[0]?.id;
  }

  async changedSince(revision: number, limit: number) {
    const rows = await this.db.all<{ id: string; shard: number; revision: number }>(
      "SELECT id, shard, revision FROM articles WHERE revision > $1 ORDER BY revision, id LIMIT $2",
      [revision, limit],
    );
    return rows.map((r) => ({ id: r.id, shard: Number(r.shard), revision: Number(r.revision) }));
  }

  byShard(shard: number) {
    return this.db.all<{ id: string; document: string }>(
      "SELECT id, document FROM articles WHERE shard = $1 AND document <> '' ORDER BY id",
      [shard],
    );
  }

  async count() {
    const rows = await this.db.all<{ n: number }>("SELECT COUNT(*) AS n FROM articles WHERE document <> ''");
    return Number(rows[0]?.n ?? 0);
  }

  async revision() {
    const rows = await this.db.all<{ revision: number | null }>(
      "SELECT MAX(revision) AS revision FROM articles",
    );
    return Number(rows[0]?.revision ?? 0);
  }

  async listen(onChange: () => void, onLost: (error: Error) => void) {
    return this.listenTo ? this.listenTo(ARTICLES_CHANNEL, onChange, onLost) : undefined;
  }
}

/**
 * One write of articles in one transaction under the next revision: `write(item)` says whether the item
 * changed a row; when any did, PostgreSQL is told (NOTIFY) and the revision is returned (else 0).
 */
async function revised<T>(
  db: Guarded,
  writer: (tx: Guarded, revision: number) => (item: T) => Promise<boolean>,
  items: readonly T[],
  idOf: (item: T) => string,
): Promise<{ changed: string[]; revision: number }> {
  return db.transaction(async (tx) => {
    // The row lock on the counter is held to commit: a later writer waits, then takes a higher number.
    const [next] = await tx.all<{ revision: number }>(
      "UPDATE article_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision",
    );
    const revision = Number(next!.revision);
    const write = writer(tx, revision);
    const changed: string[] = [];
    for (const item of items) if (await write(item)) changed.push(idOf(item));
    if (changed.length > 0 && tx.dialect.notifies)
      await tx.all("SELECT pg_notify($1, $2)", [ARTICLES_CHANNEL, String(revision)]);
    return { changed, revision: changed.length > 0 ? revision : 0 };
  });
}
