import { readdir, stat, unlink } from "node:fs/promises";
import path from "node:path";

/** The writer's temp files: `<article>.md.<pid>.tmp` (see import-write.ts). */
const TEMP_NAME = /^.+\.md\.(\d+)\.tmp$/;

/** A temp file this old is a leftover whoever wrote it: an article's write takes milliseconds. */
export const STALE_WRITE_MS = 60 * 60 * 1000;

/** Whether a process of this id is running (the default check of `removeStaleWrites`). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface StaleWriteOptions {
  now?: number;
  isAlive?: (pid: number) => boolean;
}

/**
 * Removes the temp files of article writes that never finished (a writer killed mid-write, kill -9):
 * those whose writer process is gone, and any older than STALE_WRITE_MS (a pid is reused, in a
 * container the bot is always pid 1). A fresh temp file of a living process is a write under way
 * and stays. Never throws. Returns the names removed.
 */
export async function removeStaleWrites(
  corpusDir: string,
  options: StaleWriteOptions = {},
): Promise<string[]> {
  const now = options.now ?? Date.now();
  const isAlive = options.isAlive ?? isProcessAlive;
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(corpusDir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const pid = TEMP_NAME.exec(name)?.[1];
    if (pid === undefined) continue;
    const full = path.join(corpusDir, name);
    const info = await stat(full).catch(() => undefined);
    if (!info?.isFile()) continue;
    if (isAlive(Number(pid)) && now - info.mtimeMs <= STALE_WRITE_MS) continue;
    await unlink(full).then(
      () => removed.push(name),
      () => undefined,
    );
  }
  return removed;
}
