import type { ArticleMeta } from "./article-schema.js";
import type { Article } from "./types.js";

type OptionalKey = Exclude<keyof ArticleMeta, "id" | "title" | "publication">;

// Optional fields: the file's (snake_case) name → the Article's. One table serves both directions,
// so a new field cannot be read but forgotten when written back.
const OPTIONAL_FIELDS: ReadonlyArray<readonly [OptionalKey, keyof Article]> = [
  ["url", "url"],
  ["published", "published"],
  ["byline", "byline"],
  ["section", "section"],
  ["dek", "dek"],
  ["image_credit", "imageCredit"],
  ["corrected", "corrected"],
  ["correction", "correction"],
];

/** Maps validated file metadata (snake_case) and paragraphs to an Article, dropping absent fields. */
export function toArticle(meta: ArticleMeta, paragraphs: string[], source: string): Article {
  const article: Article = {
    id: meta.id,
    title: meta.title.trim(),
    publication: meta.publication.trim(),
    paragraphs,
    source,
  };
  const target = article as unknown as Record<string, unknown>;
  for (const [from, to] of OPTIONAL_FIELDS) if (meta[from] !== undefined) target[to] = meta[from];
  return article;
}

/** The inverse of `toArticle`: the metadata as written to a corpus file. */
export function toMeta(article: Article): ArticleMeta {
  const meta: ArticleMeta = { id: article.id, title: article.title, publication: article.publication };
  const target = meta as Record<string, unknown>;
  for (const [to, from] of OPTIONAL_FIELDS) if (article[from] !== undefined) target[to] = article[from];
  return meta;
}
