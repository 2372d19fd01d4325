import { NewsdeskError } from "../errors.js";
import type { Guarded } from "./rooms.js";
import type { ArticlesStore } from "./types.js";

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

/** The articles room (see ArticlesStore). `listen` is the engine's LISTEN, when it has one. */
export function articles(
  db: Guarded,
  listen:
    | ((
        channel: string,
        onNotify: () => void,
        onLost: (error: Error) => void,
      ) => Promise<{ close(): Promise<void> }>)
    | undefined,
): ArticlesStore {
  return {
    async upsert(records, now) {
      for (const record of records) {
        if (/[\n\r]/.test(record.document))
          throw new NewsdeskError("internal_invariant", `Article ${record.id}: a document must be one line.`);
      }
      if (records.length === 0) return { changed: [], revision: 0 };
      return db.transaction(async (tx) => {
        // The row lock on the counter is held to commit: a later writer waits, then takes a higher number.
        const [next] = await tx.all<{ revision: number }>(
          "UPDATE article_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision",
        );
        const revision = Number(next!.revision);
        const changed: string[] = [];
        for (const r of records) {
          if ((await tx.run(UPSERT, [r.id, r.url ?? null, r.document, shardOf(r.id), revision, now])) > 0)
            changed.push(r.id);
        }
        if (changed.length > 0 && tx.dialect.notifies)
          await tx.all("SELECT pg_notify($1, $2)", [ARTICLES_CHANNEL, String(revision)]);
        return { changed, revision: changed.length > 0 ? revision : 0 };
      });
    },
    async get(id) {
      const rows = await db.all<{ id: string; url: string | null; document: string; revision: number }>(
        "SELECT id, url, document, revision FROM articles WHERE id = $1",
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
    },
    async idOfUrl(url) {
      const rows = await db.all<{ id: string }>(
        "SELECT id FROM articles WHERE url = $1 ORDER BY id LIMIT 1",
        [url],
      );
      return rows[0]?.id;
    },
    async changedSince(revision, limit) {
      const rows = await db.all<{ id: string; shard: number; revision: number }>(
        "SELECT id, shard, revision FROM articles WHERE revision > $1 ORDER BY revision, id LIMIT $2",
        [revision, limit],
      );
      return rows.map((r) => ({ id: r.id, shard: Number(r.shard), revision: Number(r.revision) }));
    },
    byShard: (shard) =>
      db.all<{ id: string; document: string }>(
        "SELECT id, document FROM articles WHERE shard = $1 ORDER BY id",
        [shard],
      ),
    async count() {
      const rows = await db.all<{ n: number }>("SELECT COUNT(*) AS n FROM articles");
      return Number(rows[0]?.n ?? 0);
    },
    async revision() {
      const rows = await db.all<{ revision: number | null }>(
        "SELECT MAX(revision) AS revision FROM articles",
      );
      return Number(rows[0]?.revision ?? 0);
    },
    async listen(onChange, onLost) {
      return listen ? listen(ARTICLES_CHANNEL, onChange, onLost) : undefined;
    },
  };
}
