import { importHtmlPage } from "../corpus/html.js";
import { NewsdeskError } from "../errors.js";
import { INGEST_DEFAULTS } from "./defaults.js";
import { detectServed, type Served, type SourceKind, sourceKindOf } from "./detect.js";
import { eachLimit } from "./each-limit.js";
import type { IngestContext, IngestRun, IngestSummary, StoryHints } from "./ingest-types.js";
import type { SitemapEntry } from "./parse-sitemap.js";
import { checkOrigin, politeGet } from "./polite-get.js";
import { POLL_LIMITS, PollBudget, PollHalt } from "./poll-limits.js";
import { storyPage } from "./synthetic-page.js";
import { ingestWordpress } from "./wordpress.js";

async function story(
  run: IngestRun,
  url: string,
  hints: StoryHints,
  fetchPage: () => Promise<Served | "unchanged">,
) {
  if (run.done.has(url)) return;
  run.done.add(url);
  try {
    if (hints.stamp && run.state.seen[url] === hints.stamp) {
      await run.onItem({ type: "unchanged", url });
      return;
    }
    checkOrigin(run, url);
    run.budget.check("item");
    const served = await fetchPage();
    if (served === "unchanged") {
      if (hints.stamp) run.state.seen[url] = hints.stamp;
      await run.onItem({ type: "unchanged", url });
      return;
    }
    if (served.kind !== "page") {
      throw new NewsdeskError(
        "ingest_not_page",
        `${url}: not an article page (it serves ${describe(served)}).`,
      );
    }
    const { article, report } = importHtmlPage(served.html, {
      source: url,
      pageUrl: url,
      fetchedAt: new Date(run.now()).toISOString(),
      ...(run.publication ? { publication: run.publication } : {}),
      ...(hints.published ? { published: hints.published } : {}),
      ...(hints.modified ? { modified: hints.modified } : {}),
      budget: run.budget.limits.page,
      ...(run.origins ? { canonicalOrigins: run.origins } : {}),
    });
    await run.onItem({ type: "article", url, article, report });
    if (hints.stamp) run.state.seen[url] = hints.stamp;
  } catch (error) {
    if (error instanceof PollHalt) throw error;
    run.incomplete = true;
    await run.onItem({ type: "failed", url, error: error as Error });
  }
}

/** Fetches a story's page (conditionally) and keeps its validators once it is imported. */
function fetchStoryPage(run: IngestRun, url: string) {
  return async (): Promise<Served | "unchanged"> => {
    const result = await politeGet(run, url, run.state.validators[url]);
    if (result.status === 304) return "unchanged";
    const served = detectServed(result.body, result.contentType, result.url);
    // Kept now: if the import below fails, the next poll's 200 is needed, so drop it on failure.
    run.state.validators[url] = result.validators;
    return served;
  };
}

function describe(served: Served): string {
  switch (served.kind) {
    case "unsupported":
      return served.what;
    case "page":
      return "an HTML page";
    default:
      return `a ${sourceKindOf(served) ?? served.kind}`;
  }
}

async function stories(run: IngestRun, entries: { url: string; hints: StoryHints; page?: string }[]) {
  run.onTotal?.(entries.length);
  const limit = run.itemConcurrency ?? INGEST_DEFAULTS.itemConcurrency;
  await eachLimit(
    entries,
    limit,
    () => run.budget.halt !== undefined,
    async (entry) => {
      const fetchPage = entry.page
        ? async (): Promise<Served> => ({ kind: "page", html: entry.page! })
        : fetchStoryPage(run, entry.url);
      await story(run, entry.url, entry.hints, async () => {
        try {
          return await fetchPage();
        } catch (error) {
          delete run.state.validators[entry.url];
          throw error;
        }
      });
    },
  );
}

type ServedAs<K extends Served["kind"]> = Extract<Served, { kind: K }>;
type StoryEntry = Parameters<typeof stories>[1][number];

async function ingestServed(run: IngestRun, url: string, served: Served, depth: number): Promise<void> {
  switch (served.kind) {
    case "page":
      return stories(run, [{ url, hints: {}, page: served.html }]);
    case "feed":
      return stories(run, feedStories(run, served.feed));
    case "sitemap":
      if (served.sitemap.kind === "sitemap") return stories(run, sitemapStories(served.sitemap.entries));
      return ingestSitemapIndex(run, url, served.sitemap.entries, depth);
    case "wordpress-site":
    case "wordpress-root":
    case "wordpress-posts":
      return ingestWordpress(run, url, served, (entries) => stories(run, entries));
    case "unsupported":
      throw new NewsdeskError("ingest_unsupported", `${url}: serves ${served.what}.`);
  }
}

/** A feed's items as stories; an item that carries its text is a page of its own (no fetch). */
function feedStories(run: IngestRun, feed: ServedAs<"feed">["feed"]): StoryEntry[] {
  return feed.items.map((item) => {
    const hints: StoryHints = {};
    if (item.published) hints.published = item.published;
    if (item.updated) hints.modified = item.updated;
    // A feed that carries the story: its text is the stamp, so any edit is an update.
    const stamp = item.contentHtml ?? item.updated ?? item.published;
    if (stamp) hints.stamp = stamp.length > 64 ? hashOf(stamp) : stamp;
    const page = item.contentHtml
      ? storyPage({
          url: item.url,
          contentHtml: item.contentHtml,
          ...(item.title ? { title: item.title } : {}),
          ...(feed.title ? { publication: run.publication ?? feed.title } : {}),
          ...(item.published ? { published: item.published } : {}),
          ...(item.updated ? { modified: item.updated } : {}),
          ...(item.author ? { byline: item.author } : {}),
        })
      : undefined;
    return page ? { url: item.url, hints, page } : { url: item.url, hints };
  });
}

/** A sitemap's URLs as stories, stamped by their lastmod (else their publication date). */
function sitemapStories(entries: SitemapEntry[]): StoryEntry[] {
  return entries.map((entry) => {
    const hints: StoryHints = {};
    if (entry.published) hints.published = entry.published;
    if (entry.lastmod) hints.modified = entry.lastmod;
    const stamp = entry.lastmod ?? entry.published;
    if (stamp) hints.stamp = stamp;
    return { url: entry.url, hints };
  });
}

/** A sitemap index: each child sitemap not seen unchanged, to the depth the budget allows. */
async function ingestSitemapIndex(
  run: IngestRun,
  url: string,
  children: SitemapEntry[],
  depth: number,
): Promise<void> {
  const { maxDepth } = run.budget.limits;
  if (depth >= maxDepth) {
    throw new NewsdeskError("ingest_sitemap_depth", `${url}: sitemap indexes nest deeper than ${maxDepth}.`);
  }
  for (const child of children) {
    run.budget.check();
    if (run.done.has(child.url)) continue;
    run.done.add(child.url);
    if (child.lastmod && run.state.seen[child.url] === child.lastmod) continue;
    try {
      await ingestChildSitemap(run, child, depth);
    } catch (error) {
      if (error instanceof PollHalt) throw error;
      run.incomplete = true;
      await run.onItem({ type: "failed", url: child.url, error: error as Error });
    }
  }
}

/** One child of a sitemap index; its validators are kept only when all of it was read. */
async function ingestChildSitemap(run: IngestRun, child: SitemapEntry, depth: number): Promise<void> {
  const result = await politeGet(
    run,
    child.url,
    run.state.validators[child.url],
    "application/xml,text/xml;q=0.9,*/*;q=0.5",
  );
  if (result.status === 304) return;
  const childServed = detectServed(result.body, result.contentType, result.url);
  if (childServed.kind !== "sitemap") {
    throw new NewsdeskError(
      "ingest_not_sitemap",
      `${child.url}: listed in a sitemap index but serves ${describe(childServed)}.`,
    );
  }
  const before = run.incomplete;
  run.incomplete = false;
  await ingestServed(run, child.url, childServed, depth + 1);
  if (!run.incomplete) {
    run.state.validators[child.url] = result.validators;
    if (child.lastmod) run.state.seen[child.url] = child.lastmod;
  }
  run.incomplete ||= before;
}

function hashOf(text: string): string {
  // FNV-1a, 52 bits: a stamp, not a security measure.
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xfffffffffffffn;
  }
  return `fnv:${hash.toString(16)}`;
}

/**
 * Imports whatever `url` serves — an article page, an RSS or Atom feed, a sitemap or sitemap index,
 * a WordPress site or its REST API — telling `onItem` about each story. A source that cannot be read
 * at all throws (a FetchError or a NewsdeskError naming the URL); a story that fails is reported as a
 * "failed" item and the others go on.
 */
export async function ingestSource(
  url: string,
  expected: SourceKind,
  ctx: IngestContext,
): Promise<IngestSummary> {
  const budget = new PollBudget(ctx.limits ?? POLL_LIMITS, ctx.now, ctx.signal);
  const run: IngestRun = { ...ctx, budget, done: new Set(), incomplete: false };
  const result = await politeGet(run, url, ctx.state.validators[url]);
  if (result.status === 304) return { kind: expected, notModified: true };
  const served = detectServed(result.body, result.contentType, result.url);
  const kind = sourceKindOf(served);
  if (!kind) throw new NewsdeskError("ingest_unsupported", `${url}: serves ${describe(served)}.`);
  if (expected !== "auto" && kind !== expected) {
    throw new NewsdeskError(
      "ingest_kind_mismatch",
      `${url}: listed as a ${expected} but serves ${describe(served)}.`,
    );
  }
  let halted: PollHalt | undefined;
  try {
    await ingestServed(run, result.url, served, 0);
  } catch (error) {
    if (!(error instanceof PollHalt)) throw error;
    halted = error;
    run.incomplete = true;
  }
  if (run.incomplete) delete ctx.state.validators[url];
  else ctx.state.validators[url] = result.validators;
  return halted ? { kind, notModified: false, halted } : { kind, notModified: false };
}

export type {
  IngestContext,
  IngestItem,
  IngestRun,
  IngestState,
  IngestSummary,
  StoryHints,
} from "./ingest-types.js";
export { emptyIngestState } from "./ingest-types.js";
