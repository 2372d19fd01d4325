/**
 * The replicated topology as processes on one machine: a real PostgreSQL server, N replicas of the bot
 * in HTTP mode sharing its DATABASE_URL, and a small round-robin proxy on loopback in front of them (a
 * stand-in for any load balancer). Tests and the bench use it; `npx tsx scripts/topology/start-topology.ts
 * --replicas 3` runs it by hand (Slack variables from the environment) until Ctrl-C.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabase, type PostgresCluster, startPostgresCluster } from "./postgres-cluster.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** How long a replica may take to listen, ms (generous: tsx compiles on start, and the machine may be busy). */
const START_TIMEOUT_MS = 240_000;

export interface Replica {
  index: number;
  child: ChildProcess;
  port: number;
  /** Every line the replica printed (its JSON log). */
  lines: string[];
  exit: Promise<number | null>;
}

export interface Topology {
  /** http://127.0.0.1:PORT of the proxy: POST /slack/events goes to the replicas in turn. */
  proxyUrl: string;
  databaseUrl: string;
  replicas: Replica[];
  /** Starts replica `index` again (after a kill) with the same settings. */
  restart(index: number): Promise<Replica>;
  stop(): Promise<void>;
}

export interface TopologyOptions {
  replicas: number;
  /** Environment of every replica (Slack variables, CORPUS_DIR…); PORT, DATABASE_URL, CACHE_DIR are set here. */
  env: Record<string, string>;
  /** An existing server's superuser URL; default: a new cluster, removed by stop(). */
  adminUrl?: string;
  /** Name of the database made for this topology. */
  database?: string;
  /** Each replica on its own embedded SQLite store (DATA_DIR) instead of PostgreSQL: the one-machine baseline. */
  sqlite?: boolean;
}

function waitListening(replica: Omit<Replica, "port">): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // A replica that never listened must not outlive the failed start (it would run on, orphaned).
      replica.child.kill("SIGKILL");
      reject(new Error(`replica ${replica.index} did not listen: ${replica.lines.join("\n")}`));
    }, START_TIMEOUT_MS);
    const check = () => {
      for (const line of replica.lines) {
        if (!line.includes('"slack app listening"')) continue;
        clearTimeout(timer);
        resolve((JSON.parse(line) as { port: number }).port);
        return true;
      }
      return false;
    };
    replica.child.stdout?.on("data", () => check());
    replica.child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`replica ${replica.index} exited (${code}): ${replica.lines.join("\n")}`));
    });
  });
}

async function startReplica(index: number, env: Record<string, string>, cacheDir: string): Promise<Replica> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", ...env, PORT: "0", CACHE_DIR: cacheDir, SLACK_APP_TOKEN: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter(Boolean));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const partial = { index, child, lines, exit };
  return { ...partial, port: await waitListening(partial) };
}

/**
 * Round robin over the replicas' ports; a replica that refuses the connection (killed) is skipped for
 * the next, as a balancer's health check would, so the client never sees it.
 */
function startProxy(ports: () => number[]): Promise<Server> {
  let next = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const forward = (tries: number) => {
        const list = ports();
        const port = list[next++ % list.length]!;
        const upstream = request(
          { host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on("error", () => {
          if (tries + 1 < list.length) forward(tries + 1);
          else if (!res.headersSent) res.writeHead(502).end();
        });
        upstream.end(body);
      };
      forward(0);
    });
  });
  // Idle client connections outlive a test's pauses, as a load balancer's do (60 s and more): with
  // Node's 5 s default, a client's next request could race the proxy closing its connection (ECONNRESET).
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export async function startTopology(options: TopologyOptions): Promise<Topology> {
  const sqlite = options.sqlite === true;
  const cluster: PostgresCluster | undefined =
    options.adminUrl || sqlite ? undefined : await startPostgresCluster();
  const adminUrl = options.adminUrl ?? cluster?.url;
  const databaseUrl =
    sqlite || !adminUrl
      ? ""
      : await createDatabase(adminUrl, options.database ?? `topology_${process.pid}_${Date.now()}`);
  const root = mkdtempSync(path.join(os.tmpdir(), "nd-topology-"));
  const cacheOf = (i: number) => path.join(root, `replica-${i}`);
  const envOf = (i: number) =>
    sqlite
      ? { ...options.env, DATABASE_URL: "", DATA_DIR: path.join(cacheOf(i), "data") }
      : { ...options.env, DATABASE_URL: databaseUrl };
  const replicas = await Promise.all(
    Array.from({ length: options.replicas }, (_, i) => startReplica(i, envOf(i), cacheOf(i))),
  );
  const proxy = await startProxy(() =>
    replicas.filter((r) => r.child.exitCode === null && r.child.signalCode === null).map((r) => r.port),
  );
  const { port } = proxy.address() as { port: number };
  return {
    proxyUrl: `http://127.0.0.1:${port}`,
    databaseUrl,
    replicas,
    async restart(index) {
      const replica = await startReplica(index, envOf(index), cacheOf(index));
      replicas[index] = replica;
      return replica;
    },
    async stop() {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      proxy.closeAllConnections();
      for (const r of replicas)
        if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill("SIGKILL");
      await Promise.all(replicas.map((r) => r.exit));
      await cluster?.destroy();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[process.argv.indexOf("--replicas") + 1] ?? 3) || 3;
  const env = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const topology = await startTopology({ replicas: count, env });
  console.log(
    JSON.stringify({
      proxyUrl: topology.proxyUrl,
      databaseUrl: topology.databaseUrl,
      replicas: topology.replicas.map((r) => r.port),
    }),
  );
  const done = () => void topology.stop().then(() => process.exit(0));
  process.once("SIGINT", done);
  process.once("SIGTERM", done);
}
