import { mkdir, readdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { NewsdeskError } from "../errors.js";
import { corpusFileKind, isCorpusFile } from "./corpus-files.js";
import { displayText, quotedText } from "./display-text.js";
import { parseFrontMatter } from "./front-matter.js";
import { CORPUS_LIMITS, formatBytes } from "./limits.js";
import { parseMarkdownArticle } from "./parse-markdown-article.js";
import { readCorpusText } from "./read-corpus-file.js";
import { readJsonlArticles } from "./read-jsonl-articles.js";
import { serializeArticle } from "./serialize-article.js";
import { toMeta } from "./to-article.js";
import type { Article } from "./types.js";

export type ImportOutcome = "created" | "updated" | "unchanged";

export interface ImportResult {
  outcome: ImportOutcome;
  /** For "updated" with a readable previous version: what changed (see `describeChanges`). */
  changes?: string[];
  /** The corpus file that holds (or would hold) the article. */
  file: string;
  article: Article;
}

/** Where an id already lives: a corpus file, or another shelf's place for it. */
export interface Holder {
  file: string;
  /** Set for JSONL exports: the line of the article. */
  line?: number;
  /** The article as it is now, when it is readable. */
  article?: Article;
}

/**
 * Where a writer keeps articles: a corpus folder (here), or the shared database (the ingest layer's).
 * The writer's rules — ids per URL, other outlets' articles left alone, corrections kept, identical
 * content untouched — are the same for every shelf.
 */
export interface ArticleShelf {
  /** What holds `id` now. */
  holder(id: string): Promise<Holder | undefined>;
  /** The id of the article with canonical `url`. */
  idOfUrl(url: string): Promise<string | undefined>;
  /** Where a new article goes; throws when its id cannot name a place. */
  placeFor(article: Article): string;
  /** Writes an article the writer checked, at `place` (a new one, or its holder's). */
  put(article: Article, place: string): Promise<void>;
}

/** Who writes: the poller's source, whose articles must be on its sites. */
export interface WriteOwner {
  /** Origins (scheme://host:port) the writer's articles live on. */
  origins: readonly string[];
}

/** Options of `createCorpusWriter`. */
export interface CorpusWriterOptions {
  /** Report what would change without writing anything. Default false. */
  dryRun?: boolean;
  /** Told about corpus files that cannot be read (they are skipped). Default: ignored. */
  onUnreadable?: (file: string, error: unknown) => void;
}

/**
 * What an update changes, for people deciding whether to run it: front matter fields by name, then
 * paragraphs by number (¶n edited), and paragraphs added or removed at the end. Empty when identical.
 */
export function describeChanges(before: Article, after: Article): string[] {
  const changes: string[] = [];
  const a = toMeta(before) as Record<string, unknown>;
  const b = toMeta(after) as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (a[key] !== b[key]) changes.push(key);
  }
  const shared = Math.min(before.paragraphs.length, after.paragraphs.length);
  for (let i = 0; i < shared; i++)
    if (before.paragraphs[i] !== after.paragraphs[i]) changes.push(`¶${i + 1}`);
  const delta = after.paragraphs.length - before.paragraphs.length;
  if (delta > 0) changes.push(`${delta} paragraph${delta === 1 ? "" : "s"} added`);
  if (delta < 0) changes.push(`${-delta} paragraph${delta === -1 ? "" : "s"} removed`);
  return changes;
}

// An invalid file still claims its id if its front matter names one: writing a second file with that
// id would break the corpus with a duplicate the moment the bad file is fixed.
function claimedId(source: string): string | undefined {
  try {
    const id = (parseFrontMatter(source).data as { id?: unknown } | null)?.id;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Which file holds each id of a corpus folder. Tolerant: an import must work next to a broken file. */
async function scanCorpus(dir: string, onUnreadable: CorpusWriterOptions["onUnreadable"]) {
  const holders = new Map<string, Holder>();
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isCorpusFile).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return holders;
    throw error;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    if (corpusFileKind(name) === "markdown") {
      let source: string;
      try {
        source = await readCorpusText(file, CORPUS_LIMITS);
      } catch (error) {
        onUnreadable?.(file, error);
        continue;
      }
      try {
        const article = parseMarkdownArticle(source, file);
        holders.set(article.id, { file, article });
      } catch (error) {
        onUnreadable?.(file, error);
        const id = claimedId(source);
        if (id) holders.set(id, { file });
      }
      continue;
    }
    let line = 0;
    try {
      for await (const article of readJsonlArticles(file)) {
        line = Number(article.source.split(":").at(-1));
        holders.set(article.id, { file, line, article });
      }
    } catch (error) {
      onUnreadable?.(file, error);
    }
  }
  return holders;
}

/** Which id holds each canonical URL, so a story re-imported under another id updates its file. */
function idsByUrl(holders: Map<string, Holder>): Map<string, string> {
  const ids = new Map<string, string>();
  for (const [id, holder] of holders) if (holder.article?.url) ids.set(holder.article.url, id);
  return ids;
}

/** 8 hex digits of FNV-1a over a URL: tells apart two URLs whose paths slug alike. */
function urlTag(url: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < url.length; i++) hash = Math.imul(hash ^ url.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, "0");
}

/**
 * The id an incoming article is written under. Its URL already on the shelf: that article's id.
 * Its id held by another article (another URL, or none: an editor's own file): the id with a tag of
 * its URL, so two URLs never share an id and a page never replaces an article that is not its own.
 */
async function idFor(incoming: Article, shelf: Pick<ArticleShelf, "holder" | "idOfUrl">): Promise<string> {
  const sameUrl = incoming.url ? await shelf.idOfUrl(incoming.url) : undefined;
  if (sameUrl) return sameUrl;
  const holder = await shelf.holder(incoming.id);
  if (!holder || !incoming.url) return incoming.id;
  if (holder.article?.url === incoming.url) return incoming.id;
  return `${incoming.id.slice(0, 140)}-${urlTag(incoming.url)}`;
}

const SHOWN_FIELDS = [
  "title",
  "publication",
  "byline",
  "section",
  "dek",
  "imageCredit",
  "correction",
] as const;

/**
 * The article with control, direction and zero-width characters taken out of its titles and names
 * (displayText: they reach Slack's citations, the logs and the operator's terminal), and controls and
 * direction overrides out of its paragraphs (quotedText: marks and joiners are part of the text).
 */
function neutralised(article: Article): Article {
  const out: Article = { ...article, paragraphs: article.paragraphs.map(quotedText) };
  for (const field of SHOWN_FIELDS) {
    const value = out[field];
    if (value !== undefined)
      out[field] = displayText(value)
        .replace(/[\t\n\r]+/g, " ")
        .trim();
  }
  out.paragraphs = out.paragraphs.filter((paragraph) => paragraph.trim() !== "");
  return out;
}

/** Refuses an article whose URL is not on the owner's sites (`import_not_owner`). */
function checkOwner(article: Article, owner: WriteOwner | undefined): void {
  if (!owner) return;
  const origin = article.url ? new URL(article.url).origin : undefined;
  if (origin && owner.origins.includes(origin)) return;
  throw new NewsdeskError(
    "import_not_owner",
    `Article "${article.title.slice(0, 80)}" (${origin ?? "no URL"}) is not on the source's sites (${owner.origins.join(", ")}); it is not written.`,
  );
}

/**
 * A corpus folder as a shelf: new articles as `<id>.md`, an id the folder holds updated in the file
 * that holds it (whatever its name). The folder is scanned once; later writes of the run update it.
 */
export async function createFolderShelf(
  dir: string,
  options: CorpusWriterOptions = {},
): Promise<ArticleShelf> {
  const holders = await scanCorpus(dir, options.onUnreadable);
  const byUrl = idsByUrl(holders);
  return {
    holder: async (id) => holders.get(id),
    idOfUrl: async (url) => byUrl.get(url),
    placeFor(article) {
      const file = path.join(dir, `${article.id}.md`);
      // An id is a file name: no "../" may leave the folder.
      if (path.dirname(path.resolve(file)) !== path.resolve(dir)) {
        throw new NewsdeskError(
          "import_invalid_field",
          `Field "id" must be a slug of letters, digits, '.', '_' or '-' (got ${JSON.stringify(article.id.slice(0, 80))}).`,
        );
      }
      return file;
    },
    async put(article, file) {
      await mkdir(dir, { recursive: true });
      // Written aside, then renamed: the running bot's watcher never reads half a file.
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, serializeArticle(article));
      await rename(temporary, file);
    },
  };
}

/**
 * Writes imported articles onto a shelf (a corpus folder by default). An id the shelf already holds
 * is updated where it is held, never duplicated; identical content is left untouched. Corrections an
 * editor added (`corrected`, `correction`) survive a re-import that does not state its own.
 */
export async function createCorpusWriter(target: string | ArticleShelf, options: CorpusWriterOptions = {}) {
  const shelf = typeof target === "string" ? await createFolderShelf(target, options) : target;
  // What this writer wrote (or, in a dry run, would have): later inputs of the run see it.
  const written = new Map<string, Holder>();
  const writtenUrls = new Map<string, string>();
  const view = {
    holder: async (id: string) => written.get(id) ?? (await shelf.holder(id)),
    idOfUrl: async (url: string) => writtenUrls.get(url) ?? (await shelf.idOfUrl(url)),
  };

  return {
    async write(received: Article, owner?: WriteOwner): Promise<ImportResult> {
      const incoming = neutralised(received);
      checkOwner(incoming, owner);
      const imported = { ...incoming, id: await idFor(incoming, view) };
      const holder = await view.holder(imported.id);
      if (holder?.line !== undefined) {
        throw new NewsdeskError(
          "import_id_in_export",
          `Article id "${imported.id}" is held by the export ${holder.file} (line ${holder.line}); update that export instead, or remove the line first.`,
        );
      }
      const article = { ...imported };
      if (holder?.article && article.corrected === undefined && holder.article.corrected !== undefined) {
        article.corrected = holder.article.corrected;
        if (holder.article.correction !== undefined) article.correction = holder.article.correction;
      }
      const file = holder?.file ?? shelf.placeFor(article);
      // Checked as the loader will read it, before anything is written: a file the loader refuses
      // would stop the bot at its next start.
      const text = serializeArticle(article);
      parseMarkdownArticle(text, `Article "${article.title.slice(0, 80)}"`);
      // The loader's own limit on a file: a file it would refuse is never written.
      const bytes = Buffer.byteLength(text);
      if (bytes > CORPUS_LIMITS.maxFileBytes) {
        throw new NewsdeskError(
          "corpus_file_too_large",
          `Article "${article.title.slice(0, 80)}" would be a ${formatBytes(bytes)} file, over the corpus limit of ${formatBytes(CORPUS_LIMITS.maxFileBytes)}; it is not written.`,
        );
      }
      let outcome: ImportOutcome = holder ? "updated" : "created";
      const changes = holder?.article ? describeChanges(holder.article, article) : undefined;
      if (changes?.length === 0) outcome = "unchanged";
      if (outcome !== "unchanged" && !options.dryRun) await shelf.put(article, file);
      written.set(article.id, { file, article });
      if (article.url) writtenUrls.set(article.url, article.id);
      return outcome === "updated" && changes
        ? { outcome, file, article, changes }
        : { outcome, file, article };
    },
  };
}
