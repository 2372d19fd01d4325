import { formatInstant } from "../corpus/index.js";
import type { SourceStatus } from "./poller-types.js";

// "2026-11-25T23:10:04.123Z" → "25 Nov 2026, 23:10 UTC", as the index status writes times.
function when(iso: string | null): string {
  return iso ? formatInstant(iso) : "never";
}

function lastRun(run: SourceStatus["lastRun"]): string {
  if (!run) return "";
  const parts = [`${run.created} new`, `${run.updated} updated`];
  if (run.failed) parts.push(`${run.failed} failed`);
  return ` Last poll: ${parts.join(", ")}.`;
}

/** The sources' part of `/ask status` and `\status`: one line per source, failures first. Pure. */
export function renderSourcesStatus(sources: readonly SourceStatus[]): string {
  if (sources.length === 0) return "Sources: none polled (set SOURCES_FILE to poll the newsroom's site).";
  const failing = sources.filter((s) => s.state === "failing").length;
  const lines = [`Sources: ${sources.length} polled${failing ? `, ${failing} failing` : ""}.`];
  const order = [...sources].sort((a, b) => Number(b.state === "failing") - Number(a.state === "failing"));
  for (const s of order) {
    const head = `• ${s.name} (${s.kind})`;
    if (s.state === "failing") {
      lines.push(
        `${head} — failing (${s.failures} attempt${s.failures === 1 ? "" : "s"}): ${s.lastError?.replace(/\.$/, "")}. Last success ${when(s.lastSuccessAt)}; retrying ${when(s.nextPollAt)}.`,
      );
    } else if (s.state === "waiting" || (s.state === "polling" && !s.lastSuccessAt)) {
      lines.push(`${head} — first poll under way.`);
    } else {
      const item = s.lastRun?.failed && s.lastItemError ? ` Latest story error: ${s.lastItemError}` : "";
      lines.push(
        `${head} — ok, last success ${when(s.lastSuccessAt)}${s.nextPollAt ? `; next poll ${when(s.nextPollAt)}` : ""}.${lastRun(s.lastRun)}${item}`,
      );
    }
  }
  return lines.join("\n");
}
