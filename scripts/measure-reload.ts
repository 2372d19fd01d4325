/**
 * Measures the live index on a copy of a corpus folder: cold start (build + cache write), warm start
 * (cache hit), and reloads after an edit — wall time and the longest event-loop stall during each
 * reload (what a question arriving mid-reload would wait at most).
 *
 *   npx tsx scripts/measure-reload.ts [CORPUS_DIR] [--rounds N] [--in-thread]
 */
import { cp, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { repoRoot } from "../src/cli/paths.js";
import { createLiveIndex } from "../src/runtime/live-index.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: "string", default: "5" }, "in-thread": { type: "boolean", default: false } },
});
const source = positionals[0] ?? path.resolve(repoRoot, "../shared/eval/news/corpus");
const dir = await mkdtemp(path.join(tmpdir(), "newsdesk-reload-"));
await cp(source, dir, { recursive: true });
const cacheDir = await mkdtemp(path.join(tmpdir(), "newsdesk-cache-"));
const buildInWorker = !values["in-thread"];

let started = performance.now();
const cold = await createLiveIndex({ corpusDir: dir, cacheDir, watch: false, buildInWorker });
const { articles, paragraphs } = cold.status();
console.log(`corpus: ${source} (${articles} articles, ${paragraphs} paragraphs)`);
console.log(`cold start (build + cache write): ${Math.round(performance.now() - started)} ms`);
cold.close();
started = performance.now();
const live = await createLiveIndex({ corpusDir: dir, cacheDir, watch: false, buildInWorker });
console.log(`warm start (cache hit): ${Math.round(performance.now() - started)} ms`);

const files = (await readdir(dir)).filter((name) => name.endsWith(".md")).sort();
for (let round = 0; round < Number(values.rounds); round++) {
  const file = path.join(dir, files[round % files.length]!);
  await writeFile(
    file,
    `${(await readFile(file, "utf8")).trimEnd()}\n\nAn added paragraph, round ${round}.\n`,
  );
  const stalls = monitorEventLoopDelay({ resolution: 1 });
  stalls.enable();
  started = performance.now();
  await live.reload();
  stalls.disable();
  console.log(
    `reload ${round + 1} (${buildInWorker ? "worker" : "in-thread"} build): ${Math.round(performance.now() - started)} ms, longest event-loop stall ${Math.round(stalls.max / 1e6)} ms`,
  );
}
live.close();
