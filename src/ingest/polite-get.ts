import { FetchError, type HttpGet, type HttpResult, type Validators } from "./http-get.js";
import type { PollBudget } from "./poll-limits.js";
import type { RobotsCheck } from "./robots.js";

interface PoliteContext {
  get: HttpGet;
  robots: RobotsCheck;
  budget?: PollBudget;
  signal?: AbortSignal;
  /** Origins the source may reach; unset: any. */
  origins?: readonly string[];
}

/** Throws `fetch_off_site` when `url` is not on one of the source's origins. */
export function checkOrigin(ctx: { origins?: readonly string[] }, url: string): void {
  if (!ctx.origins) return;
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    throw new FetchError("fetch_not_http", url, "not a URL.");
  }
  if (!ctx.origins.includes(origin)) {
    throw new FetchError(
      "fetch_off_site",
      url,
      `${origin} is not one of the source's sites (${ctx.origins.join(", ")}); list it under the source's sites: to follow it.`,
    );
  }
}

/** Robots.txt of the host a URL is on allows fetching it, or a FetchError says why not. */
async function checkRobots(ctx: PoliteContext, url: string): Promise<void> {
  if (!(await ctx.robots(url)))
    throw new FetchError("fetch_robots", url, "robots.txt does not allow fetching it.");
}

/**
 * GET after asking robots.txt, counted against the poll's budget when there is one; every URL it
 * lands on (redirects too) must be on the source's sites and allowed by that host's robots.txt.
 */
export async function politeGet(
  ctx: PoliteContext,
  url: string,
  validators?: Validators,
  accept?: string,
): Promise<HttpResult> {
  ctx.budget?.check("fetch");
  checkOrigin(ctx, url);
  await checkRobots(ctx, url);
  return ctx.get(url, {
    ...(validators ? { validators } : {}),
    ...(accept ? { accept } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    checkHop: async (next) => {
      checkOrigin(ctx, next);
      await checkRobots(ctx, next);
    },
  });
}
