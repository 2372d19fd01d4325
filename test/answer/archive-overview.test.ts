import { describe, expect, it } from "vitest";
import { archiveOverview, topStories } from "../../src/answer/archive-overview.js";
import type { AskFn } from "../../src/answer/types.js";

const article = (title: string, published?: string, publication = "Bayside Courier") => ({
  title,
  publication,
  ...(published ? { published } : {}),
});

describe("the archive overview", () => {
  it("the most-covered recent story comes first, named as its newest headline writes it", () => {
    const articles = [
      article("Council approves Harbour Ferry budget", "2025-06-01"),
      article("Why the Harbour Ferry stopped running", "2025-06-05"),
      article("Harbour Ferry returns next week", "2025-06-09"),
      article("School board names Priya Nair superintendent", "2025-06-08"),
      article("Jazz festival returns", "2025-06-02"),
      ...["Rain floods basements", "Library opens Sundays", "Bridge repairs finish", "Bakery wins prize"].map(
        (t) => article(t, "2025-06-03"),
      ),
      ...["Tide tables printed", "Marathon route changes", "Zoo welcomes otters", "Museum extends hours"].map(
        (t) => article(t, "2025-06-04"),
      ),
      // Old news: outside the newest weeks, however often it was covered.
      ...Array.from({ length: 60 }, (_, i) => article(`Lighthouse Keepers meet again ${i}`, "2019-01-01")),
    ];
    const stories = topStories(articles);
    expect(stories[0]).toBe("Harbour Ferry");
    // A name from one headline before other words of one headline.
    expect(stories).toContain("Priya Nair");
    expect(stories.join(" ")).not.toMatch(/Lighthouse/);
  });

  it("publication names are no story; counts, the largest publications and the newest article", () => {
    const articles = [
      article("CNN poll: voters split", "2024-01-01", "CNN"),
      article("CNN poll shows Iran protests grow", "2024-01-03", "CNN"),
      article("Iran protests enter week three", "2024-01-02", "Reuters"),
    ];
    const overview = archiveOverview(articles);
    expect(overview.articles).toBe(3);
    expect(overview.publicationCount).toBe(2);
    expect(overview.publications).toEqual(["CNN", "Reuters"]);
    expect(overview.newest).toEqual({
      title: "CNN poll shows Iran protests grow",
      publication: "CNN",
      published: "2024-01-03",
    });
    expect(overview.stories[0]).toBe("Iran protests");
    expect(overview.stories.join(" ")).not.toMatch(/CNN/);
  });

  it("keeps as examples only the questions the archive finds passages for", () => {
    const articles = [
      article("Harbour Ferry returns", "2025-06-09"),
      article("Harbour Ferry sold", "2025-06-08"),
      article("Board names Priya Nair", "2025-06-07"),
    ];
    const ask: AskFn = (question) => ({
      question,
      found: !question.includes("Priya"),
      passages: [],
      hasMore: false,
    });
    const overview = archiveOverview(articles, ask);
    expect(overview.stories).toContain("Priya Nair");
    expect(overview.examples).toContain("What's the latest on Harbour Ferry?");
    expect(overview.examples.join(" ")).not.toContain("Priya");
  });

  it("an undated archive has no newest article and still has stories", () => {
    const overview = archiveOverview([article("Harbour Ferry returns"), article("Harbour Ferry sold")]);
    expect(overview.newest).toBeNull();
    expect(overview.stories[0]).toBe("Harbour Ferry");
  });
});
