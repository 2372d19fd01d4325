/**
 * What answering in a worker thread would cost the main thread: every news question's answer over the
 * seed corpus is computed once, then a worker hands them back on request (10 in flight, as the HTTP
 * bench's 10 connections), so the figure is the round trip alone — post the question, clone the Answer
 * back, resolve the promise — not the answering. Prints main-thread and all-thread CPU per round trip
 * (from /proc; Linux) and wall time. A measurement for docs/performance.md, not a mode of the app.
 *
 *   npx tsx scripts/bench/worker-round-trip.ts [--requests N]
 */
import { readFile } from "node:fs/promises";
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { createEngine } from "../../src/answer/engine.js";
import type { Answer } from "../../src/answer/types.js";
import { flagValue } from "../../src/cli/engine-args.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { buildIndex } from "../../src/search/build-index.js";
import { newsQuestionsFile, seedCorpusDir } from "./paths.js";
import { readProcessCpu } from "./process-cpu.js";

interface Request {
  id: number;
  question: number;
}

function serveAnswers(): void {
  let answers: Answer[] = [];
  parentPort!.on("message", (m: { answers: Answer[] } | Request) => {
    if ("answers" in m) answers = m.answers;
    else parentPort!.postMessage({ id: m.id, answer: answers[m.question] });
  });
}

/** A worker running this file under tsx, as src/runtime/start-worker.ts starts the app's workers. */
function startSelf(): Worker {
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); });`;
  return new Worker(bootstrap, { eval: true });
}

async function main(): Promise<void> {
  const requests = Number(flagValue(process.argv.slice(2), "--requests") ?? 50_000);
  const ask = createEngine(buildIndex(await loadCorpus(seedCorpusDir))).ask;
  const questions = (await readFile(newsQuestionsFile, "utf8"))
    .trim()
    .split("\n")
    .map((line) => (JSON.parse(line) as { question: string }).question);
  const answers = questions.map((q) => ask(q));
  const worker = startSelf();
  worker.postMessage({ answers });
  const pending = new Map<number, (answer: Answer) => void>();
  worker.on("message", (m: { id: number; answer: Answer }) => {
    pending.get(m.id)?.(m.answer);
    pending.delete(m.id);
  });
  let nextId = 0;
  const roundTrip = (question: number) =>
    new Promise<Answer>((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      worker.postMessage({ id, question } satisfies Request);
    });
  const run = async (n: number) => {
    let sent = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (sent < n) await roundTrip(sent++ % questions.length);
      }),
    );
  };
  await run(5_000); // warm-up
  const before = readProcessCpu(process.pid);
  const started = performance.now();
  await run(requests);
  const wallUs = ((performance.now() - started) * 1000) / requests;
  const after = readProcessCpu(process.pid);
  await worker.terminate();
  const per = (ms: number) => `${((ms * 1000) / requests).toFixed(1)} µs`;
  console.log(
    `${requests} round trips, 10 in flight: wall ${wallUs.toFixed(1)} µs each` +
      (before && after
        ? `; CPU main thread ${per(after.mainMs - before.mainMs)}, all threads ${per(after.totalMs - before.totalMs)}`
        : ""),
  );
}

if (isMainThread) await main();
else serveAnswers();
