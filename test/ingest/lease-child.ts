/**
 * One replica's poller, as the bot runs it (its own thread, the shared database): polls one feed at a
 * short interval, printing each log line as JSON. Usage: tsx lease-child.ts DATABASE_URL FEED_URL INTERVAL_MS DIR
 */
import { POLL_LIMITS, startPollerThread } from "../../src/ingest/index.js";

const [databaseUrl, url, intervalMs, dir] = process.argv.slice(2);
const line = (level: string) => (fields: Record<string, unknown>, msg: string) =>
  console.log(JSON.stringify({ level, at: Date.now(), ...fields, msg }));
startPollerThread({
  sources: [
    { name: "Gazette feed", kind: "feed", url: url!, intervalMs: Number(intervalMs), allowInternal: true },
  ],
  corpusDir: `${dir}/corpus`,
  cacheDir: `${dir}/cache`,
  databaseUrl: databaseUrl!,
  limits: POLL_LIMITS,
  logger: { info: line("info"), warn: line("warn"), error: line("error") },
});
console.log(JSON.stringify({ level: "info", at: Date.now(), msg: "started" }));
// The thread is unref'd, as in the bot: this keeps the process alive until it is killed.
setInterval(() => {}, 60_000);
