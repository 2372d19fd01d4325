import type { ArchiveOverview } from "../answer/index.js";
import type { SlackDeps } from "./slack-deps.js";

/** The archive's overview, or undefined while the index cannot say (loading, its worker restarting). */
export async function overviewOf(deps: SlackDeps): Promise<ArchiveOverview | undefined> {
  if (!deps.archive) return undefined;
  try {
    return await deps.archive();
  } catch (error) {
    deps.logger.warn({ err: error }, "The archive's overview is not available; showing what is known.");
    return undefined;
  }
}

/** "25,888 articles": how the status line and greetings count the archive. */
export function articlesText(overview: ArchiveOverview | undefined): string {
  if (!overview) return "the archive";
  return `${overview.articles.toLocaleString("en-US")} article${overview.articles === 1 ? "" : "s"}`;
}
