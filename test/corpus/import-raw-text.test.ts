import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { importRawTextWithReport } from "../../src/corpus/import-raw-text.js";
import type { Article } from "../../src/corpus/types.js";

type RawTextOptions = Parameters<typeof importRawTextWithReport>[1];

/** The article alone: the report has tests of its own below. */
function importRawText(text: string, options: RawTextOptions): Article {
  return importRawTextWithReport(text, options).article;
}

import { parseMarkdownArticle } from "../../src/corpus/parse-markdown-article.js";
import { serializeArticle } from "../../src/corpus/serialize-article.js";
import { hasShared, seedFile } from "../support/paths.js";

// The seed lives in ../shared; a checkout without it skips these (collection must not read it either).
const seed = hasShared ? await readFile(seedFile, "utf8") : "";

describe.runIf(hasShared)("importRawText on the seed scrape", () => {
  const article = hasShared
    ? importRawText(seed, { publication: "The Diplomat", source: seedFile })
    : ({ paragraphs: [] } as unknown as Article);
  const rawLines = seed.split("\n").map((l) => l.trim());

  it("keeps the 13 body paragraphs exactly as scraped", () => {
    expect(article.paragraphs).toHaveLength(13);
    for (const paragraph of article.paragraphs) expect(rawLines).toContain(paragraph);
    expect(article.paragraphs[0]).toMatch(
      /^Karim Massimov, the former head of Kazakhstan’s National Security/,
    );
    expect(article.paragraphs[12]).toMatch(/^And so, even as Massimov’s trial ends/);
    // The article's own typo and curly punctuation survive.
    expect(article.paragraphs.join("\n")).toContain("Masismoiv’s case was classified");
    expect(article.paragraphs.join("\n")).toContain("“attempted coup.”");
  });

  it("turns the header into metadata and invents nothing", () => {
    expect(article.title).toBe(
      "Karim Massimov, Former Kazakh Intelligence Chief, Sentenced to 18 Years on Treason, Coup Charges",
    );
    // The page separates the labels with non-breaking spaces; they are kept as scraped.
    expect(article.section).toMatch(/^Crossroads Asia\s\|\sPolitics\s\|\sCentral Asia$/);
    expect(article.dek).toBe(
      "Massimov’s supporters say the case against him was politically motivated, an incident of clear scapegoating.",
    );
    expect(article.imageCredit).toBe("Wikimedia Commons");
    expect(article.url).toBeUndefined();
    expect(article.published).toBeUndefined();
    expect(article.byline).toBeUndefined();
  });

  it("drops navigation, repeated headlines and the promo footer", () => {
    const body = article.paragraphs.join("\n");
    expect(body).not.toContain("Recent Features");
    expect(body).not.toContain("Dreaming of a career");
    expect(body).not.toContain("Credit:");
    expect(article.paragraphs).not.toContain(article.title);
  });

  it("round-trips through the corpus file format unchanged", () => {
    const back = parseMarkdownArticle(serializeArticle(article), "seed.md");
    expect(back.paragraphs).toEqual(article.paragraphs);
    expect({ ...back, source: "" }).toEqual({ ...article, source: "" });
  });
});

describe("importRawText on other pages", () => {
  it("refuses a page with no repeated headline", () => {
    expect(() =>
      importRawText("Home\n\nJust one line of text here.\n", { publication: "P", source: "x.txt" }),
    ).toThrow(/no headline/);
  });

  it("refuses a page with a header but no body", () => {
    const page =
      "Menu\n\nA Headline That Repeats Itself\n\nA Headline That Repeats Itself\nCredit: AP\n\nSubscribe\n";
    expect(() => importRawText(page, { publication: "P", source: "y.txt" })).toThrow(/no article body/);
  });
});

describe("importRawText on a scrape with single line breaks", () => {
  const scrape = [
    "Home\nNews\nSport\nHarbour ferry returns to service after winter refit",
    [
      "Harbour ferry returns to service after winter refit",
      "Local | Transport",
      "The island link is back after three months in dry dock.",
      "By Jane Doe",
      "Photo credit: Harbour Gazette",
      "The harbour ferry returned to service on Monday morning after a three-month refit that cost the council £2.1m, restoring the only direct link to the island for 1,400 residents.",
      "Passengers queued from 6 a.m. for the first crossing, and the operator said all 14 sailings were full by noon.",
      "The refit replaced both engines and the passenger ramp, which failed twice last winter and left islanders stranded overnight.",
      "“We have our lifeline back.”",
      "Related stories",
      "Ferry fares to rise in April",
    ].join("\n"),
  ].join("\n\n");
  const { article, report } = importRawTextWithReport(scrape, { publication: "P", source: "s.txt" });

  it("keeps the lead paragraph and the closing quote", () => {
    expect(article.paragraphs).toHaveLength(4);
    expect(article.paragraphs[0]).toMatch(/^The harbour ferry returned to service on Monday/);
    expect(article.paragraphs.at(-1)).toBe("“We have our lifeline back.”");
  });

  it("turns header lines into metadata and reports every dropped line with its reason", () => {
    expect(article).toMatchObject({
      title: "Harbour ferry returns to service after winter refit",
      section: "Local | Transport",
      dek: "The island link is back after three months in dry dock.",
      byline: "Jane Doe",
      imageCredit: "Harbour Gazette",
    });
    expect(report.kept).toBe(4);
    expect(report.dropped.map((block) => block.reason)).toEqual([
      "before the body",
      "headline",
      "section → metadata",
      "standfirst → dek",
      "byline → metadata",
      "image credit → metadata",
      "after the body",
      "after the body",
    ]);
  });

  it("warns when prose is dropped after the body", () => {
    const withProse = `${scrape}\n\nThe council said a second vessel would be ordered next year to provide cover during future refits.`;
    const result = importRawTextWithReport(withProse, { publication: "P", source: "s.txt" });
    expect(result.report.warnings).toEqual([
      'dropped prose-like text (after the body): "The council said a second vessel would be …"',
    ]);
  });
});
