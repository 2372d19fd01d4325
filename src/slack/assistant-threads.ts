import type { AssistantThreadContext, AssistantThreadsStore } from "../store/index.js";
import type { SlackDeps } from "./slack-deps.js";

/** Threads this process remembers without a store (tests, a bot run with no store): the newest only. */
const MEMORY_MAX_THREADS = 10_000;

/** The store's assistant threads, or this process's memory of them when there is no store. */
export function assistantThreadsOf(
  store: { assistantThreads: AssistantThreadsStore } | undefined,
): AssistantThreadsStore {
  if (store) return store.assistantThreads;
  const rows = new Map<
    string,
    { user: string; context: AssistantThreadContext; titled: boolean; at: number }
  >();
  const key = (channel: string, ts: string) => `${channel}\n${ts}`;
  return {
    async put(channel, threadTs, user, context, now) {
      const k = key(channel, threadTs);
      const titled = rows.get(k)?.titled ?? false;
      rows.delete(k);
      rows.set(k, { user, context, titled, at: now });
      if (rows.size > MEMORY_MAX_THREADS) rows.delete(rows.keys().next().value as string);
    },
    async get(channel, threadTs) {
      const row = rows.get(key(channel, threadTs));
      return row ? { user: row.user, context: row.context, titled: row.titled } : undefined;
    },
    async claimTitle(channel, threadTs) {
      const row = rows.get(key(channel, threadTs));
      if (!row || row.titled) return false;
      row.titled = true;
      return true;
    },
    async purge(before) {
      let n = 0;
      for (const [k, row] of rows) if (row.at < before && rows.delete(k)) n++;
      return n;
    },
  };
}

/**
 * The channel a user is looking at beside an assistant thread (assistant_thread_context_changed), so
 * that channel's settings can scope the thread's answers; undefined when unknown.
 */
export async function viewedChannel(
  deps: SlackDeps,
  channel: string,
  threadTs: string,
): Promise<string | undefined> {
  try {
    return (await deps.assistantThreads?.get(channel, threadTs))?.context.channelId;
  } catch (error) {
    deps.logger.warn(
      { err: error, code: "store_unreachable" },
      "An assistant thread's context could not be read.",
    );
    return undefined;
  }
}
