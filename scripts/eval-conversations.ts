/**
 * Follow-up recall on conversations written over a shared corpus: each turn after the first is asked
 * twice — with its thread (the earlier turns as Newsdesk answered them: questions, days, filters and
 * the passages it cited) and alone — and scored like the eval sets (a hit is a passage whose text
 * holds an `expect` phrase). Prints R@1 / R@3 of the follow-ups both ways, by kind.
 *
 *   npx tsx scripts/eval-conversations.ts [CONVERSATIONS.jsonl] [--corpus DIR] [--engine JSON]
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createEngine } from "../src/answer/engine.js";
import { turnOf } from "../src/answer/follow-up.js";
import type { Answer, ThreadTurn } from "../src/answer/types.js";
import { loadCorpus } from "../src/corpus/load-corpus.js";
import { buildIndex } from "../src/search/build-index.js";

interface Turn {
  question: string;
  asked?: string;
  kind: string;
  expect: string[];
}
interface Conversation {
  id: string;
  turns: Turn[];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fold = (s: string) =>
  s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, " ")
    .toLowerCase();

/** 1-based rank of the first passage holding an expected phrase, 0 when none does. */
function rankOf(answer: Answer, expect: readonly string[]): number {
  const wanted = expect.map(fold);
  const i = answer.passages.findIndex((p) => wanted.some((w) => fold(p.text).includes(w)));
  return i + 1;
}

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
  const conversations = (await readFile(file, "utf8"))
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Conversation);
  const ask = createEngine(buildIndex(await loadCorpus(corpusDir)), { engine }).ask;
  const rows: Array<{ kind: string; withThread: number; alone: number; id: string; question: string }> = [];
  for (const conversation of conversations) {
    const thread: ThreadTurn[] = [];
    for (const [i, turn] of conversation.turns.entries()) {
      const options = { limit: 3, ...(turn.asked ? { asked: turn.asked } : {}) };
      const withThread = ask(turn.question, i === 0 ? options : { ...options, thread: { turns: thread } });
      thread.push(turnOf(withThread));
      if (i === 0) continue;
      const alone = ask(turn.question, options);
      rows.push({
        kind: turn.kind,
        id: conversation.id,
        question: turn.question,
        withThread: rankOf(withThread, turn.expect),
        alone: rankOf(alone, turn.expect),
      });
    }
  }
  const share = (list: typeof rows, key: "withThread" | "alone", k: number) =>
    (list.filter((r) => r[key] > 0 && r[key] <= k).length / Math.max(1, list.length)).toFixed(3);
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
