import type { Article } from "../../src/corpus/types.js";

/** `article(id, title, paragraphs)` for small in-memory corpora of one publication; each source is `${id}.md`. */
export function createArticleFactory(publication: string) {
  return (id: string, title: string, paragraphs: string[]): Article => ({
    id,
    title,
    publication,
    paragraphs,
    source: `${id}.md`,
  });
}
