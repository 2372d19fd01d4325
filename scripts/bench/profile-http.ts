/**
 * Profiles one HTTP app of the bench under signed /ask load: the app's child runs with `node --cpu-prof`
 * (every thread writes a .cpuprofile into --dir when the child exits), autocannon sends signed commands
 * for --seconds after --warmup seconds (5, as the bench: V8 compiles the app's hot functions meanwhile),
 * then the child is stopped. Read the profiles with
 * `npx tsx scripts/bench/summarise-profile.ts FILE`. Run it under the heavy lock.
 *
 *   npx tsx scripts/bench/profile-http.ts [--app newsdesk|bare|store|precomputed] [--seconds 10] [--warmup 5] [--dir DIR]
 *     [--no-profile]
 *
 * It also prints the child's CPU per request by thread (from /proc, Linux): the serving thread, the
 * index worker, V8's helper threads (garbage collection, compilation), libuv's pool. --no-profile
 * measures that alone, without the profiler's own cost.
 */
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { newsQuestionsFile } from "./paths.js";
import { readQuestionFile } from "./questions.js";
import { signedAskRequest } from "./slack-request.js";
import { startTsx } from "./spawn-tsx.js";
import { startWebApiStandIn } from "./web-api-stand-in.js";

const SIGNING_SECRET = "bench-signing-secret-0123456789abcdef";
const { values } = parseArgs({
  options: {
    app: { type: "string", default: "newsdesk" },
    seconds: { type: "string", default: "10" },
    warmup: { type: "string", default: "5" },
    connections: { type: "string", default: "10" },
    dir: { type: "string", default: path.join(os.tmpdir(), "newsdesk-profile") },
    "no-profile": { type: "boolean", default: false },
  },
});

/** CPU time so far of each thread of a process, ms, by thread id with its name (Linux; empty elsewhere). */
function threadCpu(pid: number | undefined): Map<string, { name: string; ms: number }> {
  const out = new Map<string, { name: string; ms: number }>();
  if (pid === undefined || process.platform !== "linux") return out;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(tid, {
        name: tid === String(pid) ? "main" : name,
        ms: (Number(fields[11]) + Number(fields[12])) * 10,
      });
    } catch {
      // The thread ended.
    }
  }
  return out;
}
const dir = path.resolve(values.dir);
await mkdir(dir, { recursive: true });
const questions = (await readQuestionFile(newsQuestionsFile, "news")).map((q) => q.question);
const api = await startWebApiStandIn();
const cacheDir = await mkdtemp(path.join(os.tmpdir(), "newsdesk-profile-cache-"));
// The child exits normally on SIGTERM, so Node writes its profiles.
const onTerm = path.join(cacheDir, "exit-on-term.mjs");
await writeFile(onTerm, 'process.on("SIGTERM", () => process.exit(0));\n');
const script = new URL("./http-app-child.ts", import.meta.url).pathname;
const started = startTsx(script, [values.app, api.apiUrl, SIGNING_SECRET, cacheDir], {
  nodeArgs: values["no-profile"]
    ? ["--import", onTerm]
    : ["--cpu-prof", "--cpu-prof-dir", dir, "--import", onTerm],
});
try {
  const { value } = await started.firstReport;
  const url = `http://127.0.0.1:${(value as { port: number }).port}/slack/events`;
  const fire = (duration: number) =>
    autocannon({
      url,
      connections: Number(values.connections),
      duration,
      requests: [signedAskRequest(questions, api.responseUrl, SIGNING_SECRET)],
    });
  await fire(Number(values.warmup));
  const loadStart = Date.now();
  const before = threadCpu(started.child.pid);
  const result = await fire(Number(values.seconds));
  const after = threadCpu(started.child.pid);
  // Threads share names (the index worker and V8's helpers are all "node"): one entry a thread, by
  // name and id, for those that took a tenth of a millisecond per hundred requests; the rest together.
  const byName = new Map<string, number>();
  for (const [tid, { name, ms }] of after) {
    const spent = ms - (before.get(tid)?.ms ?? 0);
    const key = spent * 100_000 >= Math.max(1, result.requests.total) * 10 ? `${name}#${tid}` : "others";
    byName.set(key, (byName.get(key) ?? 0) + spent);
  }
  const perRequest = (ms: number) => `${((ms * 1000) / Math.max(1, result.requests.total)).toFixed(0)} µs`;
  const total = [...byName.values()].reduce((a, b) => a + b, 0);
  console.log(
    `CPU per request by thread: all ${perRequest(total)}; ` +
      [...byName]
        .sort((a, b) => b[1] - a[1])
        .map(([name, ms]) => `${name} ${perRequest(ms)}`)
        .join(", "),
  );
  console.log(
    `${values.app}: ${Math.round(result.requests.average)} req/s, ${result.requests.total} requests, ` +
      `errors ${result.errors + result.non2xx + result.timeouts}; load from ${loadStart} for ${values.seconds} s`,
  );
} finally {
  started.child.kill("SIGTERM");
  await started.exited;
  await api.close();
  await rm(cacheDir, { recursive: true, force: true });
}
console.log(`profiles in ${dir}`);
