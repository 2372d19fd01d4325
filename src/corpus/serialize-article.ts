import YAML from "yaml";
import { toMeta } from "./to-article.js";
import type { Article } from "./types.js";

/**
 * Writes an article as a corpus Markdown file: YAML front matter, then paragraphs separated by blank
 * lines. Paragraphs are single lines, so `splitParagraphs` reads back exactly the same text.
 */
export function serializeArticle(article: Article): string {
  // Quote every string: titles like "Yes: No" or dates must stay strings, verbatim.
  const front = YAML.stringify(toMeta(article), {
    defaultStringType: "QUOTE_DOUBLE",
    defaultKeyType: "PLAIN",
    lineWidth: 0,
  });
  return `---\n${front}---\n\n${article.paragraphs.join("\n\n")}\n`;
}

/** An article as one line of a JSONL export (no line break: JSON escapes them), read back by `parseJsonlLine`. */
export function serializeArticleLine(article: Article): string {
  return JSON.stringify({ ...toMeta(article), paragraphs: article.paragraphs });
}
