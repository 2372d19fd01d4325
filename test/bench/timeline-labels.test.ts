import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The hand labels that scripts/measure-timeline.ts --labels counts against: a malformed file would
// silently count an article as unread (off-story) instead of failing, so its shape is checked here.
const DIR = path.resolve(import.meta.dirname, "../fixtures/timeline-labels");

interface Story {
  story: string;
  words: string;
  about: string;
  on: string[];
  off: Record<string, string>;
}

describe.each(["news.json", "archive.json"])("timeline labels %s", (name) => {
  const file = JSON.parse(readFileSync(path.join(DIR, name), "utf8")) as { set: string; stories: Story[] };

  it("names its set and has stories of 1-3 words", () => {
    expect(["news", "archive"]).toContain(file.set);
    expect(file.stories.length).toBeGreaterThanOrEqual(6);
    for (const s of file.stories) {
      expect(s.words.trim()).not.toBe("");
      expect(s.words.trim().split(/\s+/).length).toBeLessThanOrEqual(3);
      expect(s.about.length).toBeGreaterThan(0);
    }
  });

  it("labels each candidate once, every off label with a one-line reason", () => {
    for (const s of file.stories) {
      const ids = [...s.on, ...Object.keys(s.off)];
      expect(new Set(ids).size, s.story).toBe(ids.length);
      expect(s.on.length, s.story).toBeGreaterThan(0);
      for (const reason of Object.values(s.off)) expect(reason).toMatch(/^[^\n]{5,120}$/);
    }
  });
});
