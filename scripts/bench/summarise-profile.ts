/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`, e.g. scripts/bench/profile-http.ts): self time
 * by function and by file, and inclusive time by function, as shares of the busy (not idle) time.
 *
 *   npx tsx scripts/bench/summarise-profile.ts FILE [--top 40] [--last SECONDS]
 *
 * --last keeps only the profile's last SECONDS (the load window, not the start-up before it).
 * --count weighs each sample as one tick instead of by the time to the next sample: on a busy machine a
 * thread that is descheduled (for example when a postMessage wakes the worker on the same core) would
 * otherwise charge the wait to the function it was in.
 * --callers NAME adds the inclusive time of the functions named NAME by the function that called them.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: "string", default: "40" },
    last: { type: "string" },
    count: { type: "boolean", default: false },
    callers: { type: "string" },
  },
});
const file = positionals[0];
if (!file) {
  console.error("usage: summarise-profile.ts FILE [--top N] [--last SECONDS]");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const top = Number(values.top);
const from = values.last ? profile.endTime - Number(values.last) * 1e6 : Number.NEGATIVE_INFINITY;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);

// Each sample's time is the delta to the next sample.
const self = new Map<number, number>();
let t = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i]!;
  if (t < from) continue;
  const dt = values.count ? 1000 : Math.max(profile.timeDeltas[i + 1] ?? 0, 0);
  self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + dt);
}

const short = (url: string) =>
  url.replace(/^.*?\/(node_modules\/(?:@[^/]+\/)?[^/]+|src|scripts)\//, "$1/").replace(/^file:\/\//, "");
const fnName = (n: ProfileNode) =>
  `${n.callFrame.functionName || "(anonymous)"} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const fileName = (n: ProfileNode) =>
  n.callFrame.url === ""
    ? n.callFrame.functionName
    : short(n.callFrame.url).replace(/^(node_modules\/(?:@[^/]+\/)?[^/]+)\/.*$/, "$1");

let total = 0;
let idle = 0;
for (const [id, v] of self) {
  total += v;
  if (byId.get(id)!.callFrame.functionName === "(idle)") idle += v;
}
const busy = total - idle;
const share = (v: number) => `${((100 * v) / busy).toFixed(1).padStart(5)}%`;

function sumBy(key: (n: ProfileNode) => string): [string, number][] {
  const sums = new Map<string, number>();
  for (const [id, v] of self) {
    const k = key(byId.get(id)!);
    sums.set(k, (sums.get(k) ?? 0) + v);
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
}

// Inclusive: each sample counts once for every distinct function on its stack.
const inclusive = new Map<string, number>();
for (const [id, v] of self) {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) {
    const k = fnName(byId.get(cur)!);
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + v);
  }
}

console.log(
  `${file}: ${(total / 1e3).toFixed(0)} ms sampled, idle ${(idle / 1e3).toFixed(0)} ms, busy ${(busy / 1e3).toFixed(0)} ms`,
);
console.log("--- self time by function");
for (const [k, v] of sumBy(fnName).slice(0, top)) console.log(share(v), k);
console.log("--- self time by file");
for (const [k, v] of sumBy(fileName).slice(0, top)) console.log(share(v), k);
console.log("--- inclusive time by function");
for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(share(v), k);

if (values.callers) {
  const byCaller = new Map<string, number>();
  for (const [id, v] of self) {
    // The innermost frame of that name on the stack, and its caller.
    for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) {
      if (byId.get(cur)!.callFrame.functionName !== values.callers) continue;
      const parent = parentOf.get(cur);
      const k = parent === undefined ? "(none)" : fnName(byId.get(parent)!);
      byCaller.set(k, (byCaller.get(k) ?? 0) + v);
      break;
    }
  }
  console.log(`--- ${values.callers}, inclusive, by caller`);
  for (const [k, v] of [...byCaller].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(share(v), k);
}
