import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { parseArgs } from "node:util";
import type { AskFn, ThreadTurn } from "../answer/index.js";
import { renderAnswerText } from "../answer/index.js";
import { asOfDay, readAskLine, readThreadTurns } from "./as-of.js";

const ASK_USAGE = `Usage: npm run ask -- [--json] [--timeline] [--limit N] [--as-of YYYY-MM-DD] [--context FILE] [--corpus DIR] ["question"]
With a question: prints the answer. Without: reads one question per line from standard input and
writes one answer per line, in order (JSON Lines with --json). A line may be a JSON object
{"question": "…", "asked": "YYYY-MM-DD", "thread": [...]}: the question asked on that day, as a
follow-up of the thread's earlier turns. --context FILE gives every question the same earlier turns:
a JSON list [{"question": "…", "asked": "YYYY-MM-DD", "cited": ["articleId#paragraph"]}, …], oldest first. Questions are asked today
unless --as-of gives the day; nothing published after the day of asking is cited.
In a question: from:cnn.com section:politics after:2024-01 before:2024-06-30 restrict the articles.
--timeline answers with the story's coverage instead: one line per article that covers the words
strongly, oldest first (undated ones at the end), each with its best passage; --limit lines (default 15).`;

export interface AskCommandIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** The clock: "today" is its UTC day. */
  now: () => Date;
  /** Reads a file (--context). Default: the file system's. */
  readFile?: (file: string) => Promise<string>;
  /** Opens the engine (after the arguments are checked, so a bad flag costs no index load). */
  open: (options: { corpusDir?: string }) => Promise<AskFn>;
}

/** `npm run ask`: the command's whole behaviour, with its I/O and clock passed in. Returns the exit code. */
export async function runAskCommand(argv: string[], io: AskCommandIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.stderr.write(`${argumentSentence(error)}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${ASK_USAGE}\n`);
    return 0;
  }
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    io.stderr.write("--limit must be a positive whole number, for example --limit 5.\n");
    return 2;
  }
  const asOf = asOfDay(values["as-of"], io.now);
  if ("error" in asOf) {
    io.stderr.write(`${asOf.error}\n`);
    return 2;
  }
  const context = values.context === undefined ? undefined : await readContext(values.context, io);
  if (context && "error" in context) {
    io.stderr.write(`${context.error}\n`);
    return 2;
  }
  const ask = await io.open(values.corpus === undefined ? {} : { corpusDir: values.corpus });
  const print = (
    question: string,
    asked: string,
    separator: boolean,
    chosen: boolean,
    thread = context?.turns,
  ) => {
    // A day the asker chose (--as-of, a line's "asked") leaves undated articles out; today's keeps them.
    const answer = ask(question, {
      limit,
      asked,
      ...(chosen ? { datedOnly: true } : {}),
      ...(values.timeline ? { timeline: true } : {}),
      ...(thread ? { thread: { turns: thread } } : {}),
    });
    if (values.json) io.stdout.write(`${JSON.stringify(answer)}\n`);
    else io.stdout.write(`${separator ? "\n" : ""}${renderAnswerText(answer)}\n`);
  };

  if (positionals.length > 0) {
    print(positionals.join(" "), asOf.day, false, values["as-of"] !== undefined);
    return 0;
  }
  // One answer per input line, in order — even for blank lines, so outputs line up with inputs.
  const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let first = true;
  let code = 0;
  let n = 0;
  for await (const line of lines) {
    n++;
    const read = readAskLine(line, asOf.day);
    if ("error" in read) {
      // Outputs stay aligned with inputs: the bad line gets its sentence on standard error only.
      io.stderr.write(`line ${n}: ${read.error}\n`);
      if (values.json) io.stdout.write(`${JSON.stringify({ line: n, error: read.error })}\n`);
      code = 1;
      continue;
    }
    print(
      read.question,
      read.asked,
      !first,
      read.chosen || values["as-of"] !== undefined,
      read.thread ?? context?.turns,
    );
    first = false;
  }
  return code;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      timeline: { type: "boolean", default: false },
      limit: { type: "string" },
      "as-of": { type: "string" },
      corpus: { type: "string" },
      context: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}

/** `--context FILE`: the earlier turns every question follows up, or one sentence on what is wrong. */
async function readContext(
  file: string,
  io: AskCommandIo,
): Promise<{ turns: ThreadTurn[] } | { error: string }> {
  let text: string;
  try {
    text = await (io.readFile ?? ((f: string) => readFile(f, "utf8")))(file);
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as Error).message;
    return {
      error: `--context ${file} cannot be read (${code}); give the path of a JSON file of earlier turns.`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: `--context ${file} is not JSON; write it as [{"question": "…"}, …], oldest first.` };
  }
  const turns = (value as { thread?: unknown })?.thread ?? value;
  return readThreadTurns(turns, `--context ${file}`);
}

/** One sentence for a command line parseArgs refused, with the fix. */
function argumentSentence(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const option = /'(-[^']*)'/.exec(e.message ?? "")?.[1];
  if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) {
    return `Unknown option ${option}; run npm run ask -- --help to see the options.`;
  }
  if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option) {
    return `Option ${option.split(" ")[0]} needs a value; run npm run ask -- --help to see the options.`;
  }
  return `${(e.message ?? String(error)).split(". ")[0]!.replace(/\.$/, "")}; run npm run ask -- --help to see the options.`;
}
