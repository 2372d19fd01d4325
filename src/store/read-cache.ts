/**
 * Reads of one room kept while nothing can have changed them, on an engine that says when another
 * connection committed (SQLite's `PRAGMA data_version`, which every process sharing the file moves):
 * a kept read is dropped when that number moves (it is read once per turn of the event loop, so a
 * commit elsewhere is seen from the next turn on) or when this connection writes the room's tables. On
 * an engine that cannot say (PostgreSQL) every read goes to the server. Each `/ask` reads its channel's
 * settings and its question's votes, which change rarely; reading them was a third of the store's
 * work per `/ask` (docs/performance.md).
 *
 * Kept are the rows as the statement returned them: callers map them to fresh objects per read.
 */
export interface ReadCache<V> {
  /** `load()`'s value for `key`, kept from an earlier read when nothing changed since. */
  read(key: string, load: () => Promise<V>): Promise<V>;
  /** This connection is writing the room's tables: forget every kept read (call before and after). */
  changed(): void;
}

/** Reads kept at most; the cache is cleared when full (no bookkeeping on the hot path). */
const MAX_KEPT = 10_000;

export function createReadCache<V>(dataVersion: (() => Promise<number>) | undefined): ReadCache<V> {
  const state = { version: Number.NaN, generation: 0, kept: new Map<string, V>() };
  const forget = () => {
    state.generation++;
    state.kept.clear();
  };
  if (!dataVersion) return { read: (_key, load) => load(), changed: forget };
  return {
    async read(key, load) {
      const version = await dataVersion();
      if (version !== state.version) {
        forget();
        state.version = version;
      }
      if (state.kept.has(key)) return state.kept.get(key) as V;
      const generation = state.generation;
      const value = await load();
      // A write of this connection, or a newer version seen meanwhile, may postdate what was read.
      if (generation === state.generation && version === state.version) {
        if (state.kept.size >= MAX_KEPT) state.kept.clear();
        state.kept.set(key, value);
      }
      return value;
    },
    changed: forget,
  };
}
