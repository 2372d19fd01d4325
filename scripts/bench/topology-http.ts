/**
 * HTTP `/ask` throughput and ack latency of the replicated topology: one replica on its embedded SQLite
 * store, one on PostgreSQL, three on PostgreSQL behind the round-robin proxy (scripts/topology). Each
 * request is a freshly signed `/ask` command with its own trigger id (so each costs a claim in the
 * store), on the seed corpus; first a saturation run, then a fixed-rate run whose latencies are
 * corrected for coordinated omission. Run under the heavy lock; results go to docs/performance.md.
 * Usage: npx tsx scripts/bench/topology-http.ts [--duration S] [--connections N] [--rate R]
 */
import autocannon from "autocannon";
import { startPostgresCluster } from "../topology/postgres-cluster.js";
import { startTopology, type Topology } from "../topology/start-topology.js";
import { newsQuestionsFile } from "./paths.js";
import { readQuestionFile } from "./questions.js";
import { signedAskRequest } from "./slack-request.js";
import { startWebApiStandIn } from "./web-api-stand-in.js";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DURATION_S = arg("--duration", 20);
const CONNECTIONS = arg("--connections", 10);
const RATE = arg("--rate", 100);
const SIGNING_SECRET = "bench-signing-secret-0123456789abcdef";

const questions = (await readQuestionFile(newsQuestionsFile, "news")).map((q) => q.question);
const api = await startWebApiStandIn();
const cluster = await startPostgresCluster();

function fire(url: string, durationS: number, overallRate?: number) {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: durationS,
    ...(overallRate ? { overallRate } : {}),
    requests: [signedAskRequest(questions, api.responseUrl, SIGNING_SECRET)],
  });
}

async function measure(label: string, replicas: number, sqlite: boolean, viaProxy: boolean): Promise<string> {
  const topology: Topology = await startTopology({
    replicas,
    sqlite,
    adminUrl: cluster.url,
    database: `bench_${replicas}_${Date.now()}`,
    env: {
      SLACK_BOT_TOKEN: "xoxb-bench-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.apiUrl,
      // "info": the replicas announce their port at info (PORT=0), and production logs at info too.
      LOG_LEVEL: "info",
    },
  });
  try {
    const url = viaProxy
      ? `${topology.proxyUrl}/slack/events`
      : `http://127.0.0.1:${topology.replicas[0]!.port}/slack/events`;
    await fire(url, 3); // warm-up: JIT, connections, the store's pool
    const saturated = await fire(url, DURATION_S);
    const fixed = await fire(url, DURATION_S, RATE);
    const errors = (r: Awaited<ReturnType<typeof fire>>) => r.errors + r.timeouts + r.non2xx;
    return `| ${label} | ${saturated.requests.average.toFixed(0)} | ${saturated.latency.p50} | ${saturated.latency.p99} | ${errors(saturated)} | ${fixed.requests.average.toFixed(0)} | ${fixed.latency.p50} | ${fixed.latency.p99} | ${errors(fixed)} |`;
  } finally {
    await topology.stop();
  }
}

const rows: string[] = [];
rows.push(await measure("1 replica, SQLite", 1, true, false));
rows.push(await measure("1 replica, PostgreSQL", 1, false, false));
rows.push(await measure("3 replicas, PostgreSQL, proxy", 3, false, true));
console.log(
  `${CONNECTIONS} connections, ${DURATION_S} s per run, fixed rate ${RATE} req/s\n` +
    "| topology | saturated req/s | p50 ms | p99 ms | errors | fixed-rate req/s | p50 ms | p99 ms | errors |\n" +
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n" +
    rows.join("\n"),
);
await api.close();
await cluster.destroy();
