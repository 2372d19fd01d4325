import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { importRawText } from "../corpus/import-raw-text.js";
import { serializeArticle } from "../corpus/serialize-article.js";
import { NewsdeskError } from "../errors.js";
import { defaultCorpusDir } from "./paths.js";

const USAGE = `Usage: npm run import -- FILE... --publication NAME [--id ID] [--url URL] [--corpus DIR] [--dry-run]
Turns raw text scrapes of article pages into corpus files (corpus/<id>.md).`;

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
  if (!values.publication) {
    console.error("--publication is required: a raw text scrape does not reliably name its publication.");
    return 2;
  }
  if (values.id && positionals.length > 1) {
    console.error("--id can only be given with a single FILE.");
    return 2;
  }
  const corpusDir = values.corpus ?? defaultCorpusDir();
  for (const file of positionals) {
    const article = importRawText(await readFile(file, "utf8"), {
      publication: values.publication,
      id: values.id,
      url: values.url,
      source: file,
    });
    const target = path.join(corpusDir, `${article.id}.md`);
    const verb = values["dry-run"] ? "would write" : "wrote";
    if (!values["dry-run"]) {
      await mkdir(corpusDir, { recursive: true });
      await writeFile(target, serializeArticle(article));
    }
    console.log(`${verb} ${target}: "${article.title}", ${article.paragraphs.length} paragraphs`);
  }
  return 0;
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
