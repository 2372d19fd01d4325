import { open, stat } from "node:fs/promises";
import { CorpusError } from "../errors.js";
import { type CorpusLimits, formatBytes } from "./limits.js";

/**
 * Checks that `file` is a regular file (not a FIFO, socket, device, folder or dangling link — a FIFO
 * would block a read for ever) and returns its size. Throws CorpusError naming the file.
 */
export async function statCorpusFile(file: string): Promise<number> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch (cause) {
    throw unreadable(file, cause);
  }
  if (!info.isFile()) {
    throw new CorpusError(
      "corpus_not_a_file",
      `${file}: is ${info.isDirectory() ? "a folder" : "not a regular file (a pipe, socket or device)"}; only article files belong in the corpus folder — move it out.`,
      { file },
    );
  }
  return info.size;
}

export function unreadable(file: string, cause: unknown, line?: number): CorpusError {
  if (cause instanceof CorpusError) return cause;
  const code = (cause as NodeJS.ErrnoException).code;
  const why =
    code === "ENOENT"
      ? "it is missing or a link to nothing"
      : code === "ELOOP"
        ? "it is a symbolic link loop"
        : code === "EACCES" || code === "EPERM"
          ? "permission denied"
          : (code ?? (cause instanceof Error ? cause.name : "error"));
  return new CorpusError(
    "corpus_unreadable",
    `${file}: could not be read (${why}).`,
    { file, ...(line ? { line } : {}) },
    { cause },
  );
}

/** Fails with a CorpusError when `work` makes no progress for `ms`. */
export function withStallTimeout<T>(
  work: Promise<T>,
  ms: number,
  file: string,
  onStall?: () => void,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onStall?.();
      reject(
        new CorpusError(
          "corpus_read_timeout",
          `${file}: reading stalled for ${Math.round(ms / 1000)} s (a hung network mount?); check the disk.`,
          { file },
        ),
      );
    }, ms);
  });
  return Promise.race([work, stalled]).finally(() => clearTimeout(timer));
}

/**
 * Reads a Markdown article file as UTF-8 within the size limit and the read timeout. A file that grows
 * while it is read is cut at the limit and refused, never read without end.
 */
export async function readCorpusText(file: string, limits: CorpusLimits): Promise<string> {
  const size = await statCorpusFile(file);
  const tooLarge = () =>
    new CorpusError(
      "corpus_file_too_large",
      `${file}: is larger than the limit of ${formatBytes(limits.maxFileBytes)} for one article file; split it or move it out.`,
      { file },
    );
  if (size > limits.maxFileBytes) throw tooLarge();
  const controller = new AbortController();
  const read = (async () => {
    const handle = await open(file, "r");
    try {
      // Sized by stat, grown only if the file grows while it is read, and never past the limit.
      const chunks: Buffer[] = [];
      let length = 0;
      let next = Math.min(size, limits.maxFileBytes) + 1;
      while (length <= limits.maxFileBytes && !controller.signal.aborted) {
        const chunk = Buffer.allocUnsafe(next);
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
        if (bytesRead === 0) break;
        chunks.push(chunk.subarray(0, bytesRead));
        length += bytesRead;
        next = Math.min(64 * 1024, limits.maxFileBytes + 1 - length) || 1;
      }
      if (length > limits.maxFileBytes) throw tooLarge();
      return Buffer.concat(chunks, length).toString("utf8");
    } finally {
      await handle.close();
    }
  })();
  try {
    return await withStallTimeout(read, limits.readStallMs, file, () => controller.abort());
  } catch (cause) {
    read.catch(() => undefined);
    throw unreadable(file, cause);
  }
}
