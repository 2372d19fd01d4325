import { describe, expect, it } from "vitest";
import {
  type CorpusIssue,
  type IndexStatus,
  newestPublished,
  toHealth,
} from "../../src/runtime/index-status.js";
import { renderStatusText } from "../../src/runtime/render-status-text.js";

const status = (over: Partial<IndexStatus> = {}): IndexStatus => ({
  corpusDir: "corpus",
  articles: 206,
  paragraphs: 4512,
  builtAt: "2026-11-25T23:10:04.123Z",
  newestArticle: "2024-03-12",
  lastReloadAt: null,
  lastReloadOk: null,
  reloading: false,
  errors: [],
  ...over,
});

describe("renderStatusText", () => {
  it("states size, build time and newest article of a healthy index", () => {
    expect(renderStatusText(status())).toBe(
      [
        "Index: 206 articles, 4,512 paragraphs, built 25 Nov 2026, 23:10 UTC.",
        "Newest article: 12 Mar 2024.",
        "Corpus errors: none.",
      ].join("\n"),
    );
  });

  it("says that a failed reload left the previous index in service, and lists errors with file and line", () => {
    const text = renderStatusText(
      status({
        lastReloadAt: "2026-11-25T23:20:00.000Z",
        lastReloadOk: false,
        errors: [
          {
            code: "corpus_bad_json",
            file: "corpus/export.jsonl",
            line: 12,
            message: "line 12 is not valid JSON.",
          },
        ],
      }),
    );
    expect(text).toContain(
      "Last reload: 25 Nov 2026, 23:20 UTC — failed; still answering from the index built 25 Nov 2026, 23:10 UTC.",
    );
    expect(text).toContain("Corpus errors (1)");
    expect(text).toContain("• corpus/export.jsonl:12: line 12 is not valid JSON.");
  });

  it("does not repeat a location the message already starts with", () => {
    const message = 'corpus/a.md: field "title" must not be empty.';
    const text = renderStatusText(
      status({ errors: [{ code: "corpus_invalid_field", file: "corpus/a.md", message }] }),
    );
    expect(text).toContain(`\n• ${message}`);
    expect(text).not.toContain("corpus/a.md: corpus/a.md");
  });

  it("writes the newest article's timestamp as a date, as citations do", () => {
    const text = renderStatusText(status({ newestArticle: "2026-12-01T12:00:00Z" }));
    expect(text).toContain("Newest article: 1 Dec 2026.");
    expect(text).not.toContain("2026-12-01T12:00:00Z");
  });

  it("mentions a running rebuild and a corpus without dates", () => {
    const text = renderStatusText(
      status({ reloading: true, newestArticle: null, articles: 1, paragraphs: 1 }),
    );
    expect(text).toContain("Index: 1 article, 1 paragraph,");
    expect(text).toContain("Newest article: no article gives a publication date.");
    expect(text).toContain("Reloading:");
  });
});

describe("newestPublished and toHealth", () => {
  it("compares dates as instants and keeps the newest as written", () => {
    expect(
      newestPublished([
        { published: "2024-03-12" },
        {},
        { published: "2024-03-12T07:30:00Z" },
        { published: "2023-12-31" },
      ]),
    ).toBe("2024-03-12T07:30:00Z");
    expect(newestPublished([{}])).toBeNull();
  });

  it("lists files set aside without being degraded; is degraded when a reload failed", () => {
    expect(toHealth(status())).toMatchObject({ ok: true, state: "ok" });
    const errors: CorpusIssue[] = [
      { code: "corpus_invalid_field", file: "a.md", field: "title", message: "m" },
    ];
    const health = toHealth(status({ errors }));
    // No message in /healthz: a parser's message may quote article text.
    expect(health).toMatchObject({
      ok: true,
      state: "ok",
      errors: [{ code: "corpus_invalid_field", file: "a.md", field: "title" }],
    });
    expect(health.errors[0]).not.toHaveProperty("message");
    expect(health).not.toHaveProperty("corpusDir");
    const failed = toHealth(
      status({ errors, lastReloadAt: "2026-11-25T23:20:00.000Z", lastReloadOk: false }),
    );
    expect(failed).toMatchObject({ ok: true, state: "degraded" });
    expect(renderStatusText(status({ errors }))).toContain("Files set aside (1), the rest answered from");
  });
});

describe("the sources' status writes times as dates", () => {
  it("reads 25 Nov 2026, 23:10 UTC, never the ISO form", async () => {
    const { renderSourcesStatus } = await import("../../src/ingest/render-sources-status.js");
    const text = renderSourcesStatus([
      {
        name: "feed",
        kind: "auto",
        state: "ok",
        failures: 0,
        lastSuccessAt: "2026-11-25T23:10:04.123Z",
        nextPollAt: "2026-11-25T23:15:00.000Z",
      } as unknown as Parameters<typeof renderSourcesStatus>[0][number],
    ]);
    expect(text).toContain("25 Nov 2026, 23:10 UTC");
    expect(text).not.toMatch(/2026-11-25/);
  });
});
