/**
 * Dev loop for retrieval among the archive: the news questions over their gold corpus plus the first N
 * archive articles (../shared/bench/news-archive.jsonl.gz), the index built once and cached, then each
 * engine variant scored on the same index. Prints R@1 / R@3 / MRR per variant and, with --rows, per
 * question the first hit's rank, the gold article's rank in the article stage, and the article whose
 * paragraph ranks first when it is not the gold one.
 *
 *   npx tsx scripts/archive-recall.ts [--archive N] [--questions FILE] [--corpus DIR] [--cache DIR]
 *     [--index JSON] [--options JSON]... [--rows]
 *
 * `--archive 0` scores a plain corpus (e.g. the SQuAD set) the same way. Each `--options` is one
 * variant of the engine options (EngineOptions, e.g. '{"articleWeight":3}'); default: the defaults.
 * `--index` sets index options (IndexOptions, e.g. '{"b":0.5}'): another index, built and cached.
 *
 * "answer@1 / @3" is a diagnostic, not the score: the share of questions whose short `answer` appears
 * in the first (three) passages, whatever the article. Among the archive it runs well above R@1 / R@3:
 * other publishers' articles on the same story answer too, in words the `expect` phrases do not hold.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { answerQuestion } from "../src/answer/answer-question.js";
import type { Answer } from "../src/answer/types.js";
import { flagValue } from "../src/cli/engine-args.js";
import { loadCorpus } from "../src/corpus/load-corpus.js";
import { type EvalQuestion, hitRank, parseEvalFile, scoreEval } from "../src/eval/eval-score.js";
import { articleLists, type ParagraphIndex } from "../src/index-store/paragraph-index.js";
import { type EngineOptions, type IndexOptions, loadOrBuildIndex } from "../src/search/index.js";
import { analyzeQuery, scoringTerms } from "../src/search/query.js";
import { topK } from "../src/search/top-k.js";
import { readArchive } from "./bench/archive-reader.js";
import { archiveFile, goldCorpusDir, newsQuestionsFile, repoRoot } from "./bench/paths.js";

/** Passages asked for per question: deep enough to see a near miss, as `npm run eval` asks for. */
const LIMIT = 10;
/** Articles ranked to find the gold article's place in the article stage. */
const ARTICLE_DEPTH = 1000;

interface Row {
  id: string;
  rank: number;
  /** 1-based rank of the first passage holding the short answer, or 0. */
  answerRank: number;
  goldArticleRank: number;
  topArticle: string;
}

function flagValues(argv: readonly string[], name: string): string[] {
  return argv.flatMap((a, i) => (a === name && i + 1 < argv.length ? [argv[i + 1]!] : []));
}

/** The gold article's 1-based rank among whole-article BM25 matches, or 0 beyond ARTICLE_DEPTH. */
function articleRank(index: ParagraphIndex, question: string, goldId: string | undefined): number {
  if (!goldId) return 0;
  const lists = articleLists(index);
  const top = topK(lists, scoringTerms(index, analyzeQuery(index, question), lists), ARTICLE_DEPTH);
  return top.findIndex((s) => index.articles[s.doc]!.id === goldId) + 1;
}

function scoreVariant(
  index: ParagraphIndex,
  questions: readonly (EvalQuestion & { article?: string })[],
  options: EngineOptions,
): { r1: number; r3: number; mrr: number; answer1: number; answer3: number; rows: Row[] } {
  let answer1 = 0;
  let answer3 = 0;
  const rows: Row[] = [];
  const answers: Answer[] = [];
  for (const q of questions) {
    const answer = answerQuestion(index, q.question, { limit: LIMIT }, options);
    answers.push(answer);
    const rank = hitRank(answer, q.expect ?? []);
    const answerRank = q.answer ? hitRank(answer, [q.answer.replace(/^["“”]+|["“”]+$/g, "")]) : 0;
    if (answerRank === 1) answer1++;
    if (answerRank >= 1 && answerRank <= 3) answer3++;
    const first = answer.passages[0];
    const topArticle =
      first && first.articleId !== q.article
        ? `${first.articleId} (${first.publication}) ${first.articleTitle.slice(0, 60)}`
        : "";
    rows.push({
      id: q.id,
      rank,
      answerRank,
      goldArticleRank: articleRank(index, q.question, q.article),
      topArticle,
    });
  }
  // Scored as `npm run eval` scores (every question here is answerable).
  const report = scoreEval(questions, answers);
  const n = Math.max(1, questions.length);
  return {
    r1: report.recallAt1,
    r3: report.recallAt3,
    mrr: report.mrr,
    answer1: answer1 / n,
    answer3: answer3 / n,
    rows,
  };
}

async function main(argv: string[]): Promise<void> {
  const archiveCount = Number(flagValue(argv, "--archive") ?? 10_000);
  const questionsFile = path.resolve(flagValue(argv, "--questions") ?? newsQuestionsFile);
  const corpusDir = path.resolve(flagValue(argv, "--corpus") ?? goldCorpusDir);
  const cacheDir = path.resolve(flagValue(argv, "--cache") ?? path.join(repoRoot, ".cache/archive-recall"));
  const variants = flagValues(argv, "--options");
  if (variants.length === 0) variants.push("{}");

  const questions = parseEvalFile(await readFile(questionsFile, "utf8"), questionsFile).filter(
    (q) => (q.expect?.length ?? 0) > 0,
  ) as (EvalQuestion & { article?: string })[];
  // The gold article of each question, when the file names it (the news set does).
  const raw = (await readFile(questionsFile, "utf8")).split("\n").filter((l) => l.trim() !== "");
  const goldOf = new Map<string, string>();
  for (const line of raw) {
    const { id, article } = JSON.parse(line) as { id: string; article?: string };
    if (article) goldOf.set(id, article);
  }
  for (const q of questions) {
    const gold = goldOf.get(q.id);
    if (gold) q.article = gold;
  }

  const started = performance.now();
  const gold = await loadCorpus(corpusDir);
  // Archive first, as `npm run eval` orders a folder holding archive-N.jsonl.gz next to news-*.md.
  const archive = archiveCount > 0 ? await readArchive(archiveFile, archiveCount) : [];
  const { index, source } = await loadOrBuildIndex(
    { articles: [...archive, ...gold.articles] },
    // Room for the 10k, 2k and small sets' indexes at once (and a few index-option variants).
    { cacheDir, keepFiles: 10, ...(JSON.parse(flagValue(argv, "--index") ?? "{}") as IndexOptions) },
  );
  process.stdout.write(
    `${questions.length} questions; ${index.articles.length} articles, ${index.docCount} paragraphs ` +
      `(index ${source}, ${Math.round((performance.now() - started) / 1000)} s)\n`,
  );

  for (const variant of variants) {
    const options = JSON.parse(variant) as EngineOptions;
    const { r1, r3, mrr, answer1, answer3, rows } = scoreVariant(index, questions, options);
    const f = (x: number) => x.toFixed(3);
    process.stdout.write(
      `R@1 ${f(r1)}  R@3 ${f(r3)}  MRR ${f(mrr)}  ` +
        (questions.some((q) => q.answer) ? `(answer@1 ${f(answer1)} answer@3 ${f(answer3)})  ` : "") +
        `${variant}\n`,
    );
    if (!argv.includes("--rows")) continue;
    for (const row of rows) {
      process.stdout.write(
        `  ${row.id}\thit ${row.rank || "-"}\tanswer ${row.answerRank || "-"}\tgold article ${row.goldArticleRank || "-"}\t${row.topArticle}\n`,
      );
    }
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exitCode = 1;
});
