import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "../logger.js";
import { createRecentKeys, type RecentKeys, type RecentKeysOptions } from "./recent-keys.js";

/**
 * Request keys already answered (event ids, trigger ids, clicks), kept in a small file under the cache
 * folder so that a delivery seen before a restart is not answered again after it. The file is a
 * convenience: missing, unreadable or corrupt, it is logged and the bot starts with an empty memory.
 */
export interface PersistentRecentKeys extends RecentKeys {
  /** Resolves when the file holds every key seen so far (at shutdown). */
  flush(): Promise<void>;
}

const FORMAT = 1;
/** A file bigger than this is not ours (10 000 keys of at most 120 characters are ~1.5 MB). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** Keys longer than this (Slack's are ~40 characters) are stored as their hash. */
export const MAX_KEY_CHARS = 120;

export interface PersistentRecentKeysOptions extends Omit<RecentKeysOptions, "initial" | "onAdd"> {
  /** The file, e.g. `<cache>/seen-requests.json`. */
  file: string;
  logger: Logger;
}

/** A key short enough to store whatever a request carried. */
function boundedKey(key: string): string {
  return key.length <= MAX_KEY_CHARS ? key : `sha256:${createHash("sha256").update(key).digest("hex")}`;
}

/** Reads the keys of `file`; logs and returns none when it is missing, too big or not ours. */
function readSeenKeys(file: string, logger: Logger): Array<[string, number]> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code;
    if (errno !== "ENOENT") {
      logger.warn(
        { file, errno },
        "The file of requests already answered cannot be read; starting without it.",
      );
    }
    return [];
  }
  const problem = (reason: string) => {
    logger.warn(
      { file, reason },
      `The file of requests already answered is ${reason}; starting without it (it is rewritten).`,
    );
    return [];
  };
  if (text.length > MAX_FILE_BYTES) return problem("too large");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return problem("not valid JSON");
  }
  const keys = (data as { format?: unknown; keys?: unknown } | null)?.keys;
  if ((data as { format?: unknown } | null)?.format !== FORMAT || !Array.isArray(keys)) {
    return problem("not in the expected format");
  }
  const valid: Array<[string, number]> = [];
  for (const entry of keys) {
    if (
      Array.isArray(entry) &&
      typeof entry[0] === "string" &&
      entry[0].length <= MAX_KEY_CHARS + 7 &&
      typeof entry[1] === "number" &&
      Number.isFinite(entry[1])
    ) {
      valid.push([entry[0], entry[1]]);
    }
  }
  if (valid.length < keys.length) return problem("not in the expected format");
  return valid;
}

/**
 * Recent keys that survive a restart. Each new key schedules a write of the whole (bounded) set:
 * writes never overlap, and keys seen during one are written by the next, so under load the file is
 * rewritten back to back rather than once per request. Written aside and renamed, so a crash leaves
 * the previous file whole.
 */
export function createPersistentRecentKeys(options: PersistentRecentKeysOptions): PersistentRecentKeys {
  const { file, logger, ...rest } = options;
  let dirty = false;
  let writing: Promise<void> | undefined;
  let failing = false;

  const writeOnce = async () => {
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(temporary, JSON.stringify({ format: FORMAT, keys: recent.entries() }));
      await rename(temporary, file);
      if (failing) logger.info({ file }, "The file of requests already answered is written again.");
      failing = false;
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => {});
      // Once per run of failures: a full disk must not fill the log too.
      if (!failing) {
        logger.warn(
          { file, err: error },
          "Cannot write the file of requests already answered; a redelivery after a restart may be answered twice.",
        );
      }
      failing = true;
    }
  };
  const schedule = () => {
    dirty = true;
    if (writing) return;
    writing = (async () => {
      while (dirty) {
        dirty = false;
        await writeOnce();
      }
      writing = undefined;
    })();
  };

  const recent = createRecentKeys({ ...rest, initial: readSeenKeys(file, logger), onAdd: schedule });
  return {
    firstTime: (key) => recent.firstTime(boundedKey(key)),
    get size() {
      return recent.size;
    },
    entries: () => recent.entries(),
    async flush() {
      while (writing) await writing;
    },
  };
}
