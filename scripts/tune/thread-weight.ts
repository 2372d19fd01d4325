/**
 * Fits a follow-up weight — `threadWeightInStory` (default) or `threadWeight`, how much a follow-up's
 * carried words weigh against its own (carried-words.ts) — on the conversation sets, with
 * leave-one-set-out cross-validation: for each set, the weight that answers the other sets
 * best (most first hits, then most hits in the first three) is scored on it. The sets are grouped by
 * who wrote them and when (test/fixtures/conversations-eval/: news.jsonl beside the method, the
 * held-out files blind to it), so a set never helps choose its own weight. Prints each weight's
 * R@1 / R@3 per set, the out-of-set R@1 / R@3, and the weight chosen on all sets. The grid is the
 * caller's: weights that lose the issue's own cases (test/answer/follow-up.test.ts) are left out of it.
 *
 *   npx tsx scripts/tune/thread-weight.ts [--param threadWeightInStory|threadWeight] [--grid 0.2,0.3,...]
 *     [--corpus DIR]
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createEngine } from "../../src/answer/engine.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { buildIndex } from "../../src/search/build-index.js";
import { type FollowUpRow, readConversations, scoreConversations } from "../conversation-score.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const { values } = parseArgs({
  options: {
    param: { type: "string", default: "threadWeightInStory" },
    grid: { type: "string", default: "0.2,0.3,0.4,0.5" },
    corpus: { type: "string", default: path.resolve(root, "..", "shared", "eval", "news", "corpus") },
  },
});
const grid = values.grid.split(",").map(Number);
const param = values.param;
if (param !== "threadWeight" && param !== "threadWeightInStory") {
  throw new Error(`--param is threadWeight or threadWeightInStory, not ${param}`);
}
const dir = path.join(root, "test/fixtures/conversations-eval");
const files = (await readdir(dir)).filter((f) => f.endsWith(".jsonl")).sort();
const sets = await Promise.all(files.map((f) => readConversations(path.join(dir, f))));
const index = buildIndex(await loadCorpus(values.corpus));

/** Hits at 1 and at 3 with the thread, per set, for each weight of the grid. */
const hits = grid.map((weight) => {
  const ask = createEngine(index, { engine: { [param]: weight } }).ask;
  return sets.map((set) => {
    const rows: FollowUpRow[] = scoreConversations(ask, set);
    const at = (k: number) => rows.filter((r) => r.withThread > 0 && r.withThread <= k).length;
    return { n: rows.length, at1: at(1), at3: at(3) };
  });
});

/** The grid index that does best on the sets `among`: most first hits, then most in the first three. */
function best(among: readonly number[]): number {
  const score = (w: number) => among.reduce((s, i) => s + hits[w]![i]!.at1 * 1000 + hits[w]![i]!.at3, 0);
  return grid.reduce((b, _w, w) => (score(w) > score(b) ? w : b), 0);
}

const f3 = (x: number) => x.toFixed(3);
console.log(`| ${param} | ${files.map((f) => `${f} R@1 / R@3`).join(" | ")} |`);
console.log(`| --- | ${files.map(() => "---").join(" | ")} |`);
grid.forEach((w, g) => {
  console.log(`| ${w} | ${hits[g]!.map((h) => `${f3(h.at1 / h.n)} / ${f3(h.at3 / h.n)}`).join(" | ")} |`);
});
let at1 = 0;
let at3 = 0;
let n = 0;
for (const [i, file] of files.entries()) {
  const chosen = best(files.map((_f, j) => j).filter((j) => j !== i));
  const h = hits[chosen]![i]!;
  at1 += h.at1;
  at3 += h.at3;
  n += h.n;
  console.log(
    `${file}: chosen on the other sets ${grid[chosen]}, out of set ${f3(h.at1 / h.n)} / ${f3(h.at3 / h.n)}`,
  );
}
console.log(`out of set, all follow-ups (${n}): R@1 ${f3(at1 / n)}, R@3 ${f3(at3 / n)}`);
console.log(`chosen on all sets: ${param} ${grid[best(files.map((_f, j) => j))]}`);
