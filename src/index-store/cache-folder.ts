import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";

/** A kind of file in the cache folder, told apart by its name (the index cache, the start-up snapshot). */
export interface CacheFileKind {
  prefix: string;
  suffix: string;
}

/**
 * The one writer of the cache folder's files: writes `bytes` aside and renames it onto `file`, so a
 * reader never sees half a file, then keeps only the newest `keep` files of the same kind (never
 * `file` itself). On a failure the partial temp file is removed (a full disk must not fill up with
 * failed writes) and the error is thrown for the caller to report. No fsync: both readers verify a
 * CRC-32 of the whole file, so one torn by a power loss is refused and rebuilt, never served.
 */
export async function writeCacheFile(
  file: string,
  bytes: Uint8Array,
  kind: CacheFileKind,
  keep: number,
): Promise<void> {
  const cacheDir = path.dirname(file);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await mkdir(cacheDir, { recursive: true });
    await writeFile(tmp, bytes);
    await rename(tmp, file);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
  const names = (await readdir(cacheDir)).filter((n) => n.startsWith(kind.prefix) && n.endsWith(kind.suffix));
  const dated = await Promise.all(
    names.map(async (name) => {
      const full = path.join(cacheDir, name);
      return { full, mtime: (await stat(full).catch(() => undefined))?.mtimeMs ?? 0 };
    }),
  );
  dated.sort((a, b) => b.mtime - a.mtime);
  for (const { full } of dated.slice(keep)) if (full !== file) await unlink(full).catch(() => undefined);
}

/** Temp files older than this are leftovers of a process that died mid-write (kill -9, power loss). */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Removes the temp files of cache writes that never finished (a process killed mid-write); a write in
 * progress is minutes old at most. Never throws. Returns how many were removed.
 */
export async function removeStaleTempFiles(cacheDir: string, nowMs = Date.now()): Promise<number> {
  let removed = 0;
  try {
    for (const name of await readdir(cacheDir)) {
      if (!name.endsWith(".tmp")) continue;
      const full = path.join(cacheDir, name);
      const info = await stat(full).catch(() => undefined);
      if (info?.isFile() && nowMs - info.mtimeMs > STALE_TEMP_MS) {
        await unlink(full).then(
          () => removed++,
          () => undefined,
        );
      }
    }
  } catch {
    // No cache folder yet, or unreadable: nothing to clean.
  }
  return removed;
}
