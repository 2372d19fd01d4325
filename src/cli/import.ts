import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfigFromEnvironment } from "../config.js";
import { readImportFile } from "../corpus/import-files.js";
import { createCorpusWriter, type ImportOutcome } from "../corpus/import-write.js";
import { NewsdeskError } from "../errors.js";

const USAGE = `Usage: npm run import -- FILE... [--publication NAME] [--id ID] [--url URL] [--corpus DIR] [--dry-run]
Turns articles into corpus files (corpus/<id>.md). FILE is one of:
  page.html / page.htm      a saved article page: metadata from its JSON-LD and <meta> tags, body by Readability
  export.jsonl[.gz]         a JSONL export, one article per line (validated like the corpus loader)
  scrape.txt                a raw text scrape of an article page (needs --publication)
An id the corpus already holds is updated in place, never duplicated. --dry-run writes nothing.
--publication is used when a page does not name its publication; --id and --url take a single FILE.`;

const VERBS: Record<ImportOutcome, [string, string]> = {
  created: ["created", "would create"],
  updated: ["updated", "would update"],
  unchanged: ["unchanged", "unchanged"],
};

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      publication: { type: "string" },
      id: { type: "string" },
      url: { type: "string" },
      corpus: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if ((values.id || values.url) && positionals.length > 1) {
    console.error("--id and --url can only be given with a single FILE.");
    return 2;
  }
  const dryRun = values["dry-run"];
  const corpusDir = values.corpus ? path.resolve(values.corpus) : loadConfigFromEnvironment().corpusDir;
  const show = (file: string) => path.relative(process.cwd(), file) || file;
  const writer = await createCorpusWriter(corpusDir, {
    dryRun,
    onUnreadable: (file, error) =>
      console.error(`warning: ${show(file)} is not valid and was skipped (${(error as Error).message})`),
  });
  const counts: Record<ImportOutcome, number> = { created: 0, updated: 0, unchanged: 0 };
  let failed = 0;
  for (const input of positionals) {
    try {
      const articles = await readImportFile(input, {
        publication: values.publication,
        id: values.id,
        url: values.url,
      });
      for (const article of articles) {
        const result = await writer.write(article);
        counts[result.outcome]++;
        const verb = VERBS[result.outcome][dryRun ? 1 : 0];
        const changed = result.changes ? ` — changed: ${result.changes.join(", ")}` : "";
        console.log(
          `${verb} ${show(result.file)}: "${article.title}", ${article.paragraphs.length} paragraphs (from ${show(input)})${changed}`,
        );
      }
    } catch (error) {
      failed++;
      console.error(`error: ${error instanceof NewsdeskError ? error.message : String(error)}`);
    }
  }
  const summary = `${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`;
  console.log(
    `${summary}${failed ? `, ${failed} file(s) failed` : ""}${dryRun ? " (dry run: nothing written)" : ""}.`,
  );
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof NewsdeskError ? error.message : error);
    process.exitCode = 1;
  },
);
