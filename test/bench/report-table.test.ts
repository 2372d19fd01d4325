import { describe, expect, it } from "vitest";
import { sizeNotes, sizeTable, WHOLE_ARCHIVE } from "../../scripts/bench/report-table.js";
import type { SizeResult } from "../../scripts/bench/result-types.js";

const latency = { count: 10, p50: 2, p99: 9, max: 12, mean: 3 };
const measured: SizeResult = {
  archiveArticles: WHOLE_ARCHIVE,
  articles: WHOLE_ARCHIVE + 206,
  paragraphs: 1_132_099,
  engine: {
    buildMs: 80_000,
    cacheBytes: 215 * 1024 * 1024,
    ready: {
      wallMs: 9_900,
      importedMs: 1_300,
      corpusLoadMs: 6_400,
      indexLoadMs: 1_800,
      firstAnswerMs: 75,
      readyMs: 9_600,
      found: true,
      source: "cache",
      heapUsed: 400 * 1024 * 1024,
      rss: 720 * 1024 * 1024,
      external: 0,
      arrayBuffers: 200 * 1024 * 1024,
    },
    latency: { all: latency, news: latency, archive: latency, squad: latency },
    latencyMedianOf3: latency,
    latencyOnReferenceQuestions: latency,
    recall: { answerable: 79, r1: 0.5, r3: 0.75, mrr: 0.6 },
  },
};

describe("bench report", () => {
  it("says plainly when the whole archive loads and answers", () => {
    const notes = sizeNotes([measured]).join("\n");
    expect(notes).toContain("the whole archive (1,132,099 paragraphs)");
    expect(notes).toContain("does not stop");
    expect(notes).toContain("600 MB heap + buffers");
  });

  it("says plainly when a size stopped, and marks its column", () => {
    const stopped: SizeResult = {
      archiveArticles: WHOLE_ARCHIVE,
      articles: 0,
      paragraphs: 0,
      stopped: "the bench process for this size ran out of memory",
    };
    expect(sizeNotes([stopped]).join("\n")).toContain(
      "STOPPED — the bench process for this size ran out of memory",
    );
    expect(sizeTable([stopped])).toContain("| paragraphs | stopped |");
  });

  it("puts the engine's figure and the reference's ratio side by side", () => {
    const withReference: SizeResult = {
      ...measured,
      reference: {
        buildMs: 160_000,
        heapBytes: 1,
        jsonBytes: 1,
        loadJsonMs: 1,
        questions: 10,
        latency: { all: latency, news: latency, archive: latency, squad: latency },
        recall: { answerable: 79, r1: 0.3, r3: 0.4, mrr: 0.35 },
      },
    };
    const table = sizeTable([withReference]);
    expect(table).toContain("| build (engine / MiniSearch) | 80.00 s / 160.00 s (0.50×) |");
    expect(table).toContain("| news R@1 / R@3 engine | 0.500 / 0.750 |");
  });
});
