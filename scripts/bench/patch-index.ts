/**
 * What a reload of one changed article costs on the answering thread at archive scale: a full build
 * of the first N archive articles, then patchIndex (src/search/patch-index.ts) for one new article,
 * one corrected and one removed, each followed by the engine's warm-up (createEngine: vocabulary tree,
 * boilerplate flags) as a reload does before the swap. Each patched index is checked against a full
 * build of the same articles (the index file's bytes) unless --no-check.
 * Usage: npx tsx scripts/bench/patch-index.ts [--articles 10000] [--no-check]
 * Heavy: run it under /tmp/newsdesk-heavy.lock.
 */
import { parseArgs } from "node:util";
import { createEngine, ENGINE_INDEX_OPTIONS } from "../../src/answer/index.js";
import type { Article } from "../../src/corpus/index.js";
import { serializeIndex } from "../../src/index-store/index.js";
import { buildIndex, patchIndex } from "../../src/search/index.js";
import { readArchive } from "./archive-reader.js";
import { archiveFile } from "./paths.js";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "10000" },
    "no-check": { type: "boolean", default: false },
  },
});

const articles: Article[] = await readArchive(archiveFile, Number(values.articles) + 1);
const extra = articles.pop()!;
const paragraphs = articles.reduce((n, a) => n + a.paragraphs.length, 0);
const time = <T>(work: () => T): [T, number] => {
  const started = performance.now();
  const result = work();
  return [result, Math.round(performance.now() - started)];
};

const [base, buildMs] = time(() => buildIndex({ articles }, ENGINE_INDEX_OPTIONS));
const [, baseWarmMs] = time(() => createEngine(base));
const result: Record<string, unknown> = {
  articles: articles.length,
  paragraphs,
  buildMs,
  warmMs: baseWarmMs,
};

const middle = Math.floor(articles.length / 2);
const edits: Record<string, Article[]> = {
  added: [...articles.slice(0, middle), extra, ...articles.slice(middle)],
  corrected: articles.map((a, i) =>
    i === middle ? { ...a, paragraphs: [...a.paragraphs, "A correction was appended to this article."] } : a,
  ),
  removed: articles.filter((_, i) => i !== middle),
};
for (const [name, edited] of Object.entries(edits)) {
  const [patched, patchMs] = time(() => patchIndex(base, { articles: edited })!);
  const [, warmMs] = time(() => createEngine(patched.index));
  const entry: Record<string, unknown> = { patchMs, warmMs, analysed: patched.analysed };
  if (!values["no-check"]) {
    const built = buildIndex({ articles: edited }, ENGINE_INDEX_OPTIONS);
    entry.equalToBuild = Buffer.from(serializeIndex(patched.index)).equals(
      Buffer.from(serializeIndex(built)),
    );
  }
  result[name] = entry;
}
console.log(JSON.stringify(result));
