import { FetchError, type HttpGet, type HttpResult, type Validators } from "./http-get.js";
import type { RobotsCheck } from "./robots.js";

/** GET after asking robots.txt. */
export async function politeGet(
  ctx: { get: HttpGet; robots: RobotsCheck },
  url: string,
  validators?: Validators,
  accept?: string,
): Promise<HttpResult> {
  if (!(await ctx.robots(url)))
    throw new FetchError("fetch_robots", url, "robots.txt does not allow fetching it.");
  return ctx.get(url, { ...(validators ? { validators } : {}), ...(accept ? { accept } : {}) });
}
