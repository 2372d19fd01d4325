import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import type { Article } from "../../src/corpus/types.js";

/** One line of the shared archive (and of the project's JSONL bulk exports). */
interface ArchiveLine {
  id: string;
  title: string;
  publication: string;
  url?: string;
  published?: string;
  paragraphs: string[];
}

/**
 * Streams the first `limit` lines of a JSON Lines file (gzipped when the name ends in .gz) without
 * holding the raw file: the archive is 80 MB compressed and we often want only its head.
 */
export async function* readJsonLines(
  file: string,
  limit = Number.POSITIVE_INFINITY,
): AsyncGenerator<unknown> {
  if (limit <= 0) return;
  const raw = createReadStream(file);
  const input = file.endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let count = 0;
  try {
    for await (const line of lines) {
      if (line.trim() === "") continue;
      yield JSON.parse(line);
      count += 1;
      if (count >= limit) break;
    }
  } finally {
    lines.close();
    raw.destroy();
  }
}

/**
 * The first `limit` articles of the archive as project Articles. Blank paragraphs are dropped (an
 * Article's paragraphs are never blank) and articles left without any are skipped, so `limit` counts
 * lines read, matching "the first N archive articles".
 */
export async function readArchive(file: string, limit: number): Promise<Article[]> {
  const articles: Article[] = [];
  let line = 0;
  for await (const value of readJsonLines(file, limit)) {
    line += 1;
    const row = value as ArchiveLine;
    const paragraphs = (row.paragraphs ?? []).filter((p) => typeof p === "string" && p.trim() !== "");
    if (paragraphs.length === 0) continue;
    articles.push({
      id: row.id,
      title: row.title,
      publication: row.publication,
      ...(row.url ? { url: row.url } : {}),
      ...(row.published ? { published: row.published } : {}),
      paragraphs,
      source: `${file}:${line}`,
    });
  }
  return articles;
}
