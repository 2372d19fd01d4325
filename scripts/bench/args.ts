import { parseArgs } from "node:util";

/** Bench options; defaults are the full run of issue 4. */
export interface BenchOptions {
  /** Archive articles per size (the gold articles are always added). Default 2000,10000,25888; --quick: 500. */
  sizes: number[];
  quick: boolean;
  /** JSON output. Default bench-results/bench-<date>.json. */
  out?: string;
  /** Seed of every sample and generated question. Default 42. */
  seed: number;
  /** Generated archive questions. Default 700; --quick: 60. */
  archiveQuestions: number;
  /** SQuAD questions sampled. Default 400; --quick: 40. */
  squadQuestions: number;
  /** Questions the MiniSearch reference answers (news first). Default 300; --quick: 120. */
  referenceQuestions: number;
  /** Largest size the reference is built for. Default 10000. */
  referenceMaxArticles: number;
  /** Warm-start children per size (median reported). Default 3; --quick: 1. */
  readyRuns: number;
  http: boolean;
  /** Only the HTTP phase (no corpus sizes): for measuring the app against bare Bolt on its own. Default false. */
  httpOnly: boolean;
  /** Seconds of load per HTTP app and round. Default 5; --quick: 2. */
  httpDurationS: number;
  /**
   * Seconds of load before each measured run, not counted: V8 compiles an app's hot functions on its
   * helper threads during the first thousands of requests, and a larger app takes longer. Default 5; --quick: 1.
   */
  httpWarmupS: number;
  /** Concurrent connections of the HTTP load. Default 10. */
  httpConnections: number;
  /** Runs per HTTP app, alternating ABBA so load on a shared machine falls on both alike. Default 4; --quick: 1. */
  httpRounds: number;
  /** Fixed offered rate (req/s) of the second HTTP phase; 0 skips it. Default 200 (issue 5's soak rate). */
  httpRate: number;
  /**
   * Also run the app with every answer computed before the load (a measurement, not a mode of the app):
   * what Bolt, rendering and logging alone allow, so the engine's share of the gap to bare Bolt is
   * measured rather than guessed. Default false.
   */
  httpCeiling: boolean;
  /** Also the app with its embedded SQLite store, as `npm start` runs it (request claims, settings, votes). */
  httpStore: boolean;
  /** A follow-up's answer time (thread read against a loopback stand-in + answer). Default on. */
  followUps: boolean;
  /** Only the follow-up phase. Default false. */
  followUpsOnly: boolean;
  /** Times each follow-up is timed. Default 20; --quick: 3. */
  followUpRounds: number;
}

const USAGE = `usage: npm run bench [-- --sizes 2000,10000,25888] [--quick] [--out FILE] [--seed N]
  [--reference-max N] [--reference-questions N] [--archive-questions N] [--squad-questions N]
  [--ready-runs N] [--http-duration S] [--http-warmup S] [--http-connections N] [--http-rounds N] [--http-rate R] [--no-http] [--http-only] [--http-ceiling] [--http-store]
  [--no-follow-ups] [--follow-ups-only] [--follow-up-rounds N]`;

export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: "string" },
      quick: { type: "boolean", default: false },
      out: { type: "string" },
      seed: { type: "string" },
      "archive-questions": { type: "string" },
      "squad-questions": { type: "string" },
      "reference-questions": { type: "string" },
      "reference-max": { type: "string" },
      "ready-runs": { type: "string" },
      "no-http": { type: "boolean", default: false },
      "http-only": { type: "boolean", default: false },
      "http-ceiling": { type: "boolean", default: false },
      "http-store": { type: "boolean", default: false },
      "http-duration": { type: "string" },
      "http-warmup": { type: "string" },
      "http-connections": { type: "string" },
      "http-rounds": { type: "string" },
      "http-rate": { type: "string" },
      "no-follow-ups": { type: "boolean", default: false },
      "follow-ups-only": { type: "boolean", default: false },
      "follow-up-rounds": { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const httpOnly = values["http-only"] ?? false;
  const followUpsOnly = values["follow-ups-only"] ?? false;
  if (followUpsOnly && (httpOnly || values["no-follow-ups"] || values.sizes !== undefined))
    throw new Error(`--follow-ups-only runs no sizes and no HTTP phase\n${USAGE}`);
  if (httpOnly && values["no-http"])
    throw new Error(`--http-only and --no-http exclude each other\n${USAGE}`);
  if (httpOnly && values.sizes !== undefined) throw new Error(`--http-only runs no sizes\n${USAGE}`);
  const int = (name: string, raw: string | undefined, fallback: number): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`--${name} must be a whole number, got "${raw}"\n${USAGE}`);
    return n;
  };
  const sizes =
    httpOnly || followUpsOnly
      ? []
      : values.sizes === undefined
        ? quick
          ? [500]
          : [2000, 10000, 25888]
        : values.sizes.split(",").map((s) => int("sizes", s.trim(), 0));
  if ((!httpOnly && !followUpsOnly && sizes.length === 0) || sizes.some((s) => s <= 0))
    throw new Error(`--sizes needs positive numbers\n${USAGE}`);
  return {
    sizes,
    quick,
    out: values.out,
    seed: int("seed", values.seed, 42),
    archiveQuestions: int("archive-questions", values["archive-questions"], quick ? 60 : 700),
    squadQuestions: int("squad-questions", values["squad-questions"], quick ? 40 : 400),
    referenceQuestions: int("reference-questions", values["reference-questions"], quick ? 120 : 300),
    referenceMaxArticles: int("reference-max", values["reference-max"], 10000),
    readyRuns: Math.max(1, int("ready-runs", values["ready-runs"], quick ? 1 : 3)),
    http: !(values["no-http"] ?? false) && !followUpsOnly,
    httpOnly,
    httpDurationS: Math.max(1, int("http-duration", values["http-duration"], quick ? 2 : 5)),
    httpWarmupS: Math.max(1, int("http-warmup", values["http-warmup"], quick ? 1 : 5)),
    httpConnections: Math.max(1, int("http-connections", values["http-connections"], 10)),
    httpRounds: Math.max(1, int("http-rounds", values["http-rounds"], quick ? 1 : 4)),
    httpRate: int("http-rate", values["http-rate"], 200),
    httpCeiling: values["http-ceiling"] ?? false,
    httpStore: values["http-store"] ?? false,
    followUps: !(values["no-follow-ups"] ?? false) && !httpOnly,
    followUpsOnly,
    followUpRounds: Math.max(1, int("follow-up-rounds", values["follow-up-rounds"], quick ? 3 : 20)),
  };
}
