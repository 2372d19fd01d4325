import { FetchError, type HttpGet, type HttpResult, type Validators } from "./http-get.js";
import type { PollBudget } from "./poll-limits.js";
import type { RobotsCheck } from "./robots.js";

/** GET after asking robots.txt, counted against the poll's budget when there is one. */
export async function politeGet(
  ctx: { get: HttpGet; robots: RobotsCheck; budget?: PollBudget; signal?: AbortSignal },
  url: string,
  validators?: Validators,
  accept?: string,
): Promise<HttpResult> {
  ctx.budget?.check("fetch");
  if (!(await ctx.robots(url)))
    throw new FetchError("fetch_robots", url, "robots.txt does not allow fetching it.");
  return ctx.get(url, {
    ...(validators ? { validators } : {}),
    ...(accept ? { accept } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
}
