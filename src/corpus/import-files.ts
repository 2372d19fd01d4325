import { readFile } from "node:fs/promises";
import { NewsdeskError } from "../errors.js";
import { importHtmlPage } from "./import-html.js";
import { decodeHtml } from "./import-html-decode.js";
import { importRawTextWithReport } from "./import-raw-text.js";
import type { ImportReport } from "./import-report.js";
import { CORPUS_LIMITS } from "./limits.js";
import { parseMarkdownArticle } from "./parse-markdown-article.js";
import { readCorpusText } from "./read-corpus-file.js";
import { readJsonlArticles } from "./read-jsonl-articles.js";
import type { Article } from "./types.js";

/** What the command line knows beyond the files themselves. */
export interface ImportFileOptions {
  /** Publication for raw text scrapes (required there) and for pages that do not name theirs. */
  publication?: string;
  /** Article id (single-article inputs only). */
  id?: string;
  /** Canonical URL (single-article inputs only). */
  url?: string;
}

/** An article read from an input, with what the importer kept and dropped (none for JSONL exports). */
export interface ImportedArticle {
  article: Article;
  report?: ImportReport;
}

/** The kind of input a file is, by its name. */
function importKind(file: string): "html" | "jsonl" | "markdown" | "text" {
  if (/\.x?html?$/i.test(file)) return "html";
  if (/\.md$/i.test(file)) return "markdown";
  if (/\.jsonl(?:\.gz)?$/i.test(file)) return "jsonl";
  return "text";
}

/**
 * Reads one input of `npm run import` into articles: a saved web page (`.html`, `.htm`), a JSONL
 * export (`.jsonl`, `.jsonl.gz`, validated line by line like the corpus loader), a corpus article
 * (`.md` with front matter, validated like the loader), or a raw text scrape (anything else).
 */
export async function readImportFile(file: string, options: ImportFileOptions): Promise<ImportedArticle[]> {
  switch (importKind(file)) {
    case "html": {
      const page = decodeHtml(await readFile(file));
      return [importHtmlPage(page.text, { ...options, source: file })];
    }
    case "jsonl": {
      const articles: ImportedArticle[] = [];
      for await (const article of readJsonlArticles(file)) articles.push({ article });
      return articles;
    }
    case "markdown":
      return [{ article: parseMarkdownArticle(await readCorpusText(file, CORPUS_LIMITS), file) }];
    case "text": {
      if (!options.publication) {
        throw new NewsdeskError(
          "import_publication_required",
          `${file}: --publication is required for a raw text scrape, which does not reliably name its publication.`,
        );
      }
      return [
        importRawTextWithReport(await readFile(file, "utf8"), {
          ...options,
          publication: options.publication,
          source: file,
        }),
      ];
    }
  }
}
