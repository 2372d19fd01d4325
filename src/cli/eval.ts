import { readFile } from "node:fs/promises";
import { createAsk } from "../answer/create-ask.js";
import { loadCorpus } from "../corpus/load-corpus.js";
import { NewsdeskError } from "../errors.js";
import { loadOrBuildIndex } from "../search/index.js";
import { cacheDirFrom, corpusDirFrom } from "./engine-args.js";
import { parseEvalFile, scoreEval } from "./eval-score.js";

const USAGE = "Usage: npm run eval -- FILE.jsonl [--corpus DIR] [--json]";

async function main(argv: string[]): Promise<number> {
  const file = argv.find((a, i) => !a.startsWith("--") && argv[i - 1] !== "--corpus");
  if (!file) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const json = argv.includes("--json");
  const corpusDir = corpusDirFrom(argv);
  const questions = parseEvalFile(await readFile(file, "utf8"), file);
  const corpus = await loadCorpus(corpusDir);
  const { index, source, ms } = await loadOrBuildIndex(corpus, {
    cacheDir: cacheDirFrom(argv),
  });
  const ask = createAsk(index);
  const started = performance.now();
  const answers = questions.map((q) => ask(q.question, { limit: 10 }));
  const askMs = performance.now() - started;
  const report = scoreEval(questions, answers);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ file, corpus: corpusDir, questions: questions.length, ...report })}\n`,
    );
    return 0;
  }
  const pct = (x: number) => x.toFixed(3);
  const lines = [
    `${file} over ${corpusDir}: ${questions.length} questions (${report.answerable} answerable)`,
    `index: ${index.docCount} paragraphs, ${source} in ${Math.round(ms)} ms; answered in ${Math.round(askMs)} ms`,
    `R@1 ${pct(report.recallAt1)}  R@3 ${pct(report.recallAt3)}  MRR ${pct(report.mrr)}  excerpt@1 ${pct(report.excerptAt1)}  no-answer ${report.noAnswer}/${report.unanswerable}`,
  ];
  const list = (ids: string[]) =>
    ids.length > 40 ? `${ids.slice(0, 40).join(" ")} … (${ids.length})` : ids.join(" ");
  if (report.missedAt3.length > 0) lines.push(`missed @3: ${list(report.missedAt3)}`);
  const onlyAt1 = report.missedAt1.filter((id) => !report.missedAt3.includes(id));
  if (onlyAt1.length > 0) lines.push(`missed @1 only: ${list(onlyAt1)}`);
  if (report.falseAnswers.length > 0) lines.push(`answered but unanswerable: ${list(report.falseAnswers)}`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
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
