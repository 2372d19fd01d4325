/**
 * The types one ingest shares with its parts (WordPress, the poller's entries), apart from the code
 * that reads a source so that those parts need not import it back.
 */
import type { Article, ImportReport } from "../corpus/index.js";
import type { SourceKind } from "./detect.js";
import type { HttpGet, Validators } from "./http-get.js";
import type { PollBudget, PollHalt, PollLimits } from "./poll-limits.js";
import type { RobotsCheck } from "./robots.js";

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
export interface StoryHints {
  published?: string;
  modified?: string;
  /** Changes when the story changes (lastmod, updated): unchanged means no fetch at all. */
  stamp?: string;
}

export interface IngestRun extends IngestContext {
  budget: PollBudget;
  done: Set<string>;
  /** Some story failed: the list's validators are not kept, so the next poll reads it again. */
  incomplete: boolean;
}
