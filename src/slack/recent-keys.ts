/**
 * A bounded memory of recently seen keys (event ids, channel+ts). Slack redelivers events it thinks
 * were lost, and delivers a DM mention both as `app_mention` and `message`: the first sighting wins.
 */
export interface RecentKeys {
  /** True the first time `key` is seen within the TTL; false for repeats. Marks it as seen. */
  firstTime(key: string): boolean;
  readonly size: number;
  /** The keys remembered now with when each was first seen, oldest first (for persisting them). */
  entries(): Array<[string, number]>;
}

export interface RecentKeysOptions {
  /** Most keys kept; the oldest is forgotten first. Default 10 000. */
  max?: number;
  /** How long a key is remembered, ms. Default 1 hour (Slack retries within minutes). */
  ttlMs?: number;
  /** Clock, for tests. Default Date.now. */
  now?: () => number;
  /** Keys seen before (e.g. by the previous process), oldest first; expired ones are dropped. */
  initial?: Iterable<readonly [string, number]>;
  /** Called after a key is first seen (to persist the set). */
  onAdd?: () => void;
}

export function createRecentKeys(options: RecentKeysOptions = {}): RecentKeys {
  const max = options.max ?? 10_000;
  const ttlMs = options.ttlMs ?? 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  // Map keeps insertion order, so the first entry is always the oldest.
  const seen = new Map<string, number>();
  const start = now();
  for (const [key, at] of [...(options.initial ?? [])].sort((a, b) => a[1] - b[1])) {
    if (start - at < ttlMs && at <= start) {
      seen.delete(key);
      seen.set(key, at);
    }
  }
  while (seen.size > max) seen.delete(seen.keys().next().value as string);

  return {
    firstTime(key) {
      const t = now();
      for (const [oldest, at] of seen) {
        if (t - at < ttlMs && seen.size < max) break;
        seen.delete(oldest);
      }
      const at = seen.get(key);
      if (at !== undefined && t - at < ttlMs) return false;
      seen.delete(key);
      seen.set(key, t);
      options.onAdd?.();
      return true;
    },
    get size() {
      return seen.size;
    },
    entries() {
      return [...seen];
    },
  };
}
