import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { renderAnswerText } from "../answer/render-text.js";
import { reportStartupError } from "../report-error.js";
import { openConfiguredEngine } from "./open-engine.js";

const USAGE = `Usage: npm run ask -- [--json] [--limit N] [--corpus DIR] ["question"]
With a question: prints the answer. Without: reads one question per line from standard input and
writes one answer per line, in order (JSON Lines with --json).`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      limit: { type: "string" },
      corpus: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    console.error("--limit must be a positive whole number, for example --limit 5.");
    return 2;
  }
  const { ask } = await openConfiguredEngine({ corpusDir: values.corpus });
  const print = (question: string, separator: boolean) => {
    const answer = ask(question, { limit });
    if (values.json) process.stdout.write(`${JSON.stringify(answer)}\n`);
    else process.stdout.write(`${separator ? "\n" : ""}${renderAnswerText(answer)}\n`);
  };

  if (positionals.length > 0) {
    print(positionals.join(" "), false);
    return 0;
  }
  // One answer per input line, in order — even for blank lines, so outputs line up with inputs.
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let first = true;
  for await (const line of lines) {
    print(line, !first);
    first = false;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportStartupError(error);
  },
);
