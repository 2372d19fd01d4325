/**
 * Follow-up recall on conversations written over a shared corpus: each turn after the first is asked
 * twice — with its thread (the earlier turns as Newsdesk answered them: questions, days, filters and
 * the passages it cited) and alone — and scored like the eval sets (a hit is a passage whose text
 * holds an `expect` phrase). Prints R@1 / R@3 of the follow-ups both ways, by kind.
 *
 *   npx tsx scripts/eval-conversations.ts [CONVERSATIONS.jsonl] [--corpus DIR] [--engine JSON]
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createEngine } from "../src/answer/engine.js";
import { loadCorpus } from "../src/corpus/load-corpus.js";
import { buildIndex } from "../src/search/build-index.js";
import { readConversations, recallAt, scoreConversations } from "./conversation-score.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const file =
    process.argv[2] && !process.argv[2].startsWith("--")
      ? process.argv[2]
      : path.join(root, "test/fixtures/conversations-eval/news.jsonl");
  const corpusDir = arg("--corpus") ?? path.resolve(root, "..", "shared", "eval", "news", "corpus");
  const engine = JSON.parse(arg("--engine") ?? "{}") as Record<string, unknown>;
  const conversations = await readConversations(file);
  const ask = createEngine(buildIndex(await loadCorpus(corpusDir)), { engine }).ask;
  const rows = scoreConversations(ask, conversations);
  const share = (list: typeof rows, key: "withThread" | "alone", k: number) =>
    recallAt(list, key, k).toFixed(3);
  const kinds = ["all", ...new Set(rows.map((r) => r.kind))];
  console.log("| follow-ups | n | R@1 with thread | R@3 with thread | R@1 alone | R@3 alone |");
  console.log("| --- | --- | --- | --- | --- | --- |");
  for (const kind of kinds) {
    const list = kind === "all" ? rows : rows.filter((r) => r.kind === kind);
    console.log(
      `| ${kind} | ${list.length} | ${share(list, "withThread", 1)} | ${share(list, "withThread", 3)} | ${share(list, "alone", 1)} | ${share(list, "alone", 3)} |`,
    );
  }
  if (process.argv.includes("--verbose")) {
    for (const r of rows) console.log(`${r.id}\t${r.kind}\t${r.withThread}\t${r.alone}\t${r.question}`);
  }
}

await main();
