import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { readProcessCpu } from "./process-cpu.js";
import { signedAskRequest, signedHeaders, slashCommandBody } from "./slack-request.js";
import { startTsx } from "./spawn-tsx.js";
import { startWebApiStandIn } from "./web-api-stand-in.js";

/**
 * `bare`: plain Bolt acking with fixed text; `newsdesk`: the app on the seed corpus; `precomputed`: the
 * same app with every bench question answered before the load (the ceiling without the engine);
 * `store`: the app with its embedded SQLite store in a temporary folder, as `npm start` runs it.
 */
export type HttpAppKind = "bare" | "newsdesk" | "precomputed" | "store";

export interface HttpFigures {
  app: HttpAppKind;
  durationS: number;
  connections: number;
  requests: number;
  requestsPerSec: number;
  ackP50Ms: number;
  ackP99Ms: number;
  ackMaxMs: number;
  /** Socket errors + timeouts + non-2xx responses. */
  errors: number;
  non2xx: number;
  timeouts: number;
  /** Web API calls the app made during the run (e.g. response_url posts), by method. */
  webApiCalls: Record<string, number>;
  /** One signed command sent before the load: its status and ack body size, so a 200 is known to carry a reply. */
  probe: { status: number; bodyBytes: number; hasReply: boolean };
  /**
   * CPU time of the app's process per request during the saturation run, µs: all threads, and the main
   * (JavaScript) thread alone. Linux only (from /proc); absent elsewhere.
   */
  cpuUsPerRequest?: { total: number; main: number };
  /**
   * CPU time of the bench process itself (the load generator: signing, sending, reading acks) per request
   * during the same run, µs — with the app's, what one request costs the machine.
   */
  loadCpuUsPerRequest: number;
  fixedRate?: FixedRateFigures;
}

export interface HttpBenchOptions {
  questions: readonly string[];
  durationS: number;
  /** Seconds of load before the measured run (see BenchOptions.httpWarmupS). */
  warmupS: number;
  connections: number;
  /** After the saturation run, a run at this fixed rate (req/s; 0: none), latency corrected for coordinated omission. */
  rate: number;
}

/** A run at a fixed offered rate: does the app hold it, and how fast does it ack meanwhile. */
export interface FixedRateFigures {
  offered: number;
  achieved: number;
  ackP50Ms: number;
  ackP99Ms: number;
  ackMaxMs: number;
  errors: number;
}

const SIGNING_SECRET = "bench-signing-secret-0123456789abcdef";

/**
 * Fires signed `/ask` commands at one app (in its own process, so the load generator and the app do
 * not share an event loop) for a fixed time; questions cycle, each request freshly signed.
 */
export async function benchHttpApp(kind: HttpAppKind, options: HttpBenchOptions): Promise<HttpFigures> {
  const api = await startWebApiStandIn();
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), "newsdesk-bench-http-"));
  const script = new URL("./http-app-child.ts", import.meta.url).pathname;
  const started = startTsx(script, [kind, api.apiUrl, SIGNING_SECRET, cacheDir], { timeoutMs: 10 * 60_000 });
  try {
    const { value } = await started.firstReport;
    const { port } = value as { port: number };
    const url = `http://127.0.0.1:${port}/slack/events`;
    const probeBody = slashCommandBody({ text: options.questions[0]!, responseUrl: api.responseUrl, n: 0 });
    const probeResponse = await fetch(url, {
      method: "POST",
      headers: signedHeaders(SIGNING_SECRET, probeBody),
      body: probeBody,
    });
    const probeText = await probeResponse.text();
    // Give a reply sent through response_url (instead of in the ack) time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const probe = {
      status: probeResponse.status,
      bodyBytes: Buffer.byteLength(probeText),
      hasReply: /"(text|blocks)"/.test(probeText) || (api.calls.get("response-url/bench") ?? 0) > 0,
    };
    // Both apps are measured with their JIT settled: V8 compiles the hot functions on its helper
    // threads meanwhile (at 1 s, Newsdesk was still compiling on a slow host; docs/performance.md).
    const fire = (durationS: number, overallRate?: number) =>
      autocannon({
        url,
        connections: options.connections,
        duration: durationS,
        ...(overallRate ? { overallRate } : {}),
        requests: [signedAskRequest(options.questions, api.responseUrl, SIGNING_SECRET)],
      });
    await fire(options.warmupS);
    api.calls.clear();
    const cpuBefore = readProcessCpu(started.child.pid);
    const loadBefore = process.cpuUsage();
    const result = await fire(options.durationS);
    const loadCpu = process.cpuUsage(loadBefore);
    const cpuAfter = readProcessCpu(started.child.pid);
    const cpuUsPerRequest =
      cpuBefore && cpuAfter && result.requests.total > 0
        ? {
            total: ((cpuAfter.totalMs - cpuBefore.totalMs) * 1000) / result.requests.total,
            main: ((cpuAfter.mainMs - cpuBefore.mainMs) * 1000) / result.requests.total,
          }
        : undefined;
    let fixedRate: FixedRateFigures | undefined;
    if (options.rate > 0) {
      const held = await fire(options.durationS, options.rate);
      fixedRate = {
        offered: options.rate,
        achieved: held.requests.average,
        ackP50Ms: held.latency.p50,
        ackP99Ms: held.latency.p99,
        ackMaxMs: held.latency.max,
        errors: held.errors + held.timeouts + held.non2xx,
      };
    }
    return {
      app: kind,
      durationS: options.durationS,
      connections: options.connections,
      requests: result.requests.total,
      requestsPerSec: result.requests.average,
      ackP50Ms: result.latency.p50,
      ackP99Ms: result.latency.p99,
      ackMaxMs: result.latency.max,
      errors: result.errors + result.timeouts + result.non2xx,
      non2xx: result.non2xx,
      timeouts: result.timeouts,
      webApiCalls: Object.fromEntries(api.calls),
      probe,
      loadCpuUsPerRequest:
        result.requests.total > 0 ? (loadCpu.user + loadCpu.system) / result.requests.total : 0,
      ...(cpuUsPerRequest ? { cpuUsPerRequest } : {}),
      ...(fixedRate ? { fixedRate } : {}),
    };
  } finally {
    started.child.kill("SIGTERM");
    await started.exited;
    await api.close();
    await rm(cacheDir, { recursive: true, force: true });
  }
}

/**
 * Several runs of one app as one figure: throughput over the total time, the worst p99 and max (a
 * target must hold in every run), p50 averaged, errors summed.
 */
export function combineHttpRuns(runs: readonly HttpFigures[]): HttpFigures & { rounds: number } {
  if (runs.length === 0) throw new RangeError("no HTTP runs to combine");
  const first = runs[0]!;
  const requests = runs.reduce((n, r) => n + r.requests, 0);
  const durationS = runs.reduce((n, r) => n + r.durationS, 0);
  const webApiCalls: Record<string, number> = {};
  for (const r of runs)
    for (const [k, v] of Object.entries(r.webApiCalls)) webApiCalls[k] = (webApiCalls[k] ?? 0) + v;
  return {
    app: first.app,
    rounds: runs.length,
    durationS,
    connections: first.connections,
    requests,
    requestsPerSec: requests / durationS,
    ackP50Ms: runs.reduce((n, r) => n + r.ackP50Ms, 0) / runs.length,
    ackP99Ms: Math.max(...runs.map((r) => r.ackP99Ms)),
    ackMaxMs: Math.max(...runs.map((r) => r.ackMaxMs)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    timeouts: runs.reduce((n, r) => n + r.timeouts, 0),
    webApiCalls,
    probe: first.probe,
    loadCpuUsPerRequest:
      requests > 0 ? runs.reduce((n, r) => n + r.loadCpuUsPerRequest * r.requests, 0) / requests : 0,
    ...combineCpu(runs),
    ...combineFixedRate(runs.flatMap((r) => (r.fixedRate ? [r.fixedRate] : []))),
  };
}

/** CPU per request over all runs that measured it, weighted by their requests. */
function combineCpu(runs: readonly HttpFigures[]): { cpuUsPerRequest?: { total: number; main: number } } {
  const measured = runs.filter((r) => r.cpuUsPerRequest !== undefined && r.requests > 0);
  const requests = measured.reduce((n, r) => n + r.requests, 0);
  if (requests === 0) return {};
  const sum = (pick: (c: { total: number; main: number }) => number) =>
    measured.reduce((n, r) => n + pick(r.cpuUsPerRequest!) * r.requests, 0) / requests;
  return { cpuUsPerRequest: { total: sum((c) => c.total), main: sum((c) => c.main) } };
}

function combineFixedRate(runs: readonly FixedRateFigures[]): { fixedRate?: FixedRateFigures } {
  if (runs.length === 0) return {};
  return {
    fixedRate: {
      offered: runs[0]!.offered,
      achieved: runs.reduce((n, r) => n + r.achieved, 0) / runs.length,
      ackP50Ms: runs.reduce((n, r) => n + r.ackP50Ms, 0) / runs.length,
      ackP99Ms: Math.max(...runs.map((r) => r.ackP99Ms)),
      ackMaxMs: Math.max(...runs.map((r) => r.ackMaxMs)),
      errors: runs.reduce((n, r) => n + r.errors, 0),
    },
  };
}
