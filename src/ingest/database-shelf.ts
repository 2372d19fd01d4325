import {
  type Article,
  type ArticleShelf,
  createCorpusWriter,
  type Holder,
  loadCorpus,
  parseJsonlLine,
  serializeArticleLine,
} from "../corpus/index.js";
import type { ArticlesStore } from "../store/index.js";

/** How an article of the database is named in import lines and logs (it has no file). */
export const databasePlace = (id: string) => `database:${id}`;

/**
 * The shared database as the writer's shelf (DATABASE_URL): an article is one row, its document the
 * corpus's JSONL line, so every replica's mirror reads it back as a corpus file would be read.
 */
export function createDatabaseShelf(articles: ArticlesStore, now: () => number = Date.now): ArticleShelf {
  return {
    async holder(id) {
      const row = await articles.get(id);
      if (!row) return undefined;
      const holder: Holder = { file: databasePlace(id) };
      try {
        holder.article = parseJsonlLine(row.document, holder.file, 1);
      } catch {
        // A row no reader accepts still holds its id; the import replaces it.
      }
      return holder;
    },
    idOfUrl: (url) => articles.idOfUrl(url),
    placeFor: (article) => databasePlace(article.id),
    async put(article: Article) {
      // As a reader will see it (whitespace folded), so the same import again is the same document.
      const document = serializeArticleLine(
        parseJsonlLine(serializeArticleLine(article), databasePlace(article.id), 1),
      );
      await articles.upsert(
        [{ id: article.id, ...(article.url ? { url: article.url } : {}), document }],
        now(),
      );
    },
  };
}

/**
 * Imports a corpus folder into the database (CORPUS_DIR beside DATABASE_URL, at start) through the
 * writer's rules: an article already there unchanged is left alone, so every start may do it. Files
 * the loader sets aside are skipped and counted.
 */
export async function importFolderIntoDatabase(
  corpusDir: string,
  articles: ArticlesStore,
): Promise<{ created: number; updated: number; unchanged: number; failed: number; setAside: number }> {
  const corpus = await loadCorpus(corpusDir, { setAside: true });
  const writer = await createCorpusWriter(createDatabaseShelf(articles));
  const counts = { created: 0, updated: 0, unchanged: 0, failed: 0, setAside: corpus.setAsideCount ?? 0 };
  for (const article of corpus.articles) {
    try {
      counts[(await writer.write(article)).outcome]++;
    } catch {
      counts.failed++;
    }
  }
  return counts;
}
