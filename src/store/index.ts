/**
 * The store layer's front door: everything durable that is not the corpus (seen request keys, channel
 * settings, feedback, recent questions, installations, leases, sources' poll state, accepted work),
 * in SQLite (embedded default) or PostgreSQL (DATABASE_URL). See docs/architecture.md.
 */
export { ArticleMirror, type ArticleMirrorOptions } from "./article-mirror.js";
export { ARTICLE_SHARDS, ARTICLES_CHANNEL, shardOf } from "./articles.js";
export {
  describeDatabaseUrl,
  FEEDBACK_RETENTION_DEFAULT_MS,
  type OpenStoreOptions,
  openStore,
  SEEN_KEY_RETENTION_MS,
} from "./create-store.js";
export { MIGRATIONS } from "./migrations.js";
export { SQLITE_FILE_NAME } from "./sqlite-db.js";
export { StoreUnavailable } from "./store-health.js";
export type * from "./types.js";
