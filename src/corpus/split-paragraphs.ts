/**
 * Splits a Markdown body into paragraphs: blank lines separate paragraphs, and a paragraph's own
 * line breaks fold to single spaces (as Markdown renders them). Text is otherwise kept verbatim.
 */
export function splitParagraphs(body: string): string[] {
  return body
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((block) =>
      block
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line.length > 0)
        .join(" "),
    )
    .filter((paragraph) => paragraph.length > 0);
}
