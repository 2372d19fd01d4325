import type { ArticleMeta } from "./article-schema.js";
import type { Article } from "./types.js";

/** Maps validated file metadata (snake_case) and paragraphs to an Article, dropping absent fields. */
export function toArticle(meta: ArticleMeta, paragraphs: string[], source: string): Article {
  const article: Article = {
    id: meta.id,
    title: meta.title.trim(),
    publication: meta.publication.trim(),
    paragraphs,
    source,
  };
  if (meta.url !== undefined) article.url = meta.url;
  if (meta.published !== undefined) article.published = meta.published;
  if (meta.byline !== undefined) article.byline = meta.byline;
  if (meta.section !== undefined) article.section = meta.section;
  if (meta.dek !== undefined) article.dek = meta.dek;
  if (meta.image_credit !== undefined) article.imageCredit = meta.image_credit;
  if (meta.corrected !== undefined) article.corrected = meta.corrected;
  if (meta.correction !== undefined) article.correction = meta.correction;
  return article;
}

/** The inverse of `toArticle`: the metadata as written to a corpus file. */
export function toMeta(article: Article): ArticleMeta {
  const meta: ArticleMeta = { id: article.id, title: article.title, publication: article.publication };
  if (article.url !== undefined) meta.url = article.url;
  if (article.published !== undefined) meta.published = article.published;
  if (article.byline !== undefined) meta.byline = article.byline;
  if (article.section !== undefined) meta.section = article.section;
  if (article.dek !== undefined) meta.dek = article.dek;
  if (article.imageCredit !== undefined) meta.image_credit = article.imageCredit;
  if (article.corrected !== undefined) meta.corrected = article.corrected;
  if (article.correction !== undefined) meta.correction = article.correction;
  return meta;
}
