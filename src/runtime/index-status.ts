import type { ArchiveOverview } from "../answer/index.js";
import type { CorpusError, ErrorCode } from "../errors.js";

/** A problem found in the corpus by the latest reload, located as precisely as the loader could. */
export type CorpusIssue = {
  /** Stable error code from the catalogue (e.g. "corpus_invalid_field"). */
  code: ErrorCode;
  file: string;
  line?: number;
  field?: string;
  /** One sentence a person can act on. */
  message: string;
};

/**
 * How fresh the served index is: what `/ask status`, the shell's `\status` and `/healthz` report.
 * Type aliases, not interfaces, so they fit where plain JSON records are expected.
 */
export type IndexStatus = {
  corpusDir: string;
  articles: number;
  paragraphs: number;
  /** When the served index became complete (ISO timestamp). */
  builtAt: string;
  /** The newest article's `published` date as written, or null when no article has one. */
  newestArticle: string | null;
  /** What the archive holds and its most-covered stories (the assistant view's and App Home's). */
  overview?: ArchiveOverview;
  /** When the latest reload attempt finished (ISO), or null before the first change. */
  lastReloadAt: string | null;
  /** Whether the latest reload attempt was served; false means the previous index is still in use. */
  lastReloadOk: boolean | null;
  /** A rebuild is running in the background. */
  reloading: boolean;
  /**
   * Problems of the corpus as it is now on disk: the files set aside by the served index's load (it
   * serves all the others), or why the latest reload failed (the previous index is then served).
   */
  errors: CorpusIssue[];
};

/** A corpus problem as /healthz shows it: where, and a stable code; no message (it may quote text). */
export type HealthIssue = Pick<CorpusIssue, "code" | "file" | "line" | "field">;

/**
 * `/healthz` body: JSON-able, and nothing a stranger should not read — no folder, no absolute path
 * (file names are relative to the corpus folder), no article text. `ok` is false only when nothing
 * can be answered (HTTP 503).
 */
export type IndexHealth = Omit<IndexStatus, "corpusDir" | "errors" | "overview"> & {
  ok: boolean;
  /**
   * "ok" (files set aside are listed in `errors` but served around); "degraded" when a reload failed
   * or timed out and an older index is served; "unavailable" when nothing can be answered.
   */
  state: "ok" | "degraded" | "unavailable";
  errors: HealthIssue[];
};

/** The newest `published` date among articles (as written in the corpus), or null. */
export function newestPublished(articles: readonly { published?: string }[]): string | null {
  let newest: { text: string; time: number } | null = null;
  for (const { published } of articles) {
    if (!published) continue;
    const time = Date.parse(published);
    if (Number.isNaN(time)) continue;
    if (!newest || time > newest.time) newest = { text: published, time };
  }
  return newest?.text ?? null;
}

/** The health object of a status. */
export function toHealth(status: IndexStatus): IndexHealth {
  const { corpusDir: _folder, errors, overview: _overview, ...rest } = status;
  return {
    ok: true,
    // A file set aside is listed, not a reason to be degraded: the rest of the corpus is served fresh.
    state: status.lastReloadOk === false ? "degraded" : "ok",
    ...rest,
    errors: errors.map(({ code, file, line, field }) => ({
      code,
      file,
      ...(line !== undefined ? { line } : {}),
      ...(field !== undefined ? { field } : {}),
    })),
  };
}

/** A CorpusError as status lists it (JSON-able, so it crosses threads). */
export function corpusIssueOf(error: CorpusError): CorpusIssue {
  return {
    code: error.code,
    file: error.file,
    message: error.message,
    ...(error.line !== undefined ? { line: error.line } : {}),
    ...(error.field !== undefined ? { field: error.field } : {}),
  };
}
