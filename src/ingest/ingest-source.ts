import { importHtmlPage } from "../corpus/html.js";
import type { Article, ImportReport } from "../corpus/index.js";
import { NewsdeskError } from "../errors.js";
import { INGEST_DEFAULTS } from "./defaults.js";
import { detectServed, type Served, type SourceKind, sourceKindOf } from "./detect.js";
import { eachLimit } from "./each-limit.js";
import type { HttpGet, Validators } from "./http-get.js";
import { checkOrigin, politeGet } from "./polite-get.js";
import { POLL_LIMITS, PollBudget, PollHalt, type PollLimits } from "./poll-limits.js";
import type { RobotsCheck } from "./robots.js";
import { storyPage } from "./synthetic-page.js";
import { ingestWordpress } from "./wordpress.js";

/**
 * What a source remembers between polls, JSON-able: validators for conditional requests, the stamp
 * (lastmod, updated, modified) each story had when it was last imported, and WordPress high-water marks.
 */
export interface IngestState {
  validators: Record<string, Validators>;
  seen: Record<string, string>;
  wordpress: Record<string, string>;
}

export function emptyIngestState(): IngestState {
  return { validators: {}, seen: {}, wordpress: {} };
}

export type IngestItem =
  | { type: "article"; url: string; article: Article; report: ImportReport }
  | { type: "unchanged"; url: string }
  | { type: "failed"; url: string; error: Error };

/** The I/O and the bookkeeping one ingest uses; everything it touches is passed in. */
export interface IngestContext {
  get: HttpGet;
  robots: RobotsCheck;
  now: () => number;
  state: IngestState;
  /** Told each story's outcome; an article is in the corpus once this resolves. */
  onItem: (item: IngestItem) => Promise<void>;
  /** Told how many stories were found, as lists are read (for progress). */
  onTotal?: (count: number) => void;
  /** Publication for pages that do not name theirs. */
  publication?: string;
  itemConcurrency?: number;
  /** Caps of one poll; default POLL_LIMITS. */
  limits?: PollLimits;
  /** Aborted when the poller stops: the poll ends at the next story or fetch. */
  signal?: AbortSignal;
  /**
   * Origins the source may reach (its own, and those listed for it): a redirect, story link or sitemap
   * elsewhere is refused (`fetch_off_site`), and a page's canonical URL elsewhere is ignored. Unset
   * (`npm run import`, the operator's own command): any site, and a page's canonical URL on its own.
   */
  origins?: readonly string[];
}

export interface IngestSummary {
  /** What the source turned out to be. */
  kind: SourceKind;
  /** The source itself answered 304: nothing to do. */
  notModified: boolean;
  /** Set when the poll stopped early (a cap, or the poller stopping): why, one sentence. */
  halted?: PollHalt;
}

/** Hints about a story from the list that named it. */
interface StoryHints {
  published?: string;
  modified?: string;
  /** Changes when the story changes (lastmod, updated): unchanged means no fetch at all. */
  stamp?: string;
}

interface Run extends IngestContext {
  budget: PollBudget;
  done: Set<string>;
  /** Some story failed: the list's validators are not kept, so the next poll reads it again. */
  incomplete: boolean;
}

async function story(
  run: Run,
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
function fetchStoryPage(run: Run, url: string) {
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

async function stories(run: Run, entries: { url: string; hints: StoryHints; page?: string }[]) {
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

async function ingestServed(run: Run, url: string, served: Served, depth: number): Promise<void> {
  switch (served.kind) {
    case "page":
      return stories(run, [{ url, hints: {}, page: served.html }]);
    case "feed": {
      const feed = served.feed;
      return stories(
        run,
        feed.items.map((item) => {
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
        }),
      );
    }
    case "sitemap": {
      const { sitemap } = served;
      if (sitemap.kind === "sitemap") {
        return stories(
          run,
          sitemap.entries.map((entry) => {
            const hints: StoryHints = {};
            if (entry.published) hints.published = entry.published;
            if (entry.lastmod) hints.modified = entry.lastmod;
            const stamp = entry.lastmod ?? entry.published;
            if (stamp) hints.stamp = stamp;
            return { url: entry.url, hints };
          }),
        );
      }
      const { maxDepth } = run.budget.limits;
      if (depth >= maxDepth) {
        throw new NewsdeskError(
          "ingest_sitemap_depth",
          `${url}: sitemap indexes nest deeper than ${maxDepth}.`,
        );
      }
      for (const child of sitemap.entries) {
        run.budget.check();
        if (run.done.has(child.url)) continue;
        run.done.add(child.url);
        if (child.lastmod && run.state.seen[child.url] === child.lastmod) continue;
        try {
          const result = await politeGet(
            run,
            child.url,
            run.state.validators[child.url],
            "application/xml,text/xml;q=0.9,*/*;q=0.5",
          );
          if (result.status === 304) continue;
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
        } catch (error) {
          if (error instanceof PollHalt) throw error;
          run.incomplete = true;
          await run.onItem({ type: "failed", url: child.url, error: error as Error });
        }
      }
      return;
    }
    case "wordpress-site":
    case "wordpress-root":
    case "wordpress-posts":
      return ingestWordpress(run, url, served, (entries) => stories(run, entries));
    case "unsupported":
      throw new NewsdeskError("ingest_unsupported", `${url}: serves ${served.what}.`);
  }
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
  const run: Run = { ...ctx, budget, done: new Set(), incomplete: false };
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

export type { Run as IngestRun, StoryHints };
