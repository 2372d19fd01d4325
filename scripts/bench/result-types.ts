import type { BenchOptions } from "./args.js";
import type { LatencySummary } from "./percentile.js";
import type { RecallScore } from "./scoring.js";

/** What run.ts hands each size's process (as one JSON argument): the bench options that shape a size. */
export type SizeRunOptions = Pick<
  BenchOptions,
  "seed" | "archiveQuestions" | "squadQuestions" | "referenceQuestions" | "referenceMaxArticles" | "readyRuns"
> & {
  archiveArticles: number;
  /** Where the size's process writes its result. */
  out: string;
};

export interface LatencyByKind {
  all: LatencySummary;
  news: LatencySummary;
  archive: LatencySummary;
  squad: LatencySummary;
}

/** From the warm-cache child; times in ms since that process started, memory after a full GC. */
export interface ReadyFigures {
  /** Spawn to "ready" line, seen from the parent: what an operator waits. */
  wallMs: number;
  importedMs: number;
  corpusLoadMs: number;
  indexLoadMs: number;
  firstAnswerMs: number;
  readyMs: number;
  found: boolean;
  /** "snapshot": the app's start-up snapshot (corpus unchanged since its last full read); "cache": a full corpus read. */
  source: "snapshot" | "cache" | "built" | "custom";
  heapUsed: number;
  rss: number;
  external: number;
  arrayBuffers: number;
}

export interface SizeResult {
  archiveArticles: number;
  articles: number;
  paragraphs: number;
  readMs?: number;
  totalMs?: number;
  questions?: { news: number; archive: number; squad: number };
  engine?: {
    buildMs: number;
    cacheBytes: number;
    ready: ReadyFigures;
    latency: LatencyByKind;
    /** Each question's median of 3 passes, summarized (the first pass is `latency`). */
    latencyMedianOf3: LatencySummary;
    latencyOnReferenceQuestions: LatencySummary;
    recall: RecallScore;
    /** `/ask timeline` over the news questions' words: ranking, threshold, folding, a page's excerpts. */
    timelineLatency?: LatencySummary;
    /** "Find our coverage": a pasted claim (two sentences, cut at 300 characters) as the question. */
    shortcutLatency?: LatencySummary;
  };
  engineError?: string;
  reference?: {
    buildMs: number;
    heapBytes: number;
    jsonBytes: number;
    loadJsonMs: number;
    questions: number;
    latency: LatencyByKind;
    recall: RecallScore;
  };
  referenceSkipped?: string;
  /** Set by run.ts when the size's process died (out of memory, timeout). */
  stopped?: string;
}
