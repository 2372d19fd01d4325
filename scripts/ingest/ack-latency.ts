/**
 * Acknowledgement times while the poller digests a hostile site (issue 24): the real process in
 * HTTP mode polls pages nested 3,000 and 10,000 deep, a 20k-story full-text feed with no saved state
 * and a sitemap index fanning out to 100k children, while signed mentions arrive every 10 ms.
 *
 *   npx tsx scripts/ingest/ack-latency.ts [--seconds 60] [--baseline]
 *
 * `--baseline`: the same traffic with no sources, for comparison on the same machine.
 */
import { cp, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { ackTimes, writeHostileSources } from "../../test/reliability/hostile-acks.js";
import { percentile, startHostileSite } from "../../test/reliability/hostile-site.js";
import { listeningPort, startMain } from "../../test/support/main-process.js";
import { repoRoot, tempDir } from "../../test/support/paths.js";
import { startSlackStandIn } from "../../test/support/slack-stand-in.js";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "60" }, baseline: { type: "boolean", default: false } },
});
const cleanups: Array<() => Promise<void>> = [];
const site = await startHostileSite();
const standIn = await startSlackStandIn();
const work = await tempDir("newsdesk-ack-latency-");
await mkdir(path.join(work, "corpus"));
await cp(path.join(repoRoot, "test/fixtures/slack/library.md"), path.join(work, "corpus", "library.md"));
const running = await startMain(standIn, cleanups, {
  SOURCES_FILE: values.baseline ? "" : await writeHostileSources(work, site.url),
  CORPUS_DIR: path.join(work, "corpus"),
  CACHE_DIR: path.join(work, "cache"),
});
const port = await listeningPort(running, 60_000);
const times = await ackTimes(port, Number(values.seconds) * 1000, 10);
const lines = running.stdout.filter((line) => /limit|nests|Imported|poll/i.test(line));
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
console.log(
  `${times.length} acks in ${values.seconds} s: p50 ${fmt(percentile(times, 50))}, p99 ${fmt(percentile(times, 99))}, max ${fmt(Math.max(...times))}`,
);
console.log(
  `site requests: ${[...site.hits.values()].reduce((a, b) => a + b, 0)}; poller log lines: ${lines.length}`,
);
for (const line of lines.filter((l) => /limit|nests/.test(l)).slice(0, 6)) console.log(line.slice(0, 240));
for (const cleanup of cleanups.reverse()) await cleanup();
await Promise.all([site.close(), standIn.close(), rm(work, { recursive: true, force: true })]);
