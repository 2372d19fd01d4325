import path from "node:path";
import { createCorpusSink } from "./corpus-sink.js";
import { createHttpGet, type FetchFn } from "./http-get.js";
import { ingestSource } from "./ingest-source.js";
import type { PollLimits } from "./poll-limits.js";
import { createSourcePoller, type PollerLogger, type SourcePoller, type Timers } from "./poller.js";
import { createRobotsCheck } from "./robots.js";
import { createFileStateStore, type SourceStateStore } from "./source-state-store.js";
import type { SourceConfig } from "./sources-config.js";

export interface SitePollerOptions {
  sources: readonly SourceConfig[];
  corpusDir: string;
  /** The sources' memory goes to `<cacheDir>/sources-state.json` unless `store` is given. */
  cacheDir: string;
  fetch: FetchFn;
  logger: PollerLogger;
  store?: SourceStateStore;
  now?: () => number;
  timers?: Timers;
  timeoutMs?: number;
  maxBytes?: number;
  backoffMs?: number;
  /** Caps of one poll; default POLL_LIMITS. */
  limits?: PollLimits;
  /** The first polls wait this long, ms (default 0: at once). */
  firstPollDelayMs?: number;
  saveEveryMs?: number;
}

/** The poller as the bot runs it: real fetching (injected), robots.txt, the corpus folder as sink. */
export function createSitePoller(options: SitePollerOptions): SourcePoller {
  const get = createHttpGet({
    fetch: options.fetch,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
  });
  const now = options.now ?? Date.now;
  const robots = createRobotsCheck({ get, now });
  const sink = createCorpusSink(options.corpusDir, (file, error) =>
    options.logger.warn({ file, err: error }, "A corpus file is not valid; the poller leaves it alone."),
  );
  return createSourcePoller({
    sources: options.sources,
    store: options.store ?? createFileStateStore(path.join(options.cacheDir, "sources-state.json")),
    logger: options.logger,
    now,
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.backoffMs ? { backoffMs: options.backoffMs } : {}),
    ...(options.firstPollDelayMs ? { firstPollDelayMs: options.firstPollDelayMs } : {}),
    ...(options.saveEveryMs !== undefined ? { saveEveryMs: options.saveEveryMs } : {}),
    write: (article) => sink.write(article),
    ingest: (source, ctx) => {
      sink.refresh();
      return ingestSource(source.url, source.kind, {
        ...ctx,
        get,
        robots,
        now,
        ...(options.limits ? { limits: options.limits } : {}),
        ...(source.publication ? { publication: source.publication } : {}),
      });
    },
  });
}
