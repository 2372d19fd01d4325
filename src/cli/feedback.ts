import { loadConfigFromEnvironment } from "../config.js";
import { dayNumber } from "../corpus/index.js";
import { NewsdeskError } from "../errors.js";
import { createLogger } from "../logger.js";
import { openStore } from "../store/index.js";
import { unknownOption } from "./engine-args.js";
import { buildFeedbackReport, renderFeedbackReport } from "./feedback-report.js";

/** Rows read at most per list: far more than a report shows; the lists are counted from them. */
const MAX_ROWS = 200_000;

const USAGE = `Usage: npm run feedback -- [--since DATE] [--json]
The editors' report from the store (DATA_DIR, or DATABASE_URL): questions voted down and their passages,
the passages most often voted down, and the questions that found nothing, with counts.
  --since DATE   only feedback from this day on (YYYY-MM-DD, YYYY-MM or YYYY)
  --json         the report as JSON`;

/** The first day of "2026-06-01", "2026-06" or "2026", or null when it is not one. */
function firstDayOf(text: string): string | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  const day = `${m[1]}-${m[2] ?? "01"}-${m[3] ?? "01"}`;
  return dayNumber(day) === null ? null : day;
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes("--help")) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const bad = unknownOption(argv, ["--since", "--json", "--help"], "feedback");
  const sinceAt = argv.indexOf("--since");
  const sinceText = sinceAt >= 0 ? argv[sinceAt + 1] : undefined;
  const since = sinceText === undefined ? null : firstDayOf(sinceText);
  const problem =
    bad ??
    (sinceAt >= 0 && since === null
      ? `--since needs a day such as 2026-06-01 (or 2026-06, 2026), not ${JSON.stringify(sinceText ?? "")}.`
      : undefined);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exitCode = 2;
    return;
  }
  const config = loadConfigFromEnvironment();
  const store = openStore({
    dataDir: config.dataDir,
    logger: createLogger({ level: "warn" }),
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  });
  await store.init();
  try {
    const query = { since: since === null ? 0 : Date.parse(`${since}T00:00:00Z`), limit: MAX_ROWS };
    const report = buildFeedbackReport(
      await store.feedback.list(query),
      await store.feedback.listUnanswered(query),
      since,
    );
    process.stdout.write(
      argv.includes("--json") ? `${JSON.stringify(report, null, 2)}\n` : renderFeedbackReport(report),
    );
  } finally {
    await store.stop();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof NewsdeskError ? error.message : String((error as Error)?.stack ?? error)}\n`,
  );
  process.exitCode = 1;
});
