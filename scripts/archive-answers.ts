/**
 * Dev loop for the archive question set (../shared/eval/archive/dev.jsonl) over the whole archive: the
 * index built once and cached, then each engine variant scored on it. A passage *answers* when its text
 * holds the question's `answer` (folded as the eval README folds), *cleanly* when it holds none of the
 * `wrong` choices too.
 *
 *   NODE_OPTIONS=--max-old-space-size=8192 npx tsx scripts/archive-answers.ts \
 *     [--corpus DIR] [--cache DIR] [--questions FILE] [--options JSON]... [--no-dates] [--rows] \
 *     [--unknown FILE]
 *
 * With dates (the default), passages from articles published after the question's `asked` day are
 * dropped from the answer before scoring — a stand-in for the engine's own asked-date restriction,
 * which lives on another branch. `--no-dates` scores the question text alone, as the issue measured.
 * `--unknown FILE` also asks the questions of FILE (names no article mentions) and counts those answered
 * "not found" or with low confidence.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { answerQuestion } from "../src/answer/answer-question.js";
import type { Answer, Passage } from "../src/answer/types.js";
import { flagValue } from "../src/cli/engine-args.js";
import { loadCorpus } from "../src/corpus/load-corpus.js";
import { foldForEval } from "../src/eval/eval-score.js";
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

function answers(passage: Passage | undefined, q: ArchiveQuestion): boolean {
  if (!passage) return false;
  return foldForEval(passage.text).includes(foldForEval(q.answer.replace(/^["“”]+|["“”]+$/g, "")));
}

function cleanly(passage: Passage | undefined, q: ArchiveQuestion): boolean {
  if (!passage || !answers(passage, q)) return false;
  const text = foldForEval(passage.text);
  return !q.wrong.some((w) => {
    const f = foldForEval(w.replace(/^["“”]+|["“”]+$/g, ""));
    return f.length > 0 && text.includes(f);
  });
}

/** The answer as of the asked day: passages of later articles dropped, ranks as they stand. */
export function asOf(answer: Answer, asked: string | undefined): Passage[] {
  if (!asked) return answer.passages;
  return answer.passages.filter((p) => !p.published || p.published.slice(0, 10) <= asked);
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
    let a1 = 0;
    let a3 = 0;
    let clean1 = 0;
    let future1 = 0;
    let found = 0;
    let high = 0;
    let highRight = 0;
    const rows: string[] = [];
    const t0 = performance.now();
    for (const q of questions) {
      const answer = answerQuestion(index, q.question, { limit: DEPTH }, options);
      const passages = useDates ? asOf(answer, q.asked) : answer.passages;
      const first = passages[0];
      if (answer.passages[0]?.published && q.asked && answer.passages[0].published.slice(0, 10) > q.asked)
        future1++;
      if (first) found++;
      const right1 = answers(first, q);
      if (right1) a1++;
      if (cleanly(first, q)) clean1++;
      const rank = passages.slice(0, 3).findIndex((p) => answers(p, q)) + 1;
      if (rank > 0) a3++;
      const confidence = (answer as Answer & { confidence?: string }).confidence;
      if (first && confidence === "high") {
        high++;
        if (right1) highRight++;
      }
      if (argv.includes("--rows")) {
        const deeper = passages.findIndex((p) => answers(p, q)) + 1;
        rows.push(
          `${q.id}\t${right1 ? "OK" : "--"}\tat ${deeper || "-"}\t${confidence ?? ""}\t${q.question}\t=> ${q.answer}\n` +
            `   1: ${first ? `[${first.publication} ${first.published} ¶${first.paragraph}] ${first.articleTitle.slice(0, 50)} | ${first.text.slice(0, 160)}` : "(none)"}\n`,
        );
      }
    }
    const ms = performance.now() - t0;
    const n = questions.length;
    process.stdout.write(
      `answer@1 ${f(a1 / n)}  answer@3 ${f(a3 / n)}  cleanly@1 ${f(clean1 / n)}  found ${found}  ` +
        `future@1 ${f(future1 / n)}  high ${f(high / n)} (right ${f(high > 0 ? highRight / high : 0)})  ` +
        `${Math.round(ms)} ms  ${variant}\n`,
    );
    if (unknown.length > 0) {
      let honest = 0;
      const said: string[] = [];
      for (const q of unknown) {
        const answer = answerQuestion(index, q.question, { limit: 3 }, options);
        const confidence = (answer as Answer & { confidence?: string }).confidence;
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
