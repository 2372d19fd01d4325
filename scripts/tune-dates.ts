/**
 * Measures the date preferences' strengths (engine options recencyWeight / recencyHalfLife for
 * questions without time words, spanWeight / spanHalfLife for questions with them) by K-fold cross-
 * validation over the dated dev sets: the archive questions over the whole archive and the news
 * questions over news/corpus, each asked on its `asked` day. Every grid point is scored once per
 * question; each fold then picks the grid point with the most first-passage hits (archive answer@1 +
 * news R@1, pooled, ties to the smaller weight) on the other folds and is scored on its own questions.
 * Prints each grid point's figures and the held-out figures of the choice; the choice on all questions is
 * what the engine's defaults should hold.
 *
 *   npx tsx scripts/tune-dates.ts --archive-corpus DIR [--cache DIR] [--folds 5] [--fine]
 *
 * DIR holds the archive file (or a symlink to ../shared/bench/news-archive.jsonl.gz).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { answerQuestion } from "../src/answer/answer-question.js";
import { flagValue } from "../src/cli/engine-args.js";
import { dayNumber } from "../src/corpus/dates.js";
import { loadCorpus } from "../src/corpus/load-corpus.js";
import { type EvalQuestion, foldForEval, hitRank, parseEvalFile } from "../src/eval/eval-score.js";
import type { ParagraphIndex } from "../src/index-store/paragraph-index.js";
import type { EngineOptions } from "../src/search/index.js";
import { loadOrBuildIndex } from "../src/search/load-or-build-index.js";
import { readTimePhrases } from "../src/search/time-phrases.js";
import { repoRoot } from "./bench/paths.js";

const shared = path.resolve(repoRoot, "../shared/eval");

interface Item {
  set: "archive" | "news";
  q: EvalQuestion;
  index: ParagraphIndex;
  timed: boolean;
}

/** Rank (1-based) of the first passage that is a hit, 0 if none in the first three. */
function hit(item: Item, engine: EngineOptions): number {
  const answer = answerQuestion(item.index, item.q.question, { limit: 3, asked: item.q.asked! }, engine);
  if (item.set === "news") {
    const rank = hitRank(answer, item.q.expect ?? []);
    return rank <= 3 ? rank : 0;
  }
  const want = foldForEval(item.q.answer ?? "");
  const i = answer.passages.findIndex((p) => foldForEval(p.text).includes(want));
  return i + 1;
}

async function openIndex(corpusDir: string, cacheDir: string): Promise<ParagraphIndex> {
  const corpus = await loadCorpus(corpusDir);
  return (await loadOrBuildIndex(corpus, { cacheDir })).index;
}

/** A stable fold of an id (FNV-1a). */
function foldOf(id: string, folds: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h % folds;
}

async function main(argv: string[]): Promise<void> {
  const archiveDir = flagValue(argv, "--archive-corpus");
  if (!archiveDir) throw new Error("--archive-corpus DIR is required (a folder holding the archive file)");
  const cacheDir = path.resolve(flagValue(argv, "--cache") ?? path.join(repoRoot, ".cache"));
  const folds = Number(flagValue(argv, "--folds") ?? 5);
  const archive = await openIndex(path.resolve(archiveDir), cacheDir);
  const news = await openIndex(path.join(shared, "news/corpus"), cacheDir);
  const items: Item[] = [];
  for (const [set, file, index] of [
    ["archive", "archive/dev.jsonl", archive],
    ["news", "news/dev.jsonl", news],
  ] as const) {
    const file_ = path.join(shared, file);
    for (const q of parseEvalFile(await readFile(file_, "utf8"), file_)) {
      if (!q.asked || (set === "news" && !(q.expect?.length ?? 0))) continue;
      const timed = readTimePhrases(q.question, dayNumber(q.asked)!).span !== undefined;
      items.push({ set, q, index, timed });
    }
  }
  // --fine: a second, finer grid around the coarse grid's choice (0.5; 180 and 7 days).
  const fine = argv.includes("--fine");
  const recencyWeights = fine ? [0, 0.35, 0.5, 0.65] : [0, 0.25, 0.5, 0.75, 0.9];
  const recencyHalfLives = fine ? [90, 180, 365] : [30, 180, 730];
  const spanWeights = fine ? [0, 0.3, 0.5, 0.7] : [0, 0.5, 0.9, 0.99];
  const spanHalfLives = fine ? [3, 7, 14] : [7, 30, 120];
  const grids: { name: string; timed: boolean; points: EngineOptions[] }[] = [
    {
      name: "recency prior (questions without time words)",
      timed: false,
      points: recencyWeights.flatMap((w) =>
        (w === 0 ? [365] : recencyHalfLives).map((h) => ({ recencyWeight: w, recencyHalfLife: h })),
      ),
    },
    {
      name: "time-phrase span (questions with time words)",
      timed: true,
      points: spanWeights.flatMap((w) =>
        (w === 0 ? [30] : spanHalfLives).map((h) => ({ spanWeight: w, spanHalfLife: h })),
      ),
    },
  ];
  for (const grid of grids) {
    const subset = items.filter((i) => i.timed === grid.timed);
    const ranks: number[][] = [];
    for (const point of grid.points) {
      const started = performance.now();
      const r = subset.map((item) => hit(item, point));
      ranks.push(r);
      const share = (set: Item["set"], depth: number) => {
        const of = subset.filter((i) => i.set === set);
        const n = of.filter((item) => {
          const k = r[subset.indexOf(item)]!;
          return k > 0 && k <= depth;
        }).length;
        return `${(n / Math.max(1, of.length)).toFixed(3)}`;
      };
      process.stdout.write(
        `${grid.name} ${JSON.stringify(point)}: archive @1 ${share("archive", 1)} @3 ${share("archive", 3)} (${subset.filter((i) => i.set === "archive").length}), news @1 ${share("news", 1)} @3 ${share("news", 3)} (${subset.filter((i) => i.set === "news").length}) [${Math.round(performance.now() - started)} ms]\n`,
      );
    }
    // Cross-validation: each fold's choice from the other folds, scored on the fold.
    let heldOut1 = 0;
    let heldOut3 = 0;
    const chosen: string[] = [];
    for (let f = 0; f < folds; f++) {
      const inFold = subset.map((item) => foldOf(item.q.id, folds) === f);
      let best = 0;
      let bestScore = -1;
      ranks.forEach((r, p) => {
        const score = r.filter((k, i) => !inFold[i] && k === 1).length;
        if (score > bestScore) {
          bestScore = score;
          best = p;
        }
      });
      chosen.push(JSON.stringify(grid.points[best]));
      ranks[best]!.forEach((k, i) => {
        if (!inFold[i]) return;
        if (k === 1) heldOut1++;
        if (k > 0 && k <= 3) heldOut3++;
      });
    }
    let all = 0;
    let allScore = -1;
    ranks.forEach((r, p) => {
      const score = r.filter((k) => k === 1).length;
      if (score > allScore) {
        allScore = score;
        all = p;
      }
    });
    const base = ranks[0]!;
    process.stdout.write(
      `${grid.name}: ${folds}-fold held-out @1 ${(heldOut1 / subset.length).toFixed(3)} @3 ${(heldOut3 / subset.length).toFixed(3)} ` +
        `(weight 0: @1 ${(base.filter((k) => k === 1).length / subset.length).toFixed(3)} @3 ${(base.filter((k) => k > 0).length / subset.length).toFixed(3)}; ${subset.length} questions pooled)\n` +
        `  fold choices: ${chosen.join(" ")}\n  choice on all: ${JSON.stringify(grid.points[all])}\n`,
    );
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exitCode = 1;
});
