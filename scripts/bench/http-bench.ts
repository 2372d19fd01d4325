import autocannon from "autocannon";
import { signedHeaders, slashCommandBody } from "./slack-request.js";
import { startTsx } from "./spawn-tsx.js";
import { startWebApiStandIn } from "./web-api-stand-in.js";

export type HttpAppKind = "bare" | "newsdesk";

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
}

export interface HttpBenchOptions {
  questions: readonly string[];
  durationS: number;
  connections: number;
}

const SIGNING_SECRET = "bench-signing-secret-0123456789abcdef";

/**
 * Fires signed `/ask` commands at one app (in its own process, so the load generator and the app do
 * not share an event loop) for a fixed time; questions cycle, each request freshly signed.
 */
export async function benchHttpApp(kind: HttpAppKind, options: HttpBenchOptions): Promise<HttpFigures> {
  const api = await startWebApiStandIn();
  const script = new URL("./http-app-child.ts", import.meta.url).pathname;
  const started = startTsx(script, [kind, api.apiUrl, SIGNING_SECRET], { timeoutMs: 10 * 60_000 });
  try {
    const { value } = await started.firstReport;
    const { port } = value as { port: number };
    let n = 0;
    // One warm-up second so both apps are measured with their JIT settled.
    const fire = (durationS: number) =>
      autocannon({
        url: `http://127.0.0.1:${port}/slack/events`,
        connections: options.connections,
        duration: durationS,
        requests: [
          {
            method: "POST",
            setupRequest: (req) => {
              n += 1;
              const body = slashCommandBody({
                text: options.questions[n % options.questions.length]!,
                responseUrl: api.responseUrl,
                n,
              });
              return {
                ...req,
                method: "POST",
                path: "/slack/events",
                body,
                headers: signedHeaders(SIGNING_SECRET, body),
              };
            },
          },
        ],
      });
    await fire(1);
    api.calls.clear();
    const result = await fire(options.durationS);
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
    };
  } finally {
    started.child.kill("SIGTERM");
    await started.exited;
    await api.close();
  }
}
