/**
 * How long a new replica takes to be ready when the articles live in PostgreSQL (issue 23): loads the
 * first N archive articles into a fresh database, starts a replica (the compiled `dist/`, HTTP mode,
 * DATABASE_URL, a fresh CACHE_DIR) and times it to `/readyz` 200 — a cold start (mirror the database,
 * build the index) and a restart on the same CACHE_DIR (mirror unchanged, index from the cache) — then
 * imports one article, corrects it and removes it, each timed to the replica's swapped-in index.
 * Usage: npx tsx scripts/bench/replica-ready.ts [--articles 10000] [--database-url URL]
 * Run `npm run build` first. Heavy: run it under /tmp/newsdesk-heavy.lock.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { readImportFile } from "../../src/corpus/html.js";
import { type Article, createCorpusWriter, serializeArticleLine } from "../../src/corpus/index.js";
import { createDatabaseShelf } from "../../src/ingest/index.js";
import { type ArticleRecord, openStore, type Store } from "../../src/store/index.js";
import { createDatabase, startPostgresCluster } from "../topology/postgres-cluster.js";
import { readArchive } from "./archive-reader.js";
import { archiveFile, repoRoot } from "./paths.js";
import { startWebApiStandIn } from "./web-api-stand-in.js";

const { values } = parseArgs({
  options: { articles: { type: "string", default: "10000" }, "database-url": { type: "string" } },
});

interface Running {
  child: ChildProcess;
  lines: Array<{ at: number; line: string }>;
  exit: Promise<unknown>;
}

function startReplica(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ["dist/main.js"], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Running["lines"] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push({ at: Date.now(), line });
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return { child, lines, exit: new Promise((resolve) => child.once("exit", resolve)) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for the replica's port, then for /readyz 200; ms since `started`. */
async function untilReady(replica: Running, started: number): Promise<number> {
  for (;;) {
    if (replica.child.exitCode !== null) throw new Error(replica.lines.map((l) => l.line).join("\n"));
    const listening = replica.lines.find((l) => l.line.includes('"slack app listening"'));
    if (listening) {
      const { port } = JSON.parse(listening.line) as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
      if (res?.status === 200) return Date.now() - started;
    }
    await sleep(50);
  }
}

function logged(replica: Running, msg: string): Record<string, unknown> | undefined {
  const found = replica.lines.find((l) => l.line.includes(`"msg":"${msg}`));
  return found ? (JSON.parse(found.line) as Record<string, unknown>) : undefined;
}

/** ms from `at` to the replica's next "Corpus reloaded" line, and whether it patched its index. */
async function untilSwapped(replica: Running, at: number): Promise<{ ms: number; patched: boolean }> {
  for (;;) {
    const line = replica.lines.find((l) => l.at >= at && l.line.includes("Corpus reloaded"));
    if (line) return { ms: line.at - at, patched: line.line.includes('"patched"') };
    await sleep(20);
  }
}

/**
 * One article imported the way `npm run import` does, then corrected, then removed, each timed to the
 * replica's swap (its index answers from then on). The first reload also reads every mirror file once
 * (the live index keeps unchanged files' articles from then on).
 */
async function timeChanges(
  replica: Running,
  store: Store,
  cacheDir: string,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const writer = await createCorpusWriter(createDatabaseShelf(store.articles));
  const file = path.join(cacheDir, "bench-new.md");
  const texts = {
    importToSwap: "A paragraph of the article the bench imports into the database.",
    correctionToSwap: "A corrected paragraph of the article the bench imported into the database.",
  };
  for (const [name, text] of Object.entries(texts)) {
    writeFileSync(
      file,
      `---\nid: "bench-new"\ntitle: "Bench article"\npublication: "Bench"\n---\n\n${text}\n`,
    );
    const at = Date.now();
    for (const { article } of await readImportFile(file, {})) await writer.write(article);
    out[name] = await untilSwapped(replica, at);
  }
  const at = Date.now();
  await store.articles.remove(["bench-new"], at);
  out.removalToSwap = await untilSwapped(replica, at);
  return out;
}

async function main(): Promise<void> {
  const count = Number(values.articles);
  const cluster = values["database-url"] ? undefined : await startPostgresCluster();
  const adminUrl = values["database-url"] ?? cluster!.url;
  const databaseUrl = await createDatabase(adminUrl, `ready_${process.pid}`);
  const store = openStore({ databaseUrl, dataDir: "", logger: pino({ level: "silent" }) });
  await store.init();
  const api = await startWebApiStandIn();
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), "nd-ready-"));
  try {
    const articles: Article[] = await readArchive(archiveFile, count);
    const paragraphs = articles.reduce((sum, a) => sum + a.paragraphs.length, 0);
    const loadStarted = Date.now();
    for (let i = 0; i < articles.length; i += 500) {
      const batch: ArticleRecord[] = articles.slice(i, i + 500).map((a) => ({
        id: a.id,
        ...(a.url ? { url: a.url } : {}),
        document: serializeArticleLine(a),
      }));
      await store.articles.upsert(batch, Date.now());
    }
    const loadMs = Date.now() - loadStarted;
    const env = {
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_SIGNING_SECRET: "bench-secret",
      SLACK_APP_TOKEN: "",
      SLACK_API_URL: api.apiUrl,
      PORT: "0",
      DATABASE_URL: databaseUrl,
      CACHE_DIR: cacheDir,
      LOG_LEVEL: "info",
    };
    const result: Record<string, unknown> = { articles: articles.length, paragraphs, loadMs };
    for (const run of ["cold", "warm"] as const) {
      const started = Date.now();
      const replica = startReplica(env);
      result[`${run}ReadyMs`] = await untilReady(replica, started);
      result[`${run}MirrorMs`] = logged(replica, "Mirrored the database's articles")?.ms;
      result[`${run}IndexSource`] = logged(replica, "Index ready")?.source;
      if (run === "warm") Object.assign(result, await timeChanges(replica, store, cacheDir));
      replica.child.kill("SIGTERM");
      await replica.exit;
    }
    console.log(JSON.stringify(result));
  } finally {
    await store.stop();
    await api.close();
    rmSync(cacheDir, { recursive: true, force: true });
    await cluster?.destroy();
  }
}

await main();
