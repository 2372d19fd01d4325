/**
 * Every tuning constant of fetching and polling, in one documented place (docs/ingestion.md).
 * Polite by default: a newsroom's own site must never notice the bot.
 */
export const INGEST_DEFAULTS = Object.freeze({
  /** How often a source is polled when its entry gives no interval, ms (5 minutes). */
  intervalMs: 5 * 60_000,
  /** Shortest interval a source may ask for, ms: faster polling is not polite to any site. */
  minIntervalMs: 30_000,
  /** Sources polled at the same time. */
  sourceConcurrency: 2,
  /** Pages fetched at the same time within one source (one import or one poll). */
  itemConcurrency: 4,
  /** Whole request (headers and body) must finish within this, ms. */
  timeoutMs: 15_000,
  /** Largest body read, bytes: news pages are well under 2 MB; larger is not an article. */
  maxBytes: 5 * 1024 * 1024,
  /** Redirects followed per request. */
  maxRedirects: 5,
  /** First retry of a failing source, ms; doubles per failure up to maxBackoffMs. */
  backoffMs: 30_000,
  maxBackoffMs: 60 * 60_000,
  /** robots.txt is fetched again after this, ms. */
  robotsTtlMs: 60 * 60_000,
  /** A robots.txt that could not be read (5xx, site down) is asked again after this, ms. */
  robotsRetryMs: 60_000,
  /** Sitemap indexes nest; deeper than this is a loop or a mistake. */
  maxSitemapDepth: 3,
  /** Stories read per poll (fetched or parsed): a full poll of a big archive goes on next poll. */
  maxItemsPerPoll: 2000,
  /** HTTP requests per poll. */
  maxFetchesPerPoll: 2500,
  /** Wall time of one poll, ms: a slow source must not hold a poll slot for ever. */
  pollTimeoutMs: 10 * 60_000,
  /** A poll cut short by a cap is taken up again after this, ms, not at the source's interval. */
  resumeAfterMs: 30_000,
  /** The poller's thread is restarted when one task holds it this long, ms (a page too costly to parse). */
  stallMs: 30_000,
  /** `stop()` ends the poller's thread this long after asking it to stop, ms. */
  stopGraceMs: 3_000,
  /** The sources' state is saved during a poll at most this often, ms, and at its end. */
  saveEveryMs: 5_000,
  /** WordPress posts per API page (the API's maximum). */
  wordpressPerPage: 100,
  /** WordPress pages read per poll at most (10,000 posts). */
  wordpressMaxPages: 100,
  /** How the bot names itself to sites (robots.txt rules for this name apply). */
  userAgent: "NewsdeskBot/0.1 (+https://github.com/newsdesk; newsroom archive indexer)",
  /** The robots.txt product token the bot obeys. */
  robotsAgent: "NewsdeskBot",
});

export type IngestDefaults = typeof INGEST_DEFAULTS;
