import { describe, expect, it } from "vitest";
import { buildExcerpt, type ExcerptQuery } from "../../src/answer/excerpt.js";
import { indexTerms } from "../../src/search/analyze.js";

/** An excerpt query for the given words, each its own group with idf 1. */
function query(words: string): ExcerptQuery {
  const termGroup = new Map<string, number>();
  for (const [g, term] of indexTerms(words).entries()) termGroup.set(term, g);
  return { termGroup, groupIdf: [...termGroup.values()].map(() => 1) };
}

const paragraph =
  "The footbridge closed in November. Engineers replaced both supports over the winter. " +
  "The bridge reopened to walkers on Friday, three weeks ahead of schedule. Shopkeepers were relieved.";

describe("buildExcerpt", () => {
  it("picks the sentence with the most question words and marks them", () => {
    const { excerpt } = buildExcerpt(paragraph, query("bridge reopen walkers"), 80);
    expect(excerpt).toBe("The **bridge reopened** to **walkers** on Friday, three weeks ahead of schedule.");
  });

  it("grows the best sentence with its neighbours while they fit", () => {
    const { excerpt } = buildExcerpt(paragraph, query("reopened"), 300);
    expect(excerpt.replace(/\*\*/g, "")).toBe(paragraph);
  });

  it("keeps the source verbatim apart from the marks", () => {
    const text = "Massimov’s arrest — and that of his deputies — “belied” the narrative.";
    const { excerpt, spans } = buildExcerpt(text, query("massimov deputies"), 300);
    expect(excerpt.replace(/\*\*/g, "")).toBe(text);
    expect(spans.map((s) => s.text).join("")).toBe(text);
    expect(spans.filter((s) => s.match).map((s) => s.text)).toEqual(["Massimov’s", "deputies"]);
  });

  it("trims a long sentence around its matches with … at word boundaries", () => {
    const long = `${"Lorem ipsum dolor sit amet ".repeat(20)}the treaty was signed in Vienna ${"and more words follow ".repeat(20)}end.`;
    const { excerpt, spans } = buildExcerpt(long, query("treaty Vienna"), 120);
    expect(excerpt.length).toBeLessThanOrEqual(120 + 8);
    expect(excerpt.startsWith("…")).toBe(true);
    expect(excerpt.endsWith("…")).toBe(true);
    expect(excerpt).toContain("**treaty**");
    expect(excerpt).toContain("**Vienna**");
    const plain = spans.map((s) => s.text).join("");
    expect(long).toContain(plain.slice(1, -1));
  });

  it("merges adjacent matched words into one mark", () => {
    const { excerpt } = buildExcerpt("Karim Massimov was sentenced.", query("karim massimov"), 300);
    expect(excerpt).toBe("**Karim Massimov** was sentenced.");
  });

  it("falls back to the opening sentence when nothing matches", () => {
    const { excerpt, spans } = buildExcerpt("First one. Second one.", query("absent"), 12);
    expect(excerpt).toBe("First one.");
    expect(spans.every((s) => !s.match)).toBe(true);
  });
});
