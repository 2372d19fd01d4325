import { readFileSync } from "node:fs";

/** CPU time a process has used so far, ms: all its threads, and its main (JavaScript) thread alone. */
export interface ProcessCpu {
  totalMs: number;
  mainMs: number;
}

/** Linux's clock ticks per second for /proc times (USER_HZ is 100 on every mainstream build). */
const TICKS_PER_SECOND = 100;

function ticksMs(statPath: string): number {
  const stat = readFileSync(statPath, "utf8");
  // Fields after the command name (which may hold spaces) start at the state, field 3: utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/**
 * Reads a child's CPU time from /proc (Linux only; undefined elsewhere or once it has exited).
 * Throughput on a shared machine swings with the neighbours' load; CPU per request swings far less,
 * and the main thread's share separates the app's own work from V8's helper threads (GC, compiler).
 */
export function readProcessCpu(pid: number | undefined): ProcessCpu | undefined {
  if (pid === undefined || process.platform !== "linux") return undefined;
  try {
    return { totalMs: ticksMs(`/proc/${pid}/stat`), mainMs: ticksMs(`/proc/${pid}/task/${pid}/stat`) };
  } catch {
    return undefined;
  }
}
