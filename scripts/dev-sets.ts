import { readFile } from "node:fs/promises";
import path from "node:path";
import { flagValue } from "../src/cli/engine-args.js";
import { loadCorpus } from "../src/corpus/load-corpus.js";
import { type EvalQuestion, parseEvalFile } from "../src/eval/eval-score.js";
import type { ParagraphIndex } from "../src/index-store/index.js";
import { buildIndex, loadOrBuildIndex } from "../src/search/index.js";
import { repoRoot, seedCorpusDir, sharedDir } from "./bench/paths.js";

/** One shared dev set with the index its questions are asked of. */
export interface DevSet {
  name: "dev" | "news" | "squad" | "archive" | "single";
  index: ParagraphIndex;
  questions: EvalQuestion[];
  /** Archive rows are scored by their `answer`, not by `expect` phrases. */
  archive: boolean;
}

/**
 * The shared dev sets the fitting scripts learn from (calibrate-confidence.ts, train-ranker.ts), one at
 * a time: seed dev over corpus/, news dev over news/corpus, every `squadEvery`th SQuAD question over
 * squad/corpus, and the archive set over the whole archive (`--archive-corpus DIR`, default
 * ../shared/bench), whose index is cached in `--cache DIR` (default .cache/archive); `--no-archive` leaves
 * the archive out (a quick trial).
 */
export async function* devSets(argv: readonly string[], squadEvery: number): AsyncGenerator<DevSet> {
  const evalDir = path.join(sharedDir, "eval");
  const small = async (name: DevSet["name"], file: string, corpus: string, every = 1): Promise<DevSet> => {
    const index = buildIndex(await loadCorpus(corpus));
    return { name, index, questions: await readQuestions(file, every), archive: false };
  };
  yield await small("dev", path.join(evalDir, "dev.jsonl"), seedCorpusDir);
  yield await small("news", path.join(evalDir, "news/dev.jsonl"), path.join(evalDir, "news/corpus"));
  yield await small(
    "squad",
    path.join(evalDir, "squad/questions.jsonl"),
    path.join(evalDir, "squad/corpus"),
    squadEvery,
  );
  if (argv.includes("--no-archive")) return;
  const archiveCorpus = path.resolve(flagValue(argv, "--archive-corpus") ?? path.join(sharedDir, "bench"));
  const { index } = await loadOrBuildIndex(await loadCorpus(archiveCorpus), {
    cacheDir: path.resolve(flagValue(argv, "--cache") ?? path.join(repoRoot, ".cache", "archive")),
    keepFiles: 4,
  });
  const questions = await readQuestions(path.join(evalDir, "archive/dev.jsonl"));
  yield { name: "archive", index, questions, archive: true };
}

async function readQuestions(file: string, every = 1): Promise<EvalQuestion[]> {
  return parseEvalFile(await readFile(file, "utf8"), file).filter((_, i) => i % every === 0);
}
