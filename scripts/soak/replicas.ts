/**
 * The replicas' soak: signed Slack requests at a fixed rate through the round-robin proxy to N replicas
 * on one real PostgreSQL (scripts/topology), one replica SIGKILLed mid-way and started again. Slack's
 * side is played as Slack plays it: an event whose delivery failed is sent again with
 * `x-slack-retry-num`; a command or click that failed is not (the user sees Slack's error). Every
 * request answers somewhere of its own (traffic.ts's distinct targets), so the report counts, per
 * acknowledged request, answers lost (none) and doubled (more than one).
 *
 *   npm run soak:replicas -- --minutes 10 --rate 200 --replicas 3
 */
import { Agent, request } from "node:http";
import os from "node:os";
import { parseArgs } from "node:util";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { seedCorpusDir } from "../bench/paths.js";
import { percentile } from "../bench/percentile.js";
import { startWebApiStandIn } from "../bench/web-api-stand-in.js";
import { startTopology } from "../topology/start-topology.js";
import { createTraffic, questionsFrom, type SoakRequest, signedRetry } from "./traffic.js";

/** Slack's event retries: three, the first at once (here after a second), then 1 and 5 min (kept short). */
const EVENT_RETRY_DELAYS_MS = [1000, 5000, 15_000];
/** Accepted work of a dead replica is answered within 30 s (issue 23); the settle waits for twice that. */
const SETTLE_MS = 90_000;
const SIGNING_SECRET = "soak-replicas-signing-secret-0123456789";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    rate: { type: "string", default: "200" },
    replicas: { type: "string", default: "3" },
    "kill-at": { type: "string" },
    "restart-after": { type: "string", default: "15" },
    corpus: { type: "string", default: seedCorpusDir },
  },
  strict: true,
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const replicaCount = Number(values.replicas);
const killAtMs = Number(values["kill-at"] ?? minutes / 2) * 60_000;
const restartAfterMs = Number(values["restart-after"]) * 1000;
for (const [flag, value] of Object.entries({ minutes, rate, replicas: replicaCount, restartAfterMs })) {
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${flag} must be a positive number; got ${String(value)}.`);
    process.exit(2);
  }
}

/** What became of one request: its acks (one per attempt) and whether its answer was in the ack. */
interface Outcome {
  request: SoakRequest;
  acked: boolean;
  answeredInAck: boolean;
  attempts: number;
}

const api = await startWebApiStandIn();
const titles = (await loadCorpus(values.corpus)).articles.map((a) => a.title);
console.error(`soak: starting ${replicaCount} replicas on PostgreSQL over ${values.corpus}…`);
const topology = await startTopology({
  replicas: replicaCount,
  env: {
    SLACK_BOT_TOKEN: "xoxb-soak-replicas",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: api.apiUrl,
    CORPUS_DIR: values.corpus,
    LOG_LEVEL: "info",
  },
});
// A crash or Ctrl-C must not leave the replicas and their PostgreSQL running (a 200 req/s run did).
const stopAndExit = (reason: unknown) => {
  console.error(`soak stopped: ${reason instanceof Error ? reason.message : String(reason)}`);
  void topology.stop().finally(() => process.exit(1));
};
process.once("uncaughtException", stopAndExit);
process.once("unhandledRejection", stopAndExit);
process.once("SIGINT", () => stopAndExit("interrupted"));
const proxy = new URL(topology.proxyUrl);
const next = createTraffic(SIGNING_SECRET, questionsFrom(titles), api.responseUrl, { distinctTargets: true });
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const outcomes: Outcome[] = [];
const latencies: number[] = [];
const state = {
  inFlight: 0,
  refused: 0,
  retries: 0,
  killedAt: 0,
  restartedAt: 0,
  restartMs: 0,
  restartError: undefined as string | undefined,
};

function deliver(outcome: Outcome): void {
  const { request: r } = outcome;
  const sent = outcome.attempts === 0 ? r : signedRetry(SIGNING_SECRET, r, outcome.attempts);
  outcome.attempts += 1;
  state.inFlight += 1;
  const started = performance.now();
  const failed = () => {
    state.inFlight -= 1;
    const event = r.kind === "mention" || r.kind === "dm";
    const delay = EVENT_RETRY_DELAYS_MS[outcome.attempts - 1];
    if (event && delay !== undefined) {
      state.retries += 1;
      setTimeout(() => deliver(outcome), delay);
    } else if (!outcome.acked) state.refused += 1;
  };
  const req = request(
    {
      host: proxy.hostname,
      port: proxy.port,
      path: "/slack/events",
      method: "POST",
      agent,
      headers: sent.headers,
    },
    (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => {
        if (res.statusCode !== 200) return failed();
        state.inFlight -= 1;
        latencies.push(performance.now() - started);
        outcome.acked = true;
        if (r.kind === "command" && text.includes('"blocks"')) outcome.answeredInAck = true;
      });
    },
  );
  req.on("error", failed);
  req.end(sent.body);
}

async function killAndRestart(): Promise<void> {
  const victim = topology.replicas[1 % replicaCount]!;
  state.killedAt = performance.now();
  victim.child.kill("SIGKILL");
  await victim.exit;
  await new Promise((resolve) => setTimeout(resolve, restartAfterMs));
  const again = performance.now();
  try {
    await topology.restart(victim.index);
    state.restartMs = performance.now() - again;
    state.restartedAt = performance.now();
  } catch (error) {
    // The soak goes on with the others; the report says the restart failed and why (its last lines).
    state.restartError = (error as Error).message.split("\n").slice(-2).join(" ");
  }
}

const loadAtStart = os.loadavg().map((v) => Math.round(v * 100) / 100);
const durationMs = minutes * 60_000;
const started = performance.now();
let restarting: Promise<void> | undefined;
console.error(
  `soak: ${minutes} min at ${rate} req/s through ${topology.proxyUrl}; replica 1 killed at ${killAtMs / 60_000} min`,
);
await new Promise<void>((resolve) => {
  let nextMinute = 1;
  const timer = setInterval(() => {
    const elapsed = performance.now() - started;
    const due = Math.floor((Math.min(elapsed, durationMs) * rate) / 1000);
    while (outcomes.length < due) {
      const outcome: Outcome = { request: next(), acked: false, answeredInAck: false, attempts: 0 };
      outcomes.push(outcome);
      deliver(outcome);
    }
    if (!restarting && elapsed >= killAtMs) restarting = killAndRestart();
    if (elapsed >= nextMinute * 60_000) {
      const p99 = percentile(latencies.slice(-rate * 60), 99);
      console.error(
        `  minute ${nextMinute}: ${outcomes.length} sent, ${state.refused} refused, ${state.retries} event retries, ack p99 ${p99.toFixed(1)} ms, in flight ${state.inFlight}, load ${os.loadavg()[0]!.toFixed(1)}`,
      );
      nextMinute += 1;
    }
    if (elapsed >= durationMs) {
      clearInterval(timer);
      resolve();
    }
  }, 5);
});
await restarting;

/** Answers that reached the stand-in for one request's target. */
const answersOf = (o: Outcome) =>
  (o.request.kind === "mention" || o.request.kind === "dm"
    ? api.postsByChannel.get(o.request.target)
    : api.calls.get(o.request.target)) ?? 0;
const count = () => {
  let lost = 0;
  let doubled = 0;
  for (const o of outcomes) {
    if (!o.acked) continue;
    const answers = answersOf(o) + (o.answeredInAck ? 1 : 0);
    if (answers === 0) lost += 1;
    if (answers > 1) doubled += 1;
  }
  return { lost, doubled };
};
// Accepted work of the killed replica is reclaimed by the others within 30 s; retries may be due too.
const settleUntil = Date.now() + SETTLE_MS;
while (Date.now() < settleUntil && (state.inFlight > 0 || count().lost > 0)) {
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
const { lost, doubled } = count();
const errorLines = topology.replicas.flatMap((r) => r.lines).filter((l) => /"level":(50|60)/.test(l));
await topology.stop();
await api.close();

const sorted = Float64Array.from(latencies).sort();
const at = (p: number) =>
  Math.round((sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0) * 100) / 100;
const byKind = (kind: string) => outcomes.filter((o) => o.request.kind === kind);
const report = {
  command: `npm run soak:replicas -- --minutes ${minutes} --rate ${rate} --replicas ${replicaCount}`,
  corpus: values.corpus,
  sent: outcomes.length,
  acked: outcomes.filter((o) => o.acked).length,
  // Commands and clicks whose delivery failed at the kill: Slack shows the user an error, nothing was accepted.
  refused: state.refused,
  eventRetries: state.retries,
  eventsAckedAfterRetry: outcomes.filter((o) => o.acked && o.attempts > 1).length,
  kinds: Object.fromEntries(["command", "mention", "dm", "click"].map((k) => [k, byKind(k).length])),
  lost,
  doubled,
  ackMs: { p50: at(50), p99: at(99), max: at(100) },
  kill: {
    replica: 1 % replicaCount,
    atSeconds: Math.round((state.killedAt - started) / 1000),
    restartedAtSeconds: Math.round((state.restartedAt - started) / 1000),
    restartToListeningSeconds: Math.round(state.restartMs / 100) / 10,
    ...(state.restartError ? { restartError: state.restartError } : {}),
  },
  replicaErrorLines: errorLines.length,
  firstErrorLines: errorLines.slice(0, 3),
  loadAverage: { start: loadAtStart, end: os.loadavg().map((v) => Math.round(v * 100) / 100) },
  node: process.version,
  cpus: os.cpus().length,
  date: new Date().toISOString(),
};
console.log(JSON.stringify(report, null, 2));
process.exitCode = lost === 0 && doubled === 0 ? 0 : 1;
