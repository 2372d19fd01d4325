import type { PageBudget } from "../corpus/html.js";
import { PAGE_BUDGET } from "../corpus/html.js";
import { NewsdeskError } from "../errors.js";
import { INGEST_DEFAULTS } from "./defaults.js";

/**
 * What one poll of one source may cost (docs/hardening.md; each is a setting in config.ts). A poll
 * that reaches a cap stops there, keeps what it imported and the stamps of it, and the next poll
 * (soon, not at the source's interval) carries on from there.
 */
export interface PollLimits {
  /** Stories read (fetched or parsed; unchanged ones are free) per poll. */
  maxItems: number;
  /** HTTP requests per poll (pages, sitemaps, API pages; robots.txt apart). */
  maxFetches: number;
  /** Sitemap indexes nested inside one another. */
  maxDepth: number;
  /** Wall time of one poll, ms. */
  pollTimeoutMs: number;
  /** What one page may cost to parse. */
  page: PageBudget;
}

export const POLL_LIMITS: Readonly<PollLimits> = Object.freeze({
  maxItems: INGEST_DEFAULTS.maxItemsPerPoll,
  maxFetches: INGEST_DEFAULTS.maxFetchesPerPoll,
  maxDepth: INGEST_DEFAULTS.maxSitemapDepth,
  pollTimeoutMs: INGEST_DEFAULTS.pollTimeoutMs,
  page: PAGE_BUDGET,
});

/** Why a poll stopped early: a cap reached (`ingest_poll_cap`) or the poller stopping. */
export class PollHalt extends NewsdeskError {
  constructor(
    message: string,
    readonly stopped = false,
  ) {
    super("ingest_poll_cap", message);
    this.name = "PollHalt";
  }
}

/** Counts one poll's work against its limits; `check` throws PollHalt once one is reached. */
export class PollBudget {
  items = 0;
  fetches = 0;
  halt: PollHalt | undefined;
  private readonly deadline: number;

  constructor(
    readonly limits: PollLimits,
    private readonly now: () => number,
    readonly signal?: AbortSignal,
  ) {
    this.deadline = now() + limits.pollTimeoutMs;
  }

  /** Throws when the poll must stop: stopped, out of time, or `what` is over its cap. */
  check(what?: "item" | "fetch"): void {
    if (this.halt) throw this.halt;
    if (this.signal?.aborted) this.halt = new PollHalt("the poller is stopping.", true);
    else if (this.now() > this.deadline)
      this.halt = new PollHalt(`the poll reached its time limit of ${this.limits.pollTimeoutMs / 1000} s.`);
    else if (what === "item" && this.items >= this.limits.maxItems)
      this.halt = new PollHalt(`the poll reached its limit of ${this.limits.maxItems} stories.`);
    else if (what === "fetch" && this.fetches >= this.limits.maxFetches)
      this.halt = new PollHalt(`the poll reached its limit of ${this.limits.maxFetches} fetches.`);
    if (this.halt) throw this.halt;
    if (what === "item") this.items++;
    if (what === "fetch") this.fetches++;
  }
}
