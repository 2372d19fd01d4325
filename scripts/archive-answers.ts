/**
 * Dev loop for the archive question set (../shared/eval/archive/dev.jsonl) over the whole archive: the
 * index built once and cached, then each engine variant scored on it. A passage *answers* and answers
 * *cleanly* as the evaluation scores archive rows (src/eval/eval-score.ts, after the eval README).
 *
 *   NODE_OPTIONS=--max-old-space-size=8192 npx tsx scripts/archive-answers.ts \
 *     [--corpus DIR] [--cache DIR] [--questions FILE] [--options JSON]... [--no-dates] [--rows] \
 *     [--unknown FILE]
 *
 * With dates (the default) each question is asked on its `asked` day, as `npm run eval` asks it (later
 * articles never cited, time phrases read as dates, the recency prior), so the figures are eval's;
 * `--no-dates` scores the question text alone, as the issue first measured. Each `--options JSON` is one
 * variant of the engine options, scored on the one loaded index (a weight sweep: one flag a value).
 * `--unknown FILE` also asks the questions of FILE (names no article mentions, each on its `asked` day)
 * and counts those answered "not found" or with low confidence.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { answerQuestion } from "../src/answer/answer-question.js";
import { flagValue } from "../src/cli/engine-args.js";
import { loadCorpus } from "../src/corpus/load-corpus.js";
import { answersArchive, scoreEval } from "../src/eval/eval-score.js";
import { boilerplateOf } from "../src/search/boilerplate.js";
import type { EngineOptions } from "../src/search/index.js";
import { loadOrBuildIndex } from "../src/search/load-or-build-index.js";
import { repoRoot } from "./bench/paths.js";

interface ArchiveQuestion {
  id: string;
  question: string;
  asked?: string;
  answer: string;
  wrong: string[];
}

/** Passages asked for before dropping those from after the asking. */
const DEPTH = 30;

function flagValues(argv: readonly string[], name: string): string[] {
  return argv.flatMap((a, i) => (a === name && i + 1 < argv.length ? [argv[i + 1]!] : []));
}

async function main(argv: string[]): Promise<void> {
  const corpusDir = path.resolve(flagValue(argv, "--corpus") ?? path.join(repoRoot, "..", "shared", "bench"));
  const cacheDir = path.resolve(flagValue(argv, "--cache") ?? path.join(repoRoot, ".cache", "archive"));
  const file = path.resolve(flagValue(argv, "--questions") ?? "../shared/eval/archive/dev.jsonl");
  const useDates = !argv.includes("--no-dates");
  const variants = flagValues(argv, "--options");
  if (variants.length === 0) variants.push("{}");
  const questions = (await readFile(file, "utf8"))
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as ArchiveQuestion);
  const unknownFile = flagValue(argv, "--unknown");
  const unknown = unknownFile
    ? (await readFile(unknownFile, "utf8"))
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l) as { id: string; question: string; asked?: string })
    : [];

  // Each question asked on its own day, unless --no-dates asks the text alone.
  const askOptions = (q: { asked?: string }, limit: number) =>
    useDates && q.asked ? { limit, asked: q.asked } : { limit };

  const started = performance.now();
  const corpus = await loadCorpus(corpusDir);
  const { index, source } = await loadOrBuildIndex(corpus, { cacheDir, keepFiles: 4 });
  process.stdout.write(
    `${questions.length} questions; ${index.articles.length} articles, ${index.docCount} paragraphs ` +
      `(index ${source}, ${Math.round((performance.now() - started) / 1000)} s)${useDates ? "; as of asked" : ""}\n`,
  );
  const tb = performance.now();
  const flags = boilerplateOf(index);
  let flagged = 0;
  const examples: string[] = [];
  for (let doc = 0; doc < flags.length; doc++) {
    if (flags[doc] === 0) continue;
    flagged++;
    if (argv.includes("--boilerplate") && flagged % 2000 === 0) {
      examples.push(
        `  ${index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!]!.slice(0, 90)}`,
      );
    }
  }
  process.stdout.write(
    `boilerplate: ${flagged} paragraphs (${Math.round(performance.now() - tb)} ms)\n${examples.join("\n")}${examples.length ? "\n" : ""}`,
  );
  const f = (x: number) => x.toFixed(3);
  for (const variant of variants) {
    const options = JSON.parse(variant) as EngineOptions;
    const t0 = performance.now();
    const asked = questions.map((q) => answerQuestion(index, q.question, askOptions(q, DEPTH), options));
    const ms = performance.now() - t0;
    const scores = scoreEval(questions, asked);
    const archive = scores.archive!;
    const future = scores.fromFuture;
    const found = asked.filter((a) => a.passages.length > 0).length;
    const high = scores.confidence ?? { highShare: 0, highRightAt1: 0 };
    process.stdout.write(
      `answer@1 ${f(archive.answerAt1)}  answer@3 ${f(archive.answerAt3)}  cleanly@1 ${f(archive.cleanlyAt1)}  ` +
        `found ${found}  future@1 ${f(future.share)}  high ${f(high.highShare)} (right ${f(high.highRightAt1)})  ` +
        `${Math.round(ms)} ms  ${variant}\n`,
    );
    const rows: string[] = [];
    if (argv.includes("--rows")) {
      questions.forEach((q, i) => {
        const answer = asked[i]!;
        const first = answer.passages[0];
        const deeper = answer.passages.findIndex((p) => answersArchive(p, q)) + 1;
        rows.push(
          `${q.id}\t${answersArchive(first, q) ? "OK" : "--"}\tat ${deeper || "-"}\t${answer.confidence ?? ""}\t${q.question}\t=> ${q.answer}\n` +
            `   1: ${first ? `[${first.publication} ${first.published} ¶${first.paragraph}] ${first.articleTitle.slice(0, 50)} | ${first.text.slice(0, 160)}` : "(none)"}\n`,
        );
      });
    }
    if (unknown.length > 0) {
      let honest = 0;
      const said: string[] = [];
      for (const q of unknown) {
        const answer = answerQuestion(index, q.question, askOptions(q, 3), options);
        const confidence = answer.confidence;
        const ok = !answer.found || confidence === "low";
        if (ok) honest++;
        else said.push(`  ${q.id}\t${q.question}\t=> ${answer.passages[0]?.text.slice(0, 100)}`);
      }
      process.stdout.write(
        `unknown names: ${honest}/${unknown.length} not found or low\n${said.join("\n")}${said.length ? "\n" : ""}`,
      );
    }
    if (rows.length > 0) process.stdout.write(rows.join(""));
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exitCode = 1;
});
