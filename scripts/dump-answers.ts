/**
 * Writes every answer and its renderings (Slack blocks, shell text) over the three shared eval sets
 * as JSON lines, and prints one SHA-256 of them all: the check that a restructuring changed no answer.
 *
 *   npx tsx scripts/dump-answers.ts [OUT.jsonl] [--asked YYYY-MM-DD]
 *
 * --asked adds each question asked on a day (its own `asked`, else this one), as Slack asks it: the
 * time phrases, the day's restriction and the filter hints. Without it the lines are as they always were.
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createEngine } from "../src/answer/engine.js";
import { renderAnswerText } from "../src/answer/render-text.js";
import { loadCorpus } from "../src/corpus/load-corpus.js";
import { buildIndex } from "../src/search/build-index.js";
import { renderAnswer } from "../src/slack/answer-blocks.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const shared = path.resolve(root, "..", "shared", "eval");
const sets = [
  { name: "dev", file: path.join(shared, "dev.jsonl"), corpus: path.join(root, "corpus") },
  { name: "news", file: path.join(shared, "news", "dev.jsonl"), corpus: path.join(shared, "news", "corpus") },
  {
    name: "squad",
    file: path.join(shared, "squad", "questions.jsonl"),
    corpus: path.join(shared, "squad", "corpus"),
  },
];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf("--asked");
  const askedDay = at >= 0 ? args.splice(at, 2)[1] : undefined;
  const out = args[0] ?? "/tmp/newsdesk-dump.jsonl";
  const stream = createWriteStream(out);
  const hash = createHash("sha256");
  let lines = 0;
  for (const set of sets) {
    const corpus = await loadCorpus(set.corpus);
    const ask = createEngine(buildIndex(corpus)).ask;
    const questions = (await readFile(set.file, "utf8"))
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { id: string; question: string; asked?: string });
    for (const q of questions) {
      const dated = askedDay
        ? [{ asked: q.asked ?? askedDay }, { asked: q.asked ?? askedDay, limit: 10 }]
        : [];
      for (const options of [{}, { limit: 10 }, { offset: 3, limit: 3 }, ...dated]) {
        const answer = ask(q.question, options);
        const line = JSON.stringify({
          set: set.name,
          id: q.id,
          options,
          answer,
          slack: renderAnswer(answer),
          text: renderAnswerText(answer),
        });
        hash.update(line);
        hash.update("\n");
        stream.write(`${line}\n`);
        lines++;
      }
    }
  }
  await new Promise<void>((resolve) => stream.end(resolve));
  process.stdout.write(`${lines} lines ${hash.digest("hex")} ${out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exitCode = 1;
});
