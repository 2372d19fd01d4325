import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The layer rules of docs/architecture.md, checked on the source text so that a new import that breaks
// them fails here rather than in review.
const SRC = path.resolve(import.meta.dirname, "../src");

/** What each layer may import from other layers (shared root modules such as errors.ts are always allowed). */
const ALLOWED: Record<string, readonly string[]> = {
  corpus: [],
  store: [],
  "index-store": ["corpus"],
  search: ["corpus", "index-store"],
  answer: ["corpus", "index-store", "search"],
  eval: ["corpus", "answer"],
  // The runtime opens index files and the engine's door, never ranking internals.
  runtime: ["corpus", "index-store", "answer"],
  ingest: ["corpus", "store"],
  shell: ["corpus", "answer", "runtime", "store"],
  slack: ["corpus", "answer", "runtime", "store"],
  cli: ["corpus", "search", "answer", "eval", "ingest", "runtime", "store"],
};

/** Front doors: the only files of a layer that another layer may import. */
const FRONT_DOORS = new Set([
  "corpus/index.ts",
  "corpus/html.ts",
  ...Object.keys(ALLOWED).map((l) => `${l}/index.ts`),
]);

/** Root modules every layer may use: they sit beside the layers, not in one. */
const SHARED_ROOT = new Set([
  "errors.ts",
  "error-codes.ts",
  "logger.ts",
  "report-error.ts",
  "config.ts",
  "worker-thread.ts",
]);

/** Layers below the Slack surface: they must not know about Slack or the environment. */
const BELOW_SLACK = ["corpus", "index-store", "search", "answer", "eval", "runtime", "ingest", "store"];

interface Import {
  from: string;
  to: string;
  spec: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

function layerOf(relative: string): string | undefined {
  const [first, ...rest] = relative.split("/");
  return rest.length > 0 ? first : undefined;
}

const files = sourceFiles(SRC).map((file) => path.relative(SRC, file).split(path.sep).join("/"));
const texts = new Map(files.map((file) => [file, readFileSync(path.join(SRC, file), "utf8")]));

function importsOf(file: string): Import[] {
  const text = texts.get(file) ?? "";
  const found: Import[] = [];
  for (const match of text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
    const spec = match[1] ?? "";
    if (!spec.startsWith(".")) {
      found.push({ from: file, to: spec, spec });
      continue;
    }
    const target = path.posix
      .normalize(path.posix.join(path.posix.dirname(file), spec))
      .replace(/\.js$/, ".ts");
    found.push({ from: file, to: target, spec });
  }
  return found;
}

const allImports = files.flatMap(importsOf);

/** Groups of files that import each other in a circle (Tarjan's strongly connected components, size > 1). */
function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (file: string): void => {
    order.set(file, order.size);
    low.set(file, order.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (!order.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, order.get(next)!));
    }
    if (low.get(file) !== order.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1) circles.push(group.sort());
  };
  for (const file of graph.keys()) if (!order.has(file)) visit(file);
  return circles;
}
const relativeImports = allImports.filter((i) => i.spec.startsWith("."));

describe("layers", () => {
  it("finds the source tree and its imports", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(relativeImports.length).toBeGreaterThan(100);
  });

  it("resolves every relative import to a file that exists", () => {
    const missing = relativeImports.filter((i) => !texts.has(i.to)).map((i) => `${i.from} → ${i.spec}`);
    expect(missing).toEqual([]);
  });

  it("imports another layer only through its front door", () => {
    const wrong = relativeImports
      .filter((i) => {
        const from = layerOf(i.from);
        const to = layerOf(i.to);
        return to !== undefined && from !== to && !FRONT_DOORS.has(i.to);
      })
      .map((i) => `${i.from} → ${i.spec}`);
    expect(wrong).toEqual([]);
  });

  it("imports layers in one direction only", () => {
    const wrong = relativeImports
      .filter((i) => {
        const from = layerOf(i.from);
        const to = layerOf(i.to);
        if (from === undefined || to === undefined || from === to) return false;
        return !(ALLOWED[from] ?? []).includes(to);
      })
      .map((i) => `${i.from} → ${i.spec}`);
    expect(wrong).toEqual([]);
  });

  it("lets only main.ts and config.ts of the root modules reach into layers", () => {
    const wrong = relativeImports
      .filter((i) => layerOf(i.from) === undefined && layerOf(i.to) !== undefined)
      .filter((i) => i.from !== "main.ts" && i.from !== "config.ts")
      .map((i) => `${i.from} → ${i.spec}`);
    expect(wrong).toEqual([]);
    const rootImports = relativeImports.filter((i) => layerOf(i.to) === undefined).map((i) => i.to);
    expect(rootImports.filter((to) => !SHARED_ROOT.has(to) && to !== "main.ts")).toEqual([]);
  });

  it("keeps Slack packages and the environment out of the layers below slack/", () => {
    const slackImports = allImports
      .filter((i) => BELOW_SLACK.includes(layerOf(i.from) ?? "") && i.spec.startsWith("@slack/"))
      .map((i) => `${i.from} → ${i.spec}`);
    expect(slackImports).toEqual([]);
    const envReaders = files.filter(
      (file) => file !== "config.ts" && /process\.env\b/.test(texts.get(file) ?? ""),
    );
    expect(envReaders).toEqual([]);
  });

  it("gives every layer a front door", () => {
    for (const layer of Object.keys(ALLOWED).filter((l) => l !== "cli")) {
      expect(texts.has(`${layer}/index.ts`), layer).toBe(true);
    }
  });

  it("has no import circles in src/, type-only imports included", () => {
    // A circle means two files cannot be read, tested or moved apart; the types that close one go to a
    // file of their own (ingest-types.ts, poller-types.ts, live-index-types.ts, expansion.ts).
    const graph = new Map(files.map((file) => [file, importsOf(file).map((i) => i.to)]));
    expect(importCircles(graph)).toEqual([]);
    const looped = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["a.ts"]],
    ]);
    expect(importCircles(looped)).toEqual([["a.ts", "b.ts", "c.ts"]]);
  });

  it("has a row for every layer in docs/architecture.md's table of who owns what, and no row for a missing one", () => {
    const doc = readFileSync(path.resolve(SRC, "../docs/architecture.md"), "utf8");
    const rows = [...doc.matchAll(/^\| `src\/([a-z-]+)\/` \|/gm)].map((m) => m[1]);
    const layers = [...new Set(files.map(layerOf).filter((l): l is string => l !== undefined))];
    expect([...rows].sort()).toEqual([...layers].sort());
    // The picture names each layer too.
    for (const layer of layers) expect(doc).toContain(`src/${layer}/`);
  });
});
