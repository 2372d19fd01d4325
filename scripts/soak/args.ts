import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { goldCorpusDir, seedCorpusDir } from "../bench/paths.js";

/** Soak options. */
export interface SoakOptions {
  /** Minutes of load. Default 1. */
  minutes: number;
  /** Signed requests per second, sent on a fixed schedule whatever the app's speed (open loop). Default 200. */
  rate: number;
  /** Corpus folder the app answers from. Default: the repository's corpus/ (what `npm start` loads). */
  corpus: string;
  /** JSON report. Default: none (the summary is printed). */
  out?: string;
}

export const USAGE =
  "usage: npm run soak -- [--minutes N (1)] [--rate R req/s (200)] [--corpus DIR|news] [--out report.json]";

export function parseSoakArgs(argv: string[]): SoakOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      minutes: { type: "string" },
      rate: { type: "string" },
      corpus: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const minutes = Number(values.minutes ?? 1);
  const rate = Number(values.rate ?? 200);
  if (!(minutes > 0))
    throw new Error(`--minutes must be a positive number (got ${values.minutes}). ${USAGE}`);
  if (!(rate > 0 && rate <= 5000))
    throw new Error(`--rate must be 1..5000 requests/s (got ${values.rate}). ${USAGE}`);
  const corpus =
    values.corpus === "news" && existsSync(goldCorpusDir)
      ? goldCorpusDir
      : path.resolve(values.corpus ?? seedCorpusDir);
  return { minutes, rate, corpus, ...(values.out ? { out: path.resolve(values.out) } : {}) };
}
