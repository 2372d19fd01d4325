import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { loadConfigFromEnvironment } from "../config.js";
import { type ImportedArticle, readImportFile } from "../corpus/html.js";
import type { Article, ImportReport } from "../corpus/index.js";
import {
  articleMetaSchema,
  createCorpusWriter,
  describeIssue,
  type ImportOutcome,
  isCorpusFile,
} from "../corpus/index.js";
import {
  createDatabaseShelf,
  createHttpGet,
  createRobotsCheck,
  emptyIngestState,
  ingestSource,
  isHttpUrl,
} from "../ingest/index.js";
import { openStore, type Store } from "../store/index.js";
import { importLines } from "./import-lines.js";
import { createProgress } from "./progress.js";

const USAGE = `Usage: npm run import -- INPUT... [--publication NAME] [--id ID] [--url URL] [--corpus DIR] [--dry-run] [--verbose]
       npm run import -- --remove ID...   (DATABASE_URL: removes the articles from the shared database)
Turns articles into corpus files (corpus/<id>.md), or, with DATABASE_URL set, into the shared database
(--corpus DIR writes to a folder all the same). INPUT is one of:
  https://site/news/story   an article page
  https://site/feed.xml     an RSS or Atom feed: each item's page, or the item itself when it carries the story
  https://site/sitemap.xml  a sitemap or sitemap index (news sitemaps too)
  https://site/             a WordPress site (its REST API, /wp-json/wp/v2/posts, page by page)
  page.html / page.htm      a saved article page: metadata from its JSON-LD and <meta> tags, body by Readability
  export.jsonl[.gz]         a JSONL export, one article per line (validated like the corpus loader)
  article.md                a corpus article (front matter and paragraphs)
  folder/                   every corpus file in it (*.md, *.jsonl, *.jsonl.gz)
  scrape.txt                a raw text scrape of an article page (needs --publication)
A URL is recognised by what it serves. An id or canonical URL the corpus already holds is updated in
place, never duplicated. Each article's line says how many paragraphs were kept and blocks dropped;
--verbose lists the dropped blocks. --dry-run writes nothing. --publication is used when a page does
not name its publication; --id and --url take a single file. --remove takes article ids and removes
them from the database every replica serves (in a corpus folder, delete the article's file instead).`;

const OPTIONS = {
  publication: { type: "string" },
  id: { type: "string" },
  url: { type: "string" },
  corpus: { type: "string" },
  "dry-run": { type: "boolean", default: false },
  remove: { type: "boolean", default: false },
  verbose: { type: "boolean", short: "v", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** The command line, or one sentence about what is wrong with it (an unknown option, a missing value). */
function readArgs() {
  try {
    return parseArgs({ allowPositionals: true, options: OPTIONS });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const option = /'([^']+)'/.exec(message)?.[1]?.split(/[ ,]/)[0];
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) {
      return `Unknown option ${option}; run npm run import -- --help to see the options.`;
    }
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option) {
      return `Option ${option} needs a value; run npm run import -- --help to see the options.`;
    }
    return `${message.split("\n")[0]}; run npm run import -- --help to see the options.`;
  }
}

// A URL of a scheme the importer cannot fetch ("ftp://…", "file://…") is not a file name either.
const OTHER_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/** One sentence when an input can be neither fetched nor read, before anything is imported. */
async function inputProblem(input: string): Promise<string | undefined> {
  if (isHttpUrl(input)) return undefined;
  const scheme = OTHER_SCHEME.exec(input)?.[1];
  if (scheme) {
    return `${input}: ${scheme.toLowerCase()}: URLs are not supported; give an http:// or https:// URL, or a file.`;
  }
  try {
    const info = await stat(input);
    return info.isFile() || info.isDirectory()
      ? undefined
      : `${input} is not a file or folder; give an article page, export, scrape or corpus folder.`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT"
      ? `${input} does not exist; check the path (or give an http:// or https:// URL).`
      : `${input} cannot be read (${code ?? "error"}); check its permissions.`;
  }
}

/** A folder's corpus files, in name order; a file or URL as it is. */
async function expand(input: string): Promise<string[]> {
  if (isHttpUrl(input) || !(await stat(input)).isDirectory()) return [input];
  const names = (await readdir(input)).filter(isCorpusFile).sort();
  return names.map((name) => path.join(input, name));
}

/** The database of DATABASE_URL, migrated; its failure is one sentence naming DATABASE_URL (errors.ts). */
async function openDatabase(databaseUrl: string): Promise<Store> {
  const store = openStore({ databaseUrl, dataDir: "", logger: pino({ level: "silent" }) });
  await store.init();
  return store;
}

async function main(): Promise<number> {
  const args = readArgs();
  if (typeof args === "string") {
    console.error(args);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (values.remove) return removeArticles(positionals, values.corpus !== undefined);
  if ((values.id || values.url) && (positionals.length > 1 || positionals.some(isHttpUrl))) {
    console.error("--id and --url can only be given with a single FILE.");
    return 2;
  }
  // The loader's own rules, before anything is read or written.
  for (const [flag, value, schema] of [
    ["--id", values.id, articleMetaSchema.shape.id],
    ["--url", values.url, articleMetaSchema.shape.url],
  ] as const) {
    if (value === undefined) continue;
    const result = schema.safeParse(value);
    if (!result.success) {
      const { problem } = describeIssue(result.error, value);
      console.error(`${flag} ${JSON.stringify(value.slice(0, 80))} ${problem}; nothing was written.`);
      return 2;
    }
  }
  for (const input of positionals) {
    const problem = await inputProblem(input);
    if (problem) {
      console.error(`${problem} Nothing was imported.`);
      return 2;
    }
  }
  const config = values.corpus ? undefined : loadConfigFromEnvironment();
  const corpusDir = values.corpus ? path.resolve(values.corpus) : config!.corpusDir;
  const store = config?.databaseUrl ? await openDatabase(config.databaseUrl) : undefined;
  const show = (file: string) => (/^\w+:/.test(file) ? file : path.relative(process.cwd(), file) || file);
  const progress = createProgress({ unit: "articles" });
  const writer = await createCorpusWriter(store ? createDatabaseShelf(store.articles) : corpusDir, {
    dryRun: values["dry-run"],
    onUnreadable: (file, error) =>
      progress.log(`warning: ${show(file)} is not valid and was skipped (${(error as Error).message})`, true),
  });
  try {
    return await importAll(positionals, { values, writer, progress, show });
  } finally {
    await store?.stop();
  }
}

/** `--remove ID...`: the articles leave the database (and every replica's index); returns the exit code. */
async function removeArticles(ids: string[], corpusGiven: boolean): Promise<number> {
  const databaseUrl = corpusGiven ? undefined : loadConfigFromEnvironment().databaseUrl;
  if (!databaseUrl) {
    console.error(
      "--remove works on the shared database: set DATABASE_URL (in a corpus folder, delete the article's file).",
    );
    return 2;
  }
  const store = await openDatabase(databaseUrl);
  try {
    const { changed } = await store.articles.remove(ids, Date.now());
    const missing = ids.filter((id) => !changed.includes(id));
    console.log(
      `${changed.length} removed${missing.length ? `; not in the database: ${missing.join(", ")}` : ""}.`,
    );
    return missing.length ? 1 : 0;
  } finally {
    await store.stop();
  }
}

interface ImportRun {
  values: { publication?: string; id?: string; url?: string; "dry-run": boolean; verbose: boolean };
  writer: Awaited<ReturnType<typeof createCorpusWriter>>;
  progress: ReturnType<typeof createProgress>;
  show: (file: string) => string;
}

/** Imports every input in order; returns the exit code (1 when any article failed). */
async function importAll(inputs: string[], run: ImportRun): Promise<number> {
  const { values, writer, progress, show } = run;
  const dryRun = values["dry-run"];
  const verbose = values.verbose;
  const positionals = (await Promise.all(inputs.map(expand))).flat();
  const counts: Record<ImportOutcome, number> = { created: 0, updated: 0, unchanged: 0 };
  let failed = 0;
  let dropped = 0;
  let warnings = 0;
  // One write at a time: pages are fetched in parallel, the corpus folder is updated in order.
  let writing = Promise.resolve();
  const write = (article: Article, report: ImportReport | undefined, from: string) => {
    const next = writing.then(async () => {
      const result = await writer.write(article);
      counts[result.outcome]++;
      dropped += report?.dropped.length ?? 0;
      warnings += report?.warnings.length ?? 0;
      for (const line of importLines(result, report, from, { dryRun, verbose, show })) progress.log(line);
    });
    writing = next.catch(() => {});
    return next;
  };
  const fail = (error: unknown) => {
    failed++;
    progress.log(`error: ${error instanceof Error ? error.message : String(error)}`, true);
  };

  const get = createHttpGet({ fetch });
  const robots = createRobotsCheck({ get });
  for (const input of positionals) {
    try {
      if (isHttpUrl(input)) {
        await ingestSource(input, "auto", {
          get,
          robots,
          now: Date.now,
          state: emptyIngestState(),
          ...(values.publication ? { publication: values.publication } : {}),
          onTotal: (count) => progress.addTotal(count),
          onItem: async (item) => {
            if (item.type === "failed") fail(item.error);
            else if (item.type === "article") await write(item.article, item.report, item.url).catch(fail);
            progress.tick(item.type === "failed");
          },
        });
        continue;
      }
      progress.addTotal(1);
      const articles: ImportedArticle[] = await readImportFile(input, {
        publication: values.publication,
        id: values.id,
        url: values.url,
      });
      for (const { article, report } of articles) await write(article, report, show(input));
      progress.tick();
    } catch (error) {
      fail(error);
      progress.tick(true);
    }
  }
  await writing;
  progress.stop();
  const summary = `${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`;
  console.log(
    `${summary}${failed ? `, ${failed} failed` : ""}${dryRun ? " (dry run: nothing written)" : ""}.`,
  );
  if (dropped || warnings) {
    const parts = [
      `${dropped} block${dropped === 1 ? "" : "s"} dropped${verbose ? "" : " (--verbose lists them)"}`,
    ];
    if (warnings) parts.push(`${warnings} warning${warnings === 1 ? "" : "s"} above`);
    console.log(`${parts.join(", ")}.`);
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // One sentence, never a stack trace: the message of whatever went wrong.
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
