/**
 * What the store adds to each acknowledgement: the latency and CPU of one request-key claim (the one
 * statement a command, event or click costs), on SQLite and on a real PostgreSQL on loopback.
 * Usage: npx tsx scripts/bench/store-claims.ts [--claims N]   (results: docs/performance.md)
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { openStore, type Store } from "../../src/store/index.js";
import { startPostgresCluster } from "../topology/postgres-cluster.js";
import { summarize } from "./percentile.js";

const argIndex = process.argv.indexOf("--claims");
const CLAIMS = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 5_000;
const WINDOW_MS = 15 * 60_000;

async function measure(label: string, store: Store): Promise<void> {
  await store.init();
  for (let i = 0; i < 200; i++) await store.seen.claim(`warm:${i}`, Date.now(), WINDOW_MS); // warm-up
  const times: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < CLAIMS; i++) {
    const started = performance.now();
    await store.seen.claim(`event:Ev${i.toString(36)}-${label}`, Date.now(), WINDOW_MS);
    times.push(performance.now() - started);
  }
  const used = process.cpuUsage(cpu);
  const s = summarize(times);
  const cpuUs = (used.user + used.system) / CLAIMS;
  console.log(
    `| ${label} | ${CLAIMS} | ${(s.p50 * 1000).toFixed(0)} µs | ${(s.p99 * 1000).toFixed(0)} µs | ${(s.max * 1000).toFixed(0)} µs | ${cpuUs.toFixed(0)} µs |`,
  );
  await store.stop();
}

const logger = pino({ level: "silent" });
const dataDir = mkdtempSync(path.join(os.tmpdir(), "nd-claims-"));
console.log(
  "| store | claims | p50 | p99 | max | CPU per claim (this process) |\n| --- | --- | --- | --- | --- | --- |",
);
await measure("SQLite (DATA_DIR, WAL)", openStore({ dataDir, logger }));
const cluster = await startPostgresCluster();
await measure("PostgreSQL 17 on loopback", openStore({ dataDir, logger, databaseUrl: cluster.url }));
await cluster.destroy();
rmSync(dataDir, { recursive: true, force: true });
