/**
 * Which files of a corpus folder hold articles — the one rule the loader, the start-up snapshot's stat
 * key, the watcher and the importer all follow, so none of them sees a file the others ignore.
 */

/** How a corpus file is read: Markdown with front matter, or a JSONL export (gzipped or not). */
export type CorpusFileKind = "markdown" | "jsonl";

// README-like files in a corpus folder are documentation, not articles.
const IGNORED = new Set(["README.md", "readme.md"]);

/** The article-holding file patterns, for messages. */
export const CORPUS_FILE_PATTERNS = "*.md, *.jsonl, *.jsonl.gz";

/** How the file named `name` (a base name) is read, or undefined when it holds no articles. */
export function corpusFileKind(name: string): CorpusFileKind | undefined {
  if (IGNORED.has(name)) return undefined;
  if (name.endsWith(".md")) return "markdown";
  if (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz")) return "jsonl";
  return undefined;
}

/** Whether the file named `name` (a base name) holds articles. */
export function isCorpusFile(name: string): boolean {
  return corpusFileKind(name) !== undefined;
}

/**
 * A file that says its folder may hold no articles: the mirror of the shared database keeps it, since a
 * replica starting on an empty database must start (and answer "not found") rather than fail.
 */
export const EMPTY_ALLOWED_MARKER = ".articles-mirror";
