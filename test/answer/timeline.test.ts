/**
 * Story timelines (issue 22, item 4): the articles that cover a story strongly, oldest first, one line
 * each with its best passage; same-outlet same-day updates folded; undated articles apart at the end;
 * 15 a page with More; a word in every article names no story.
 */
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { renderAnswerText } from "../../src/answer/render-text.js";
import { storyTimeline, TIMELINE_PAGE } from "../../src/answer/timeline.js";
import type { Article } from "../../src/corpus/types.js";
import { buildIndex } from "../../src/search/build-index.js";

function article(id: string, over: Partial<Article> & { paragraphs: string[] }): Article {
  return { id, title: `Story ${id}`, publication: "Harbour Times", source: `${id}.md`, ...over };
}

// The Kestrel inquiry told over a year, with filler about other things, a passing mention and an
// undated explainer. Every article is from "Harbour" something: "harbour" names no story.
const TRIAL = [
  "Councillor Amira Kestrel faced the inquiry panel on Monday over the harbour contract.",
  "The Kestrel inquiry heard from three witnesses about the tender for the harbour contract.",
  "Kestrel denied any wrongdoing and said the harbour contract was awarded fairly.",
];
const articles: Article[] = [
  article("kestrel-opens", {
    title: "Kestrel inquiry opens",
    published: "2024-02-01",
    paragraphs: [TRIAL[0]!, TRIAL[1]!, "Harbour traffic was normal on the day."],
  }),
  article("kestrel-verdict", {
    title: "Kestrel inquiry finds no wrongdoing",
    published: "2024-11-20",
    paragraphs: [
      "The Kestrel inquiry found no wrongdoing by councillor Kestrel in the harbour contract.",
      TRIAL[2]!,
    ],
  }),
  article("kestrel-witness", {
    title: "Witnesses at the Kestrel inquiry",
    published: "2024-05-10",
    paragraphs: [TRIAL[1]!, "A harbour engineer told the Kestrel inquiry the tender was rushed."],
  }),
  // An update of the same story, same outlet, same day as the witness story: folded into its line.
  article("kestrel-witness-update", {
    title: "Witnesses at the Kestrel inquiry (updated)",
    published: "2024-05-10T18:00:00Z",
    paragraphs: [TRIAL[1]!, "Kestrel's lawyer questioned the harbour engineer at the inquiry."],
  }),
  // The same day from another outlet: a line of its own.
  article("kestrel-witness-gazette", {
    title: "Kestrel inquiry hears engineer",
    publication: "Harbour Gazette",
    published: "2024-05-10",
    paragraphs: ["The Kestrel inquiry heard a harbour engineer on Friday.", TRIAL[2]!],
  }),
  article("kestrel-explainer", {
    title: "Who is Amira Kestrel?",
    paragraphs: [
      "Amira Kestrel has sat on the harbour council since 2015; the Kestrel inquiry is her first.",
      TRIAL[0]!,
    ],
  }),
  // Off-story: names Kestrel once, in passing, in a long piece about something else.
  article("ferry-fares", {
    title: "Ferry fares rise",
    published: "2024-06-01",
    paragraphs: [
      "Ferry fares across the harbour rise by ten percent in July.",
      "Commuters said the harbour ferry was already the most expensive in the region.",
      "The ferry operator blamed fuel costs and new harbour fees.",
      "Passengers can buy season tickets at the harbour office until June.",
      "Separately, the council postponed a vote while the Kestrel inquiry continues.",
      "The harbour ferry timetable is unchanged for the summer.",
    ],
  }),
  ...Array.from({ length: 12 }, (_, i) =>
    article(`filler-${i}`, {
      published: `2024-${String(i + 1).padStart(2, "0")}-15`,
      paragraphs: [`The harbour market sold fish and bread on day ${i}.`, "Harbour weather was mild."],
    }),
  ),
];
const index = buildIndex({ articles });
const ask = createEngine(index).ask;

describe("storyTimeline", () => {
  it("lists the story's articles oldest first, one line each, with the best passage; undated at the end", () => {
    const answer = ask("Kestrel inquiry", { timeline: true });
    expect(answer.found).toBe(true);
    expect(answer.passages).toEqual([]);
    const ids = answer.timeline!.entries.map((e) => e.articleId);
    expect(ids).toEqual([
      "kestrel-opens",
      expect.stringMatching(/^kestrel-witness/),
      expect.stringMatching(/^kestrel-witness/),
      "kestrel-verdict",
      "kestrel-explainer",
    ]);
    expect(answer.timeline!.undated).toBe(1);
    expect(answer.timeline!.total).toBe(5);
    const first = answer.timeline!.entries[0]!;
    expect(first).toMatchObject({ published: "2024-02-01", publication: "Harbour Times" });
    expect(first.text).toContain("Kestrel inquiry");
    expect(first.excerptSpans.some((s) => s.match && /Kestrel/.test(s.text))).toBe(true);
  });

  it("folds the same outlet's same-day updates into one line, and keeps another outlet's", () => {
    const entries = ask("Kestrel inquiry", { timeline: true }).timeline!.entries;
    const may = entries.filter((e) => e.published?.startsWith("2024-05-10"));
    expect(may.map((e) => e.publication).sort()).toEqual(["Harbour Gazette", "Harbour Times"]);
    expect(may.find((e) => e.publication === "Harbour Times")!.updates).toBe(1);
    expect(may.find((e) => e.publication === "Harbour Gazette")!.updates).toBe(0);
  });

  it("leaves out an article that names the story only in passing", () => {
    const ids = ask("Kestrel inquiry", { timeline: true }).timeline!.entries.map((e) => e.articleId);
    expect(ids).not.toContain("ferry-fares");
    // The control: the ordinary answer does find the passing mention among its passages.
    const all = ask("Kestrel inquiry", { limit: 20 }).passages.map((p) => p.articleId);
    expect(all).toContain("ferry-fares");
  });

  it("a word in every article names no story: one sentence, no lines", () => {
    const answer = ask("harbour", { timeline: true });
    expect(answer.found).toBe(false);
    expect(answer.timeline!.noStory).toBe(true);
    expect(answer.hint).toMatch(/^Those words are in \d+% of the articles, so they name no one story/);
    expect(renderAnswerText(answer)).toContain("No one story.");
  });

  it("applies the day of asking and filters, and reads a bad filter as one", () => {
    const asked = ask("Kestrel inquiry", { timeline: true, asked: "2024-06-01" });
    const ids = asked.timeline!.entries.map((e) => e.articleId);
    expect(ids).not.toContain("kestrel-verdict");
    expect(ids).toContain("kestrel-opens");
    const from = ask("Kestrel inquiry from:gazette", { timeline: true });
    expect(from.timeline!.entries.map((e) => e.articleId)).toEqual(["kestrel-witness-gazette"]);
    const bad = ask("Kestrel after:2024 before:2020", { timeline: true });
    expect(bad.badFilter).toBe(true);
    expect(bad.hint).toContain("That date range is empty");
  });

  it("pages 15 lines at a time with hasMore, undated lines last", () => {
    const many: Article[] = Array.from({ length: 20 }, (_, i) =>
      article(`osprey-${i}`, {
        published: `2023-${String((i % 12) + 1).padStart(2, "0")}-${String(i + 1).padStart(2, "0")}`,
        publication: `Outlet ${i}`,
        paragraphs: [`The Osprey bridge closure entered day ${i}.`, "The Osprey bridge stays shut."],
      }),
    );
    const undated = article("osprey-history", {
      paragraphs: ["The Osprey bridge opened in 1960.", "The Osprey bridge was last shut in 1999."],
    });
    const small = buildIndex({
      articles: [...many, undated, ...articles],
    });
    const first = storyTimeline(small, "Osprey bridge");
    expect(first.timeline!.entries).toHaveLength(TIMELINE_PAGE);
    expect(first.hasMore).toBe(true);
    const days = first.timeline!.entries.map((e) => e.published!);
    expect([...days].sort()).toEqual(days);
    const second = storyTimeline(small, "Osprey bridge", { offset: TIMELINE_PAGE });
    expect(second.timeline!.offset).toBe(TIMELINE_PAGE);
    expect(second.hasMore).toBe(false);
    expect(second.timeline!.entries.at(-1)!.articleId).toBe("osprey-history");
    const seen = [...first.timeline!.entries, ...second.timeline!.entries].map((e) => e.articleId);
    expect(new Set(seen).size).toBe(21);
    expect(seen.some((id) => id.startsWith("kestrel"))).toBe(false);
  });

  it("words no article uses get the usual hint; the text renderer shows dates and links", () => {
    const none = ask("zeppelin quokka", { timeline: true });
    expect(none.found).toBe(false);
    expect(none.hint).toContain("never use");
    const text = renderAnswerText(ask("Kestrel inquiry", { timeline: true }));
    expect(text).toContain("Timeline: Kestrel inquiry");
    expect(text).toContain("5 articles cover it, oldest first; 1 without a date at the end (1–5 of 5):");
    expect(text).toContain("1 Feb 2024 · Kestrel inquiry opens · Harbour Times · ¶");
    expect(text).toContain("+1 update that day");
    expect(text).toContain("Without a date:");
  });
});
