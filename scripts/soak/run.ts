/**
 * Soak: signed Slack requests at a fixed rate against the HTTP-mode app on loopback, with the Web
 * API stand-in answering its posts. Reports errors, ack latency (p50/p99/max), answers lost or
 * duplicated, and the app's heap (after GC) at start, every minute and at the end.
 *
 *   npm run soak -- --minutes 10 --rate 200
 */
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { Agent, request } from "node:http";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { percentile } from "../bench/percentile.js";
import { startWebApiStandIn } from "../bench/web-api-stand-in.js";
import { parseSoakArgs } from "./args.js";
import { createTraffic, type Kind, questionsFrom } from "./traffic.js";

/** Slack gives up on an ack after 3 s; a slower ack counts as an error. */
const SLACK_ACK_LIMIT_MS = 3000;

const options = parseSoakArgs(process.argv.slice(2));
const here = path.dirname(fileURLToPath(import.meta.url));
const signingSecret = randomBytes(16).toString("hex");
const standIn = await startWebApiStandIn();
const workDir = await mkdtemp(path.join(os.tmpdir(), "newsdesk-soak-"));
const logFile = path.join(workDir, "app.log");

const child: ChildProcess = fork(
  path.join(here, "app-child.ts"),
  [standIn.apiUrl, signingSecret, options.corpus, logFile],
  {
    execArgv: ["--expose-gc", "--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  },
);
const replies: Array<(message: Record<string, unknown>) => void> = [];
child.on("message", (message: Record<string, unknown>) => replies.shift()?.(message));
const nextMessage = () => new Promise<Record<string, unknown>>((resolve) => replies.push(resolve));
const ready = await nextMessage();
const port = ready.port as number;
// The generator's own stalls inflate the latencies it measures; they are reported beside the app's.
const generatorLoop = monitorEventLoopDelay({ resolution: 10 });
generatorLoop.enable();
const ms = (value: unknown) => Math.round(value as number);
const heapNow = async () => {
  const reply = nextMessage();
  child.send({ type: "heap" });
  const m = await reply;
  const sample = {
    heapUsedMB: Math.round((m.heapUsedMB as number) * 10) / 10,
    rssMB: Math.round(m.rssMB as number),
    appLoopDelayMaxMs: ms(m.loopDelayMaxMs),
    generatorLoopDelayMaxMs: ms(generatorLoop.max / 1e6),
  };
  generatorLoop.reset();
  return sample;
};

const next = createTraffic(signingSecret, questionsFrom(ready.titles as string[]), standIn.responseUrl);
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const latencies: number[] = [];
const sent: Record<Kind, number> = { command: 0, mention: 0, dm: 0, click: 0 };
const errors = new Map<string, number>();
const fail = (reason: string) => errors.set(reason, (errors.get(reason) ?? 0) + 1);
let inFlight = 0;

function send(): void {
  const { kind, body, headers } = next();
  sent[kind] += 1;
  inFlight += 1;
  const start = performance.now();
  const req = request(
    { host: "127.0.0.1", port, path: "/slack/events", method: "POST", agent, headers },
    (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => {
        inFlight -= 1;
        const ms = performance.now() - start;
        latencies.push(ms);
        if (res.statusCode !== 200) fail(`HTTP ${res.statusCode} (${kind})`);
        else if (ms > SLACK_ACK_LIMIT_MS) fail(`ack slower than ${SLACK_ACK_LIMIT_MS} ms (${kind})`);
        else if (kind === "command" && !text.includes('"blocks"')) fail("command ack without blocks");
      });
    },
  );
  req.on("error", (error: NodeJS.ErrnoException) => {
    inFlight -= 1;
    fail(`network ${error.code ?? error.message} (${kind})`);
  });
  req.end(body);
}

const heap = [{ minute: 0, ...(await heapNow()) }];
const loadAtStart = os.loadavg().map((v) => Math.round(v * 100) / 100);
console.error(
  `soak: ${options.minutes} min at ${options.rate} req/s against the app on port ${port} (${ready.articles} articles in ${options.corpus}); heap ${heap[0]!.heapUsedMB} MB`,
);
const durationMs = options.minutes * 60_000;
const started = performance.now();
let dispatched = 0;
await new Promise<void>((resolve) => {
  let nextMinute = 1;
  const timer = setInterval(async () => {
    const elapsed = performance.now() - started;
    // Open loop: as many requests as the schedule says by now, however slow the app is.
    const due = Math.floor((Math.min(elapsed, durationMs) * options.rate) / 1000);
    while (dispatched < due) {
      send();
      dispatched += 1;
    }
    if (elapsed >= nextMinute * 60_000 && nextMinute <= options.minutes) {
      const minute = nextMinute;
      nextMinute += 1;
      const sample = { minute, ...(await heapNow()) };
      heap.push(sample);
      const p99 = percentile(latencies.slice(-options.rate * 60), 99);
      console.error(
        `  minute ${minute}: ${dispatched} sent, ${[...errors.values()].reduce((a, b) => a + b, 0)} errors, last-minute ack p99 ${p99.toFixed(1)} ms, heap ${sample.heapUsedMB} MB, rss ${sample.rssMB} MB, in flight ${inFlight}, longest stall: app ${sample.appLoopDelayMaxMs} ms, generator ${sample.generatorLoopDelayMaxMs} ms`,
      );
    }
    if (elapsed >= durationMs) {
      clearInterval(timer);
      resolve();
    }
  }, 5);
});

// Let the last acks and posts land, then compare what was asked with what was answered.
const settleDeadline = Date.now() + 15_000;
let lastCount = -1;
for (;;) {
  const count = [...standIn.calls.values()].reduce((a, b) => a + b, 0);
  if ((inFlight === 0 && count === lastCount) || Date.now() > settleDeadline) break;
  lastCount = count;
  await new Promise((resolve) => setTimeout(resolve, 500));
}
const endHeap = await heapNow();
heap.push({ minute: Math.round((performance.now() - started) / 600) / 100, ...endHeap });
const stopped = nextMessage();
child.send({ type: "stop" });
await stopped;
await standIn.close();

const posts = standIn.calls.get("chat.postMessage") ?? 0;
const responseUrl = standIn.calls.get("response-url/bench") ?? 0;
const events = sent.mention + sent.dm;
if (posts < events) fail(`answers lost (${events - posts} events not answered)`);
if (posts > events) fail(`answers duplicated (${posts - events} extra posts)`);
if (responseUrl !== sent.click) fail(`click replies ${responseUrl} for ${sent.click} clicks`);
const logLines = readFileSync(logFile, "utf8").split("\n").filter(Boolean);
const appErrors = logLines.filter((l) => /"level":(50|60)/.test(l)).length;
if (appErrors > 0) fail(`app logged ${appErrors} errors`);

const sorted = Float64Array.from(latencies).sort();
const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const result = {
  command: `npm run soak -- --minutes ${options.minutes} --rate ${options.rate}`,
  corpus: { dir: options.corpus, articles: ready.articles },
  minutes: options.minutes,
  rate: options.rate,
  requests: { sent: dispatched, byKind: sent, acked: latencies.length },
  answers: { chatPostMessage: posts, events, responseUrl, clicks: sent.click },
  errors: Object.fromEntries(errors),
  errorCount: [...errors.values()].reduce((a, b) => a + b, 0),
  ackMs: {
    p50: Math.round(at(50) * 100) / 100,
    p99: Math.round(at(99) * 100) / 100,
    max: Math.round(at(100) * 100) / 100,
  },
  // Per minute: heap after a full GC (MB), RSS, and the longest event-loop stall of app and generator.
  samples: heap,
  appLogLines: logLines.length,
  node: process.version,
  cpus: os.cpus().length,
  // Other work on the machine shows up in the tail latencies; this says how busy it was.
  loadAverage: { start: loadAtStart, end: os.loadavg().map((v) => Math.round(v * 100) / 100) },
  date: new Date().toISOString(),
};
console.log(JSON.stringify(result, null, 2));
if (options.out) {
  await mkdir(path.dirname(options.out), { recursive: true });
  await writeFile(options.out, `${JSON.stringify(result, null, 2)}\n`);
}
process.exitCode = result.errorCount === 0 ? 0 : 1;
