/**
 * Where a question's answer is lost: per question, the rank of the first hit in the exact BM25F
 * paragraph ranking, among the candidates the re-ranker sees, in the final ranking, and in plain
 * MiniSearch tuned as in ../shared/eval/README.md (stop words dropped, Porter stemming, fuzzy 0.2 on
 * 6+ letters, title boost 0.5). A hit missing from the candidates is the first stage's loss; one among
 * them but not in the top 3 is the re-ranker's.
 *
 *   npx tsx scripts/first-stage-report.ts FILE.jsonl [--corpus DIR] [--rows]
 */
import { readFile } from "node:fs/promises";
import MiniSearch from "minisearch";
import { stemmer } from "stemmer";
import { corpusDirFrom } from "../src/cli/engine-args.js";
import { loadCorpus } from "../src/corpus/load-corpus.js";
import { foldForEval, parseEvalFile } from "../src/eval/eval-score.js";
import { paragraphLists } from "../src/index-store/paragraph-index.js";
import { buildIndex } from "../src/search/build-index.js";
import { rankPassages } from "../src/search/pipeline.js";
import { analyzeQuery, scoringTerms } from "../src/search/query.js";
import { isStopWord } from "../src/search/stop-words.js";
import { topK } from "../src/search/top-k.js";

/** Deep enough to tell "just outside the candidates" from "nowhere near". */
const DEPTH = 1000;

async function main(argv: string[]): Promise<void> {
  const file = argv.find((a, i) => !a.startsWith("--") && argv[i - 1] !== "--corpus");
  if (!file)
    throw new Error("Usage: npx tsx scripts/first-stage-report.ts FILE.jsonl [--corpus DIR] [--rows]");
  const questions = parseEvalFile(await readFile(file, "utf8"), file).filter(
    (q) => (q.expect?.length ?? 0) > 0,
  );
  const index = buildIndex(await loadCorpus(corpusDirFrom(argv)));
  const textOf = (doc: number) =>
    foldForEval(index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!]!);
  const rankOf = (docs: readonly number[], expect: readonly string[]) => {
    const folded = expect.map(foldForEval);
    return docs.findIndex((doc) => folded.some((e) => textOf(doc).includes(e))) + 1;
  };

  const mini = new MiniSearch<{ id: number; body: string; title: string }>({
    fields: ["body", "title"],
    processTerm: (term) => {
      const word = term.toLowerCase();
      return isStopWord(word) ? null : stemmer(word);
    },
    searchOptions: { boost: { title: 0.5 }, fuzzy: (term) => (term.length >= 6 ? 0.2 : 0) },
  });
  for (let doc = 0; doc < index.docCount; doc++) {
    const article = index.articles[index.docArticle[doc]!]!;
    mini.add({ id: doc, body: article.paragraphs[index.docParagraph[doc]!]!, title: article.title });
  }

  const within = (rank: number, k: number) => rank >= 1 && rank <= k;
  const totals = { bm25At3: 0, candidates: 0, finalAt3: 0, miniAt3: 0, miniOnly: 0 };
  const rows: string[] = [];
  for (const q of questions) {
    const query = analyzeQuery(index, q.question);
    const lists = paragraphLists(index);
    const bm25 = rankOf(
      topK(lists, scoringTerms(index, query, lists), DEPTH).map((s) => s.doc),
      q.expect ?? [],
    );
    // Without the "not found" floor: every candidate with a positive score, as the pipeline ranks it.
    const { ranked } = rankPassages(index, q.question, { minCoverage: 0 });
    const final = rankOf(
      (ranked ?? []).map((r) => r.doc),
      q.expect ?? [],
    );
    const miniRank = rankOf(
      mini
        .search(q.question)
        .slice(0, DEPTH)
        .map((r) => r.id as number),
      q.expect ?? [],
    );
    if (within(bm25, 3)) totals.bm25At3++;
    if (final > 0) totals.candidates++;
    if (within(final, 3)) totals.finalAt3++;
    if (within(miniRank, 3)) totals.miniAt3++;
    if (within(miniRank, 3) && !within(final, 3)) totals.miniOnly++;
    rows.push(`${q.id}\tbm25 ${bm25 || "-"}\tfinal ${final || "-"}\tminisearch ${miniRank || "-"}`);
  }
  const share = (n: number) => (n / Math.max(1, questions.length)).toFixed(3);
  if (argv.includes("--rows")) process.stdout.write(`${rows.join("\n")}\n`);
  process.stdout.write(
    `${questions.length} answerable questions, ${index.docCount} paragraphs\n` +
      `BM25F R@3 ${share(totals.bm25At3)}  hit among candidates ${share(totals.candidates)}  ` +
      `final R@3 ${share(totals.finalAt3)}  MiniSearch R@3 ${share(totals.miniAt3)}  ` +
      `MiniSearch @3 but not ours: ${totals.miniOnly}\n`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exitCode = 1;
});
