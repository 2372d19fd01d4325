import type { ParagraphIndex } from "../index-store/index.js";
import { buildExcerpt, type ExcerptQuery } from "./excerpt.js";
import type { CitedParagraph } from "./types.js";

/**
 * A paragraph of the index as every answer cites it: the article's headline, publication, link and
 * dates, the paragraph (1-based) and its full text, and the excerpt with the question's words marked.
 * Passages and timeline lines add their own fields to it.
 */
export function citeParagraph(
  index: ParagraphIndex,
  article: number,
  paragraph: number,
  query: ExcerptQuery,
  maxExcerptChars: number,
): CitedParagraph {
  const { id, title, publication, url, published, corrected, paragraphs } = index.articles[article]!;
  const text = paragraphs[paragraph]!;
  const { excerpt, spans } = buildExcerpt(text, query, maxExcerptChars);
  return {
    articleId: id,
    articleTitle: title,
    publication,
    url: url ?? null,
    published: published ?? null,
    corrected: corrected ?? null,
    paragraph: paragraph + 1,
    text,
    excerpt,
    excerptSpans: spans,
  };
}

/** The correction's note, shown only beside a correction's date. */
export function correctionOf(index: ParagraphIndex, article: number): { correction?: string } {
  const { corrected, correction } = index.articles[article]!;
  return corrected && correction ? { correction } : {};
}
