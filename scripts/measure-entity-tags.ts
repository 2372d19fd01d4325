/**
 * What entity tagging (src/search/entity-tags.ts) costs an index build: CPU time of tagging the first
 * `--paragraphs N` (default 20,000) paragraphs of the archive, per paragraph, and that figure times the
 * bench's 445k paragraphs and the whole archive's 1.13M.
 *
 *   npx tsx scripts/measure-entity-tags.ts [--archive FILE.jsonl.gz] [--paragraphs N]
 */
import { createReadStream } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { flagValue } from "../src/cli/engine-args.js";
import { entityMask } from "../src/search/entity-tags.js";
import { sharedDir } from "./bench/paths.js";

async function main(argv: string[]): Promise<void> {
  const file = flagValue(argv, "--archive") ?? path.join(sharedDir, "bench/news-archive.jsonl.gz");
  const wanted = Number(flagValue(argv, "--paragraphs") ?? 20_000);
  const paragraphs: string[] = [];
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    for (const p of (JSON.parse(line) as { paragraphs?: string[] }).paragraphs ?? []) paragraphs.push(p);
    if (paragraphs.length >= wanted) break;
  }
  entityMask("Warm the tagger up on 1 January."); // the model loads once; not counted per paragraph
  const start = process.cpuUsage();
  let tagged = 0;
  for (const p of paragraphs.slice(0, wanted)) if (entityMask(p) !== 0) tagged++;
  const cpu = process.cpuUsage(start);
  const perParagraph = (cpu.user + cpu.system) / 1000 / Math.min(wanted, paragraphs.length);
  const out = (n: number) => `${((perParagraph * n) / 1000).toFixed(0)} s`;
  process.stdout.write(
    `${Math.min(wanted, paragraphs.length)} paragraphs, ${tagged} with an entity: ` +
      `${perParagraph.toFixed(3)} ms CPU a paragraph; 445k ¶ ${out(445_000)}, 1.13M ¶ ${out(1_127_200)}\n`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exitCode = 1;
});
