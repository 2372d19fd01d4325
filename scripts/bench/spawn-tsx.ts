import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
/** tsx's ESM loader, resolved once so children start the way the app does (`tsx src/main.ts`). */
const tsxLoader = require.resolve("tsx");

/** Children report on stdout in lines that start with this, so library logs on stdout never confuse us. */
export const REPORT_PREFIX = "@@bench ";

export function report(value: unknown): void {
  process.stdout.write(`${REPORT_PREFIX}${JSON.stringify(value)}\n`);
}

export interface SpawnOptions {
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
  /** Kill the child (SIGKILL, its own pid only) after this long. */
  timeoutMs?: number;
  /** Stream the child's stderr to ours (progress lines). */
  inheritStderr?: boolean;
}

export interface StartedChild {
  child: ChildProcess;
  /** The first report line (parsed) and the wall time from spawn to it; rejects if the child exits first. */
  firstReport: Promise<{ value: unknown; ms: number }>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderrTail: string }>;
}

/** Starts a TypeScript script in a fresh Node process under tsx. */
export function startTsx(script: string, args: string[], options: SpawnOptions = {}): StartedChild {
  const start = performance.now();
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), "--import", tsxLoader, script, ...args],
    {
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  let onReport: (r: { value: unknown; ms: number }) => void = () => {};
  let onNoReport: (e: Error) => void = () => {};
  const firstReport = new Promise<{ value: unknown; ms: number }>((resolve, reject) => {
    onReport = resolve;
    onNoReport = reject;
  });
  // Avoid an unhandled rejection when a caller only awaits `exited`.
  firstReport.catch(() => {});
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (chunk: string) => {
    stdout += chunk;
    const at = stdout.indexOf(REPORT_PREFIX);
    const end = at >= 0 ? stdout.indexOf("\n", at) : -1;
    if (end >= 0) {
      onReport({
        value: JSON.parse(stdout.slice(at + REPORT_PREFIX.length, end)),
        ms: performance.now() - start,
      });
      stdout = stdout.slice(end + 1);
    } else if (at < 0) {
      stdout = stdout.slice(-REPORT_PREFIX.length);
    }
  });
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => {
    if (options.inheritStderr) process.stderr.write(chunk);
    stderr = (stderr + chunk).slice(-4000);
  });
  const timer =
    options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderrTail: string }>(
    (resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) => {
        if (timer) clearTimeout(timer);
        onNoReport(
          new Error(`child exited (code ${code}, signal ${signal}) before reporting: ${stderr.trim()}`),
        );
        resolve({ code, signal, stderrTail: stderr });
      });
    },
  );
  return { child, firstReport, exited };
}
