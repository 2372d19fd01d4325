import robotsModule from "robots-parser";
import { INGEST_DEFAULTS } from "./defaults.js";
import { FetchError, type HttpGet } from "./http-get.js";

// The package is CommonJS with an ES-style declaration: at run time the default import is the function.
const robotsParser = robotsModule as unknown as typeof robotsModule.default;

export interface RobotsOptions {
  get: HttpGet;
  /** Clock, ms. */
  now?: () => number;
  /** How long a robots.txt that was read is kept, ms. */
  ttlMs?: number;
  /** How long a robots.txt that could not be read (5xx, site down) keeps the site unfetched, ms. */
  retryMs?: number;
  agent?: string;
}

/**
 * Says whether a URL may be fetched; rejects with a FetchError (its own code and sentence, naming
 * robots.txt) when the site's robots.txt cannot be read at the moment.
 */
export type RobotsCheck = (url: string) => Promise<boolean>;

type Rules = { allows: (url: string) => boolean } | { failed: FetchError };

/** The failure of a robots.txt fetch, said as what it is: the site is unreachable, not forbidding. */
function unreadable(file: string, error: unknown, retryMs: number): FetchError {
  const status = error instanceof FetchError ? error.status : undefined;
  const why = error instanceof FetchError ? error.message.replace(`${error.url}: `, "") : String(error);
  return new FetchError(
    error instanceof FetchError ? error.code : "fetch_network",
    file,
    `robots.txt could not be read: ${why.replace(/\.$/, "")}; the site is not fetched until it can be (tried again within ${Math.round(retryMs / 1000)} s).`,
    status !== undefined ? { status, cause: error } : { cause: error },
  );
}

/**
 * robots.txt, fetched once per origin and kept for `ttlMs`. As the robots standard (RFC 9309) says:
 * a missing file (4xx) allows everything; an unreachable one (5xx, timeout, refused) disallows
 * everything until it can be read, so a site in trouble is not crawled — but only for `retryMs`: one
 * 5xx or a short outage must not keep the whole site out for the hour a good file is kept.
 */
export function createRobotsCheck(options: RobotsOptions): RobotsCheck {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? INGEST_DEFAULTS.robotsTtlMs;
  const retryMs = options.retryMs ?? INGEST_DEFAULTS.robotsRetryMs;
  const agent = options.agent ?? INGEST_DEFAULTS.robotsAgent;
  const cache = new Map<string, { until: number; rules: Promise<Rules> }>();

  const rulesFor = (origin: string) => {
    const cached = cache.get(origin);
    if (cached && now() < cached.until) return cached.rules;
    const file = `${origin}/robots.txt`;
    const entry = { until: now() + ttlMs, rules: Promise.resolve<Rules>({ allows: () => true }) };
    entry.rules = options.get(file, { accept: "text/plain,*/*;q=0.5" }).then(
      (result): Rules => {
        const robots = robotsParser(file, Buffer.from(result.body).toString("utf8"));
        return { allows: (url: string) => robots.isAllowed(url, agent) !== false };
      },
      (error: unknown): Rules => {
        const status = error instanceof FetchError ? error.status : undefined;
        if (status !== undefined && status >= 400 && status < 500) return { allows: () => true };
        entry.until = Math.min(entry.until, now() + retryMs);
        return { failed: unreadable(file, error, retryMs) };
      },
    );
    cache.set(origin, entry);
    return entry.rules;
  };

  return async (url) => {
    const rules = await rulesFor(new URL(url).origin);
    if ("failed" in rules) throw rules.failed;
    return rules.allows(url);
  };
}
