/**
 * `npm run bench`: archive-scale speed, memory, start-up and recall of the engine next to plain
 * MiniSearch, and the HTTP app next to bare Bolt — all in one run, so every ratio compares like with like.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseBenchArgs } from "./args.js";
import { benchFollowUps, type FollowUpFigures, followUpTable } from "./follow-up-bench.js";
import { benchHttpApp, combineHttpRuns, type HttpAppKind, type HttpFigures } from "./http-bench.js";
import {
  archiveFile,
  conversationsFile,
  goldCorpusDir,
  newsQuestionsFile,
  repoRoot,
  sharedDir,
} from "./paths.js";
import { readQuestionFile } from "./questions.js";
import { httpTable, sizeNotes, sizeTable, WHOLE_ARCHIVE } from "./report-table.js";
import type { SizeResult, SizeRunOptions } from "./result-types.js";
import { startTsx } from "./spawn-tsx.js";

/** The stand-in's answer delay for conversations.replies, ms: none, and about what Slack takes. */
const FOLLOW_UP_LATENCIES_MS = [0, 100];

async function runSize(
  archiveArticles: number,
  options: ReturnType<typeof parseBenchArgs>,
): Promise<SizeResult> {
  const out = path.join(os.tmpdir(), `newsdesk-bench-size-${archiveArticles}-${process.pid}.json`);
  const sizeOptions: SizeRunOptions = {
    archiveArticles,
    seed: options.seed,
    archiveQuestions: options.archiveQuestions,
    squadQuestions: options.squadQuestions,
    referenceQuestions: options.referenceQuestions,
    referenceMaxArticles: options.referenceMaxArticles,
    readyRuns: options.readyRuns,
    out,
  };
  const script = new URL("./size-run.ts", import.meta.url).pathname;
  // 20 GB of old space on a 24 GB machine: we want to see where the index stops, not Node's default cap.
  const child = startTsx(script, [JSON.stringify(sizeOptions)], {
    nodeArgs: ["--expose-gc", "--max-old-space-size=20480"],
    inheritStderr: true,
    timeoutMs: 3 * 60 * 60_000,
  });
  const exit = await child.exited;
  if (exit.code === 0 && existsSync(out)) {
    const result = JSON.parse(await readFile(out, "utf8")) as SizeResult;
    await rm(out, { force: true });
    return result;
  }
  const oom = /heap out of memory|Allocation failed|ERR_STRING_TOO_LONG|Invalid string length/i.test(
    exit.stderrTail,
  );
  const why = oom
    ? "ran out of memory"
    : exit.signal === "SIGKILL"
      ? "was killed (out of memory or over the time limit)"
      : `exited with code ${exit.code}${exit.signal ? ` (${exit.signal})` : ""}`;
  const lastLine = exit.stderrTail.trim().split("\n").slice(-3).join(" ⏎ ");
  return {
    archiveArticles,
    articles: 0,
    paragraphs: 0,
    stopped: `the bench process for this size ${why}; last output: ${lastLine}`,
  };
}

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  for (const need of [archiveFile, goldCorpusDir, newsQuestionsFile]) {
    if (!existsSync(need)) {
      console.error(
        `bench: ${need} is missing — the bench needs ../shared next to the repository (${sharedDir}).`,
      );
      process.exit(1);
    }
  }
  const startedAt = new Date();
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
  console.error(
    `bench: ${options.httpOnly ? "HTTP only" : options.followUpsOnly ? "follow-ups only" : `sizes ${options.sizes.join(", ")}`} on ${machine.cpus} cores, ${machine.memoryGB} GB, Node ${machine.node}`,
  );

  const sizes: SizeResult[] = [];
  for (const size of options.sizes) {
    console.error(`bench: size ${size} archive articles`);
    sizes.push(await runSize(Math.min(size, WHOLE_ARCHIVE), options));
  }

  const http: (HttpFigures | { app: HttpAppKind; error: string })[] = [];
  const httpRounds: HttpFigures[] = [];
  if (options.http) {
    const questions = (await readQuestionFile(newsQuestionsFile, "news")).map((q) => q.question);
    const failed = new Map<HttpAppKind, string>();
    const apps: HttpAppKind[] = [
      "bare",
      "newsdesk",
      ...(options.httpStore ? (["store"] as const) : []),
      ...(options.httpCeiling ? (["precomputed"] as const) : []),
    ];
    for (let round = 0; round < options.httpRounds; round += 1) {
      // ABBA order: whichever app runs while the machine is warmer or busier alternates.
      const order = round % 2 === 0 ? apps : [...apps].reverse();
      for (const app of order) {
        if (failed.has(app)) continue;
        console.error(
          `bench: HTTP ${app}, round ${round + 1}, ${options.httpWarmupS} s warm-up, ${options.httpDurationS} s at ${options.httpConnections} connections`,
        );
        try {
          httpRounds.push(
            await benchHttpApp(app, {
              questions,
              durationS: options.httpDurationS,
              warmupS: options.httpWarmupS,
              connections: options.httpConnections,
              rate: options.httpRate,
            }),
          );
        } catch (error) {
          failed.set(app, error instanceof Error ? error.message.split("\n")[0]! : String(error));
        }
      }
    }
    for (const app of apps) {
      const runs = httpRounds.filter((r) => r.app === app);
      http.push(runs.length > 0 ? combineHttpRuns(runs) : { app, error: failed.get(app) ?? "not run" });
    }
  }

  // A follow-up's answer time: no latency (the read's own cost), then a Slack-like 100 ms per call.
  const followUps: FollowUpFigures[] = [];
  if (options.followUps) {
    for (const latencyMs of FOLLOW_UP_LATENCIES_MS) {
      console.error(`bench: follow-ups, stand-in latency ${latencyMs} ms, ${options.followUpRounds} rounds`);
      followUps.push(
        await benchFollowUps({
          corpusDir: goldCorpusDir,
          conversationsFile,
          rounds: options.followUpRounds,
          latencyMs,
        }),
      );
    }
  }

  const finishedAt = new Date();
  const results = { startedAt, finishedAt, machine, options, sizes, http, httpRounds, followUps };
  const out =
    options.out ??
    path.join(repoRoot, "bench-results", `bench-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);

  const lines = [
    `Newsdesk bench — ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGB} GB, Node ${machine.node}, seed ${options.seed}`,
  ];
  if (sizes.length > 0) lines.push("", sizeTable(sizes), "", ...sizeNotes(sizes).map((n) => `- ${n}`));
  if (options.http) {
    lines.push("", "HTTP, seed corpus, signed /ask slash commands:", "", httpTable(http));
    const cpu = http.flatMap((r) =>
      "cpuUsPerRequest" in r && r.cpuUsPerRequest
        ? [
            `${r.app} ${Math.round(r.cpuUsPerRequest.total)} µs (main thread ${Math.round(r.cpuUsPerRequest.main)} µs; load generator ${Math.round(r.loadCpuUsPerRequest)} µs)`,
          ]
        : [],
    );
    if (cpu.length > 0) lines.push("", `CPU per request, app process at saturation: ${cpu.join("; ")}`);
    lines.push(
      "",
      `Per round (req/s, ABBA): ${httpRounds.map((r) => `${r.app} ${Math.round(r.requestsPerSec)}`).join(", ")}`,
    );
  }
  if (followUps.length > 0) {
    lines.push(
      "",
      "Follow-ups in a thread, news corpus (one conversations.replies to a loopback stand-in + the answer):",
      "",
      followUpTable(followUps),
    );
  }
  lines.push("", `JSON: ${path.relative(process.cwd(), out)}`);
  console.log(lines.join("\n"));
}

await main();
