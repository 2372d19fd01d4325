/**
 * Splits text into blocks at blank lines; each block is its non-empty lines, trimmed. Both corpus
 * files and raw page scrapes are shaped this way.
 */
export function splitBlocks(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((block) =>
      block
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line.length > 0),
    )
    .filter((lines) => lines.length > 0);
}

/**
 * Splits a Markdown body into paragraphs: blank lines separate paragraphs, and a paragraph's own
 * line breaks fold to single spaces (as Markdown renders them). Text is otherwise kept verbatim.
 */
export function splitParagraphs(body: string): string[] {
  return splitBlocks(body).map((lines) => lines.join(" "));
}
