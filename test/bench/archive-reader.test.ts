import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { readArchive, readJsonLines } from "../../scripts/bench/archive-reader.js";
import { writeCorpusJsonl } from "../../scripts/bench/corpus-file.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { tempDir } from "../support/paths.js";

const lines = Array.from({ length: 5 }, (_, i) =>
  JSON.stringify({
    id: `arc-${i}`,
    title: `Title ${i}`,
    publication: "example.com",
    url: `https://example.com/${i}`,
    paragraphs: i === 3 ? ["", "  "] : [`First paragraph ${i}.`, "", `Second paragraph ${i}.`],
  }),
);

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

async function scratch(): Promise<string> {
  const dir = await tempDir("newsdesk-bench-test-");
  made.push(dir);
  return dir;
}

async function fixture(gzip: boolean): Promise<string> {
  const dir = await scratch();
  const text = `${lines.join("\n")}\n`;
  const file = path.join(dir, gzip ? "archive.jsonl.gz" : "archive.jsonl");
  await writeFile(file, gzip ? gzipSync(text) : text);
  return file;
}

describe("readJsonLines", () => {
  it("streams only the first N lines of a gzipped file", async () => {
    const file = await fixture(true);
    const rows: unknown[] = [];
    for await (const row of readJsonLines(file, 2)) rows.push(row);
    expect(rows.map((r) => (r as { id: string }).id)).toEqual(["arc-0", "arc-1"]);
  });

  it("reads everything when there is no limit, and nothing for 0", async () => {
    const file = await fixture(false);
    const all: unknown[] = [];
    for await (const row of readJsonLines(file)) all.push(row);
    expect(all).toHaveLength(5);
    const none: unknown[] = [];
    for await (const row of readJsonLines(file, 0)) none.push(row);
    expect(none).toEqual([]);
  });
});

describe("readArchive", () => {
  it("maps lines to articles, drops blank paragraphs and skips articles left empty", async () => {
    const file = await fixture(true);
    const articles = await readArchive(file, 5);
    expect(articles.map((a) => a.id)).toEqual(["arc-0", "arc-1", "arc-2", "arc-4"]);
    expect(articles[0]).toMatchObject({
      title: "Title 0",
      publication: "example.com",
      url: "https://example.com/0",
      paragraphs: ["First paragraph 0.", "Second paragraph 0."],
      source: `${file}:1`,
    });
  });

  it("writes a JSONL corpus the app's loader reads back unchanged", async () => {
    const articles = await readArchive(await fixture(true), 3);
    const dir = await scratch();
    await writeCorpusJsonl(path.join(dir, "archive.jsonl"), articles);
    const back = (await loadCorpus(dir)).articles;
    expect(back.map(({ source: _s, ...a }) => a)).toEqual(articles.map(({ source: _s, ...a }) => a));
  });
});
