import type { HttpFigures } from "./http-bench.js";
import type { SizeResult } from "./result-types.js";

const MB = 1024 * 1024;
/** Articles in the shared archive: a size this large is all of it. */
export const WHOLE_ARCHIVE = 25888;
const fmtInt = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number | undefined) =>
  n === undefined || Number.isNaN(n)
    ? "–"
    : n >= 1000
      ? `${(n / 1000).toFixed(2)} s`
      : `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
const mb = (bytes: number | undefined) => (bytes === undefined ? "–" : `${(bytes / MB).toFixed(0)} MB`);
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? "" : ` (${(a / b).toFixed(a / b < 0.1 ? 3 : 2)}×)`;
const rec = (r: { r1: number; r3: number } | undefined) =>
  r ? `${r.r1.toFixed(3)} / ${r.r3.toFixed(3)}` : "–";

/** Heap the index and corpus hold after load: V8 heap plus typed-array buffers (which live outside it). */
export const heapAndBuffers = (r: SizeResult) =>
  r.engine ? r.engine.ready.heapUsed + r.engine.ready.arrayBuffers : undefined;

/** Markdown table, one column per size: engine figure, then the reference's and the ratio where measured. */
export function sizeTable(results: readonly SizeResult[]): string {
  const rows: [string, (r: SizeResult) => string][] = [
    [
      "articles (archive + gold)",
      (r) => `${fmtInt(r.archiveArticles)} + ${fmtInt(r.articles - r.archiveArticles)}`,
    ],
    ["paragraphs", (r) => fmtInt(r.paragraphs)],
    [
      "build (engine / MiniSearch)",
      (r) =>
        `${ms(r.engine?.buildMs)} / ${ms(r.reference?.buildMs)}${ratio(r.engine?.buildMs, r.reference?.buildMs)}`,
    ],
    [
      "cache file (engine / MiniSearch JSON)",
      (r) => `${mb(r.engine?.cacheBytes)} / ${mb(r.reference?.jsonBytes)}`,
    ],
    [
      "ready, warm start (engine process start→answer / MiniSearch loadJSON alone)",
      (r) => `${ms(r.engine?.ready.wallMs)} / ${ms(r.reference?.loadJsonMs)}`,
    ],
    [
      "  of which start-up (Node, tsx, imports) / articles (snapshot, or corpus read) / index load / first answer",
      (r) =>
        r.engine
          ? `${ms(r.engine.ready.importedMs)} / ${ms(r.engine.ready.corpusLoadMs)} / ${ms(r.engine.ready.indexLoadMs)} / ${ms(r.engine.ready.firstAnswerMs)}`
          : "–",
    ],
    [
      "heap + buffers after load / RSS (engine)",
      (r) => (r.engine ? `${mb(heapAndBuffers(r))} / ${mb(r.engine.ready.rss)}` : "–"),
    ],
    [
      "  per 100k paragraphs",
      (r) => {
        const h = heapAndBuffers(r);
        return h === undefined ? "–" : mb((h / r.paragraphs) * 100_000);
      },
    ],
    ["MiniSearch heap (index only)", (r) => mb(r.reference?.heapBytes)],
    [
      "answer p50 / p99 / max, all questions (engine)",
      (r) =>
        r.engine
          ? `${ms(r.engine.latency.all.p50)} / ${ms(r.engine.latency.all.p99)} / ${ms(r.engine.latency.all.max)}`
          : "–",
    ],
    [
      "  per-question median of 3 passes: p50 / p99 / max",
      (r) =>
        r.engine?.latencyMedianOf3
          ? `${ms(r.engine.latencyMedianOf3.p50)} / ${ms(r.engine.latencyMedianOf3.p99)} / ${ms(r.engine.latencyMedianOf3.max)}`
          : "–",
    ],
    [
      "  news questions p50 / p99",
      (r) => (r.engine ? `${ms(r.engine.latency.news.p50)} / ${ms(r.engine.latency.news.p99)}` : "–"),
    ],
    [
      "same questions as reference: engine p50 / p99",
      (r) =>
        r.engine && r.reference
          ? `${ms(r.engine.latencyOnReferenceQuestions.p50)} / ${ms(r.engine.latencyOnReferenceQuestions.p99)}`
          : "–",
    ],
    [
      "MiniSearch p50 / p99 / max",
      (r) =>
        r.reference
          ? `${ms(r.reference.latency.all.p50)} / ${ms(r.reference.latency.all.p99)} / ${ms(r.reference.latency.all.max)}`
          : "–",
    ],
    [
      "engine/MiniSearch p50 · p99",
      (r) =>
        r.engine && r.reference
          ? `${ratio(r.engine.latencyOnReferenceQuestions.p50, r.reference.latency.all.p50).trim()} · ${ratio(r.engine.latencyOnReferenceQuestions.p99, r.reference.latency.all.p99).trim()}`
          : "–",
    ],
    ["news R@1 / R@3 engine", (r) => rec(r.engine?.recall)],
    ["news R@1 / R@3 MiniSearch", (r) => rec(r.reference?.recall)],
  ];
  const header = `| | ${results.map((r) => `${fmtInt(r.archiveArticles)} archive articles`).join(" | ")} |`;
  const rule = `| --- | ${results.map(() => "---").join(" | ")} |`;
  const body = rows.map(
    ([name, cell]) => `| ${name} | ${results.map((r) => (r.stopped ? "stopped" : cell(r))).join(" | ")} |`,
  );
  return [header, rule, ...body].join("\n");
}

/** Plain sentences for what did not run: a missing engine, a capped reference, a size that died. */
export function sizeNotes(results: readonly SizeResult[]): string[] {
  const notes: string[] = [];
  for (const r of results) {
    const label = `${fmtInt(r.archiveArticles)} archive articles`;
    if (r.stopped) notes.push(`${label}: STOPPED — ${r.stopped}`);
    if (r.archiveArticles >= WHOLE_ARCHIVE && r.engine) {
      const ready = r.engine.ready;
      notes.push(
        `the whole archive (${fmtInt(r.paragraphs)} paragraphs): the embedded index builds (${ms(r.engine.buildMs)}), loads from its cache and answers (ready ${ms(ready.wallMs)}, ${mb(ready.heapUsed + ready.arrayBuffers)} heap + buffers, ${mb(ready.rss)} RSS, p99 ${ms(r.engine.latency.all.p99)}) — it does not stop here`,
      );
    }
    if (r.engineError) notes.push(`${label}: engine not measured — ${r.engineError}`);
    if (r.referenceSkipped) notes.push(`${label}: ${r.referenceSkipped}`);
    if (r.engine && r.engine.ready.source !== "cache" && r.engine.ready.source !== "snapshot")
      notes.push(
        `${label}: the warm-start child REBUILT the index (cache did not match), so "ready" is not a warm start`,
      );
    if (r.engine?.timelineLatency) {
      const t = r.engine.timelineLatency;
      notes.push(
        `${label} (${fmtInt(r.paragraphs)} paragraphs): timeline of the news questions' words p50 ${ms(t.p50)}, p99 ${ms(t.p99)}, max ${ms(t.max)}`,
      );
    }
    if (r.engine?.shortcutLatency) {
      const t = r.engine.shortcutLatency;
      notes.push(
        `${label} (${fmtInt(r.paragraphs)} paragraphs): "Find our coverage" on pasted claims p50 ${ms(t.p50)}, p99 ${ms(t.p99)}, max ${ms(t.max)}`,
      );
    }
    if (r.questions)
      notes.push(
        `${label}: ${r.questions.news} news + ${r.questions.archive} generated archive + ${r.questions.squad} SQuAD questions (engine); reference: ${r.reference?.questions ?? 0}`,
      );
  }
  return notes;
}

export function httpTable(figures: readonly (HttpFigures | { app: string; error: string })[]): string {
  const bare = figures.find((f): f is HttpFigures => f.app === "bare" && !("error" in f));
  const lines = [
    "| app | req/s | ack p50 | ack p99 | ack max | errors | requests | probe ack |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const f of figures) {
    if ("error" in f) {
      lines.push(`| ${f.app} | not measured: ${f.error} | | | | | | |`);
      continue;
    }
    const vsBare = f.app !== "bare" && bare ? ratio(f.requestsPerSec, bare.requestsPerSec) : "";
    lines.push(
      `| ${appLabel(f.app)} | ${fmtInt(f.requestsPerSec)}${vsBare} | ${ms(f.ackP50Ms)} | ${ms(f.ackP99Ms)} | ${ms(f.ackMaxMs)} | ${f.errors} | ${fmtInt(f.requests)} | ${f.probe.status}, ${f.probe.bodyBytes} B${f.probe.hasReply ? "" : ", NO REPLY"} |`,
    );
  }
  const fixed = figures.filter((f): f is HttpFigures => !("error" in f) && f.fixedRate !== undefined);
  if (fixed.length > 0) {
    lines.push(
      "",
      `At a fixed ${fixed[0]!.fixedRate!.offered} req/s (latency corrected for coordinated omission):`,
      "",
      "| app | req/s held | ack p50 | ack p99 | ack max | errors |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    for (const f of fixed) {
      const r = f.fixedRate!;
      lines.push(
        `| ${appLabel(f.app)} | ${fmtInt(r.achieved)} | ${ms(r.ackP50Ms)} | ${ms(r.ackP99Ms)} | ${ms(r.ackMaxMs)} | ${r.errors} |`,
      );
    }
  }
  return lines.join("\n");
}

function appLabel(app: string): string {
  if (app === "bare") return "bare Bolt (fixed ack)";
  if (app === "precomputed") return "Newsdesk, answers precomputed (ceiling, not a mode)";
  if (app === "store") return "Newsdesk with its SQLite store (as npm start)";
  return "Newsdesk (seed corpus)";
}
