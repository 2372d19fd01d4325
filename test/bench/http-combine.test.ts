import { describe, expect, it } from "vitest";
import { combineHttpRuns, type HttpFigures } from "../../scripts/bench/http-bench.js";

const run = (over: Partial<HttpFigures>): HttpFigures => ({
  app: "newsdesk",
  durationS: 10,
  connections: 10,
  requests: 1000,
  requestsPerSec: 100,
  ackP50Ms: 2,
  ackP99Ms: 10,
  ackMaxMs: 20,
  errors: 0,
  non2xx: 0,
  timeouts: 0,
  webApiCalls: { "chat.postMessage": 1 },
  probe: { status: 200, bodyBytes: 500, hasReply: true },
  loadCpuUsPerRequest: 90,
  ...over,
});

describe("combineHttpRuns", () => {
  it("takes throughput over the total time, the worst p99 and max, and sums errors", () => {
    const combined = combineHttpRuns([
      run({ requests: 1000, ackP99Ms: 10, ackMaxMs: 20, errors: 1 }),
      run({ requests: 3000, ackP50Ms: 4, ackP99Ms: 30, ackMaxMs: 15, errors: 2 }),
    ]);
    expect(combined).toMatchObject({
      rounds: 2,
      durationS: 20,
      requests: 4000,
      requestsPerSec: 200,
      ackP50Ms: 3,
      ackP99Ms: 30,
      ackMaxMs: 20,
      errors: 3,
      webApiCalls: { "chat.postMessage": 2 },
    });
  });

  it("weighs CPU per request by each run's requests, over the runs that measured it", () => {
    const combined = combineHttpRuns([
      run({ requests: 1000, cpuUsPerRequest: { total: 400, main: 300 } }),
      run({ requests: 3000, cpuUsPerRequest: { total: 200, main: 100 } }),
      run({ requests: 5000 }),
    ]);
    expect(combined.cpuUsPerRequest).toEqual({ total: 250, main: 150 });
    const load = combineHttpRuns([
      run({ requests: 1000, loadCpuUsPerRequest: 120 }),
      run({ requests: 3000, loadCpuUsPerRequest: 80 }),
    ]);
    expect(load.loadCpuUsPerRequest).toBe(90);
    expect(combineHttpRuns([run({})]).cpuUsPerRequest).toBeUndefined();
  });

  it("refuses to combine nothing", () => {
    expect(() => combineHttpRuns([])).toThrow(RangeError);
  });
});
