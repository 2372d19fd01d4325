/** The index a live index serves, and how a load's problems become status issues. */
import path from "node:path";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { ArchiveOverview, AskFn, Headline } from "../answer/index.js";
import { archiveOverview, createEngine } from "../answer/index.js";
import type { Article } from "../corpus/index.js";
import { loadCorpus } from "../corpus/index.js";
import { CorpusError, CorpusErrorList, isErrorCode } from "../errors.js";
import type { ParagraphIndex } from "../index-store/index.js";
import { type CorpusIssue, newestPublished } from "./index-status.js";
import type { LiveIndexOptions } from "./live-index-types.js";
import type { RuntimeLogger } from "./runtime-logger.js";
import { type OpenedIndex, openIndex } from "./start-index.js";

/** The index being served, with the figures status reports about it. */
export interface ServedIndex {
  ask: AskFn;
  /** What the archive holds (archive-overview.ts), made on first request from its headlines. */
  overview: () => ArchiveOverview;
  /** Files its load set aside (not served), as status lists them. */
  setAside: CorpusIssue[];
  /** The folder changed while the reload worker read it: another reload follows the swap. */
  changedMeanwhile?: boolean;
  /** The engine's index answering (absent with a custom build): the base a reload patches. */
  index?: ParagraphIndex;
  /** Made by patching the index before it (patch-reload.ts): articles read, and reused. */
  patched?: { analysed: number; reused: number };
  articles: number;
  paragraphs: number;
  newestArticle: string | null;
  builtAt: string;
}

export function toIssues(error: unknown, corpusDir: string): CorpusIssue[] {
  const reported = (error as { issues?: CorpusIssue[] }).issues;
  const issues = Array.isArray(reported)
    ? reported
    : error instanceof CorpusErrorList
      ? error.errors.map(toIssue)
      : [toIssue(error)];
  // Status and /healthz name files relative to the corpus folder: where the folder is stays private.
  const folder = path.resolve(corpusDir) + path.sep;
  const relative = (text: string) => text.split(folder).join("");
  return issues.map((issue) => ({ ...issue, file: relative(issue.file), message: relative(issue.message) }));
}

function toIssue(error: unknown): CorpusIssue {
  if (error instanceof CorpusError) {
    const issue: CorpusIssue = { code: error.code, file: error.file, message: error.message };
    if (error.line !== undefined) issue.line = error.line;
    if (error.field !== undefined) issue.field = error.field;
    return issue;
  }
  const code = (error as { code?: unknown }).code;
  return {
    code: isErrorCode(code) ? code : "reload_failed",
    file: "",
    message: error instanceof Error ? error.message : String(error),
  };
}

/** The overview of a served index, made once on first request; only headlines are kept for it. */
function lazyOverview(articles: readonly Article[], ask: () => AskFn): () => ArchiveOverview {
  const headlines: Headline[] = articles.map(({ title, publication, published }) => ({
    title,
    publication,
    ...(published ? { published } : {}),
  }));
  const made: { overview?: ArchiveOverview } = {};
  return () => {
    made.overview ??= archiveOverview(headlines, ask());
    return made.overview;
  };
}

export function toServedIndex(opened: OpenedIndex, logger: RuntimeLogger, corpusDir: string): ServedIndex {
  return servedOf(opened.index, opened.setAside, logger, corpusDir);
}

/** The engine over `index` (of its articles) and the figures status reports about it. */
export function servedOf(
  index: ParagraphIndex,
  setAside: readonly CorpusError[] | undefined,
  logger: RuntimeLogger,
  corpusDir: string,
): ServedIndex {
  const ask = createEngine(index, { log: logger }).ask;
  const articles = index.articles;
  return {
    ask,
    index,
    overview: lazyOverview(articles, () => ask),
    setAside: setAside ? toIssues(new CorpusErrorList([...setAside]), corpusDir) : [],
    articles: articles.length,
    paragraphs: index.docCount,
    newestArticle: newestPublished(articles),
    builtAt: new Date().toISOString(),
  };
}

export async function openServedIndex(
  options: LiveIndexOptions,
  logger: RuntimeLogger,
  start = false,
  writeSnapshot = true,
): Promise<ServedIndex & { opened?: OpenedIndex }> {
  if (options.build === undefined) {
    // The engine's own path: also writes the start-up snapshot; only a start may serve from it.
    const opened = await openIndex({ ...options, logger, useSnapshot: start, writeSnapshot });
    return { ...toServedIndex(opened, logger, options.corpusDir), opened };
  }
  const corpus = await loadCorpus(options.corpusDir, { setAside: true });
  // Let requests that arrived while files were read run before the (synchronous) index build.
  await yieldToEventLoop();
  const ask = await options.build(corpus, { cacheDir: options.cacheDir, logger });
  return {
    ask,
    overview: lazyOverview(corpus.articles, () => ask),
    setAside: corpus.setAside ? toIssues(new CorpusErrorList(corpus.setAside), options.corpusDir) : [],
    articles: corpus.articles.length,
    paragraphs: corpus.articles.reduce((sum, article) => sum + article.paragraphs.length, 0),
    newestArticle: newestPublished(corpus.articles),
    builtAt: new Date().toISOString(),
  };
}
