import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { CONFIDENCE_MODEL, openEngine } from "../answer/index.js";
import { loadCorpus } from "../corpus/index.js";
import { NewsdeskError } from "../errors.js";
import { type Calibration, parseEvalFile, reliabilityChart, scoreEval } from "../eval/index.js";
import type { EngineOptions } from "../search/index.js";
import { cacheDirFrom, corpusDirFrom, flagValue, unknownOption } from "./engine-args.js";

const USAGE = `Usage: npm run eval -- FILE.jsonl [--corpus DIR] [--cache DIR] [--json] [--no-dates] [--engine JSON]
  [--calibration-chart FILE.svg]
Each question is asked on its "asked" day when it has one (--no-dates: the text alone, no date of asking).
The calibration of confidence is printed and drawn as a reliability diagram (SVG), by default in
CACHE_DIR/calibration/<question file's name>.svg.
--engine sets engine options for a measurement, e.g. --engine '{"recencyWeight":0}'.`;

/** What the command line asks for, or the one sentence that says what is wrong with it. */
interface EvalArgs {
  file: string;
  json: boolean;
  useDates: boolean;
  engine: EngineOptions;
}

function parseEvalArgs(argv: string[]): EvalArgs | { usage: string } {
  const valued = new Set(["--corpus", "--cache", "--engine", "--calibration-chart"]);
  const file = argv.find((a, i) => !a.startsWith("--") && !valued.has(argv[i - 1] ?? ""));
  if (!file || argv.includes("--help")) return { usage: USAGE };
  const bad = unknownOption(
    argv,
    ["--corpus", "--cache", "--json", "--no-dates", "--engine", "--calibration-chart", "--help"],
    "eval",
  );
  if (bad) return { usage: bad };
  const engineJson = flagValue(argv, "--engine");
  let engine: EngineOptions = {};
  if (engineJson !== undefined) {
    try {
      engine = JSON.parse(engineJson) as EngineOptions;
    } catch {
      return { usage: "--engine must be a JSON object, for example --engine '{\"recencyWeight\":0.5}'." };
    }
  }
  return { file, json: argv.includes("--json"), useDates: !argv.includes("--no-dates"), engine };
}

/** The question file's text, or the sentence that says why it cannot be read. */
async function readQuestionFile(file: string): Promise<{ text: string } | { usage: string }> {
  try {
    return { text: await readFile(file, "utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "does not exist" : code === "EISDIR" ? "is a folder" : `cannot be read (${code})`;
    return { usage: `${file} ${why}; give the path of a JSON Lines file of questions, one per line.` };
  }
}

async function main(argv: string[]): Promise<number> {
  const args = parseEvalArgs(argv);
  if ("usage" in args) {
    process.stderr.write(`${args.usage}\n`);
    return 2;
  }
  const read = await readQuestionFile(args.file);
  if ("usage" in read) {
    process.stderr.write(`${read.usage}\n`);
    return 2;
  }
  const { file, useDates } = args;
  const corpusDir = corpusDirFrom(argv);
  const questions = parseEvalFile(read.text, file);
  const corpus = await loadCorpus(corpusDir);
  const { index, source, ms, ask } = await openEngine(corpus, {
    cacheDir: cacheDirFrom(argv),
    engine: args.engine,
  });
  // MRR looks down to the tenth passage; archive rows only score the first three.
  const limit = questions.some((q) => q.expect !== undefined) ? 10 : 3;
  const started = performance.now();
  const answers = questions.map((q) =>
    ask(q.question, useDates && q.asked ? { limit, asked: q.asked } : { limit }),
  );
  const askMs = performance.now() - started;
  const report = scoreEval(questions, answers);
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({ file, corpus: corpusDir, questions: questions.length, ...report })}\n`,
    );
    return 0;
  }
  const lines = [
    `${file} over ${corpusDir}: ${questions.length} questions (${report.answerable} answerable)`,
    `index: ${index.docCount} paragraphs, ${source} in ${Math.round(ms)} ms; answered in ${Math.round(askMs)} ms`,
    ...figureLines(report, useDates),
    ...calibrationLines(report.calibration),
  ];
  const chart = path.resolve(
    flagValue(argv, "--calibration-chart") ??
      path.join(cacheDirFrom(argv), "calibration", `${path.basename(file, ".jsonl")}.svg`),
  );
  await writeChart(chart, `${path.basename(file)} over ${path.basename(corpusDir)}`, report.calibration);
  lines.push(`reliability diagram: ${chart}`, ...missedLines(report));
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

type EvalReport = ReturnType<typeof scoreEval>;
const pct = (x: number) => x.toFixed(3);

/** The set's figures: recall, the archive's answer@k, answers from the future, the high verdict. */
function figureLines(report: EvalReport, useDates: boolean): string[] {
  const lines: string[] = [];
  if (report.answerable + report.unanswerable > 0) {
    lines.push(
      `R@1 ${pct(report.recallAt1)}  R@3 ${pct(report.recallAt3)}  MRR ${pct(report.mrr)}  excerpt@1 ${pct(report.excerptAt1)}  no-answer ${report.noAnswer}/${report.unanswerable}`,
    );
  }
  const { archive, fromFuture, confidence } = report;
  if (archive) {
    lines.push(
      `archive rows ${archive.questions}: answer@1 ${pct(archive.answerAt1)}  answer@3 ${pct(archive.answerAt3)}  cleanly@1 ${pct(archive.cleanlyAt1)}`,
    );
  }
  if (fromFuture.of > 0) {
    lines.push(
      `from the future: ${fromFuture.count} of ${fromFuture.of} first passages (${pct(fromFuture.share)})${useDates ? "" : " — dates not used (--no-dates)"}`,
    );
  }
  if (confidence) {
    lines.push(
      `confidence: high on ${pct(confidence.highShare)} of questions; right first ${pct(confidence.highRightAt1)} of those`,
    );
  }
  return lines;
}

/** The questions missed, by id (the first forty of each kind). */
function missedLines(report: EvalReport): string[] {
  const list = (ids: string[]) =>
    ids.length > 40 ? `${ids.slice(0, 40).join(" ")} … (${ids.length})` : ids.join(" ");
  const lines: string[] = [];
  if (report.missedAt3.length > 0) lines.push(`missed @3: ${list(report.missedAt3)}`);
  const onlyAt1 = report.missedAt1.filter((id) => !report.missedAt3.includes(id));
  if (onlyAt1.length > 0) lines.push(`missed @1 only: ${list(onlyAt1)}`);
  if (report.falseAnswers.length > 0) lines.push(`answered but unanswerable: ${list(report.falseAnswers)}`);
  return lines;
}

async function writeChart(file: string, title: string, calibration: Calibration): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, reliabilityChart(title, calibration, CONFIDENCE_MODEL.threshold));
}

/** The calibration as text: per band, answers and right-first share; per tenth of probability the same. */
function calibrationLines(calibration: Calibration): string[] {
  const bands = calibration.bands
    .filter((b) => b.answers > 0)
    .map(
      (b) =>
        `${b.band} ${b.answers}${b.band === "not found" ? "" : ` right first ${b.rightFirst.toFixed(3)}`}`,
    );
  const bins = calibration.bins
    .filter((b) => b.answers > 0)
    .map((b) => `${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${b.answers} ${b.rightFirst.toFixed(2)}`);
  return [`calibration by band: ${bands.join("; ")}`, `calibration by probability: ${bins.join("  ")}`];
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof NewsdeskError ? error.message : String((error as Error)?.stack ?? error)}\n`,
    );
    process.exitCode = 1;
  },
);
