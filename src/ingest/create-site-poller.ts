import path from "node:path";
import type { ArticleShelf } from "../corpus/index.js";
import { createCorpusSink } from "./corpus-sink.js";
import { createHttpGet, type FetchFn, type HttpGet } from "./http-get.js";
import { ingestSource } from "./ingest-source.js";
import type { PollLimits } from "./poll-limits.js";
import { createSourcePoller } from "./poller.js";
import type { PollerLogger, SourceLeases, SourcePoller, Timers } from "./poller-types.js";
import { createRobotsCheck, type RobotsCheck } from "./robots.js";
import { createFileStateStore, type SourceStateStore } from "./source-state-store.js";
import type { SourceConfig } from "./sources-config.js";

export interface SitePollerOptions {
  sources: readonly SourceConfig[];
  corpusDir: string;
  /** The sources' memory goes to `<cacheDir>/sources-state.json` unless `store` is given. */
  cacheDir: string;
  fetch: FetchFn;
  /** The fetch for one source (the bot's: one refusing internal addresses unless the source allows them). */
  fetchFor?: (source: SourceConfig) => FetchFn;
  logger: PollerLogger;
  store?: SourceStateStore;
  /** Where articles go instead of `corpusDir` (the shared database). */
  shelf?: () => ArticleShelf;
  /** Set when replicas share the sources (SourcePollerOptions.leases). */
  leases?: SourceLeases;
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

/** The origins a source may reach: its own, then those listed under its `sites`. */
export function sourceOrigins(source: SourceConfig): string[] {
  return [new URL(source.url).origin, ...(source.sites ?? [])];
}

/**
 * The poller as the bot runs it: real fetching (injected, or one fetch per source with `fetchFor`),
 * robots.txt, the corpus folder as sink. Each source reaches only its own sites, and writes only
 * articles on them.
 */
export function createSitePoller(options: SitePollerOptions): SourcePoller {
  const now = options.now ?? Date.now;
  const perSource = new Map<SourceConfig, { get: HttpGet; robots: RobotsCheck }>();
  const fetchingFor = (source: SourceConfig) => {
    let fetching = perSource.get(source);
    if (!fetching) {
      const get = createHttpGet({
        fetch: options.fetchFor?.(source) ?? options.fetch,
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
      });
      fetching = { get, robots: createRobotsCheck({ get, now }) };
      perSource.set(source, fetching);
    }
    return fetching;
  };
  const sink = createCorpusSink(options.shelf ?? options.corpusDir, (file, error) =>
    options.logger.warn({ file, err: error }, "A corpus file is not valid; the poller leaves it alone."),
  );
  return createSourcePoller({
    sources: options.sources,
    store:
      options.store ??
      createFileStateStore(path.join(options.cacheDir, "sources-state.json"), (message) =>
        options.logger.warn({}, message),
      ),
    logger: options.logger,
    ...(options.leases ? { leases: options.leases } : {}),
    now,
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.backoffMs ? { backoffMs: options.backoffMs } : {}),
    ...(options.firstPollDelayMs ? { firstPollDelayMs: options.firstPollDelayMs } : {}),
    ...(options.saveEveryMs !== undefined ? { saveEveryMs: options.saveEveryMs } : {}),
    write: (article, source) => sink.write(article, { origins: sourceOrigins(source) }),
    ingest: (source, ctx) => {
      sink.refresh();
      return ingestSource(source.url, source.kind, {
        ...ctx,
        ...fetchingFor(source),
        now,
        origins: sourceOrigins(source),
        ...(options.limits ? { limits: options.limits } : {}),
        ...(source.publication ? { publication: source.publication } : {}),
      });
    },
  });
}
