import robotsModule from "robots-parser";
import { INGEST_DEFAULTS } from "./defaults.js";
import { FetchError, type HttpGet } from "./http-get.js";

// The package is CommonJS with an ES-style declaration: at run time the default import is the function.
const robotsParser = robotsModule as unknown as typeof robotsModule.default;

export interface RobotsOptions {
  get: HttpGet;
  /** Clock, ms. */
  now?: () => number;
  ttlMs?: number;
  agent?: string;
}

/** Says whether a URL may be fetched. */
export type RobotsCheck = (url: string) => Promise<boolean>;

/**
 * robots.txt, fetched once per origin and kept for `ttlMs`. As the robots standard (RFC 9309) says:
 * a missing file (4xx) allows everything; an unreachable one (5xx, timeout) disallows everything
 * until it can be read, so a site in trouble is not crawled.
 */
export function createRobotsCheck(options: RobotsOptions): RobotsCheck {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? INGEST_DEFAULTS.robotsTtlMs;
  const agent = options.agent ?? INGEST_DEFAULTS.robotsAgent;
  const cache = new Map<string, { at: number; rules: Promise<((url: string) => boolean) | null> }>();

  const rulesFor = (origin: string) => {
    const cached = cache.get(origin);
    if (cached && now() - cached.at < ttlMs) return cached.rules;
    const file = `${origin}/robots.txt`;
    const rules = options.get(file, { accept: "text/plain,*/*;q=0.5" }).then(
      (result) => {
        const robots = robotsParser(file, Buffer.from(result.body).toString("utf8"));
        return (url: string) => robots.isAllowed(url, agent) !== false;
      },
      (error: unknown) => {
        const status = error instanceof FetchError ? error.status : undefined;
        if (status !== undefined && status >= 400 && status < 500) return () => true;
        return null;
      },
    );
    cache.set(origin, { at: now(), rules });
    return rules;
  };

  return async (url) => {
    const rules = await rulesFor(new URL(url).origin);
    return rules ? rules(url) : false;
  };
}
