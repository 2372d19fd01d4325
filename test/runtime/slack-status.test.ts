import { writeFile } from "node:fs/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLiveIndex, type LiveIndex } from "../../src/runtime/live-index.js";
import { renderStatusText } from "../../src/runtime/render-status-text.js";
import { tempDir } from "../support/paths.js";
import { type SlackAppHarness, startSlackAppHarness } from "../support/slack-app-harness.js";
import { commandFields } from "../support/slack-signer.js";
import { article, scratchCorpus } from "./corpus-scratch.js";

// The live index behind the real Slack app (HTTP mode, loopback stand-in): /healthz and /ask status.

let live: LiveIndex | undefined;
let h: SlackAppHarness | undefined;
afterEach(async () => {
  live?.close();
  await h?.stop();
});

describe("live index status over Slack", () => {
  it("serves the index's health on /healthz and its status on /ask status, bad edits included", async () => {
    const { dir, file } = await scratchCorpus([
      article("barrier", ["Councillors voted to build a flood barrier."], { published: "2024-03-12" }),
      article("ferry", ["The ferry timetable was cut for the summer."], { published: "2024-03-11" }),
    ]);
    const index = await createLiveIndex({ corpusDir: dir, cacheDir: await tempDir(), debounceMs: 20 });
    live = index;
    h = await startSlackAppHarness({
      ask: index.ask,
      health: index.health,
      status: () => renderStatusText(index.status()),
    });
    const harness = h;
    const health = async () =>
      (await (await fetch(`${harness.baseUrl}/healthz`)).json()) as Record<string, unknown>;

    expect(await health()).toMatchObject({
      ok: true,
      state: "ok",
      mode: "http",
      articles: 2,
      paragraphs: 2,
      newestArticle: "2024-03-12",
      errors: [],
    });
    const res = await harness.send.command(commandFields("status", harness.standIn.responseUrl()));
    const reply = res.json as { text: string };
    expect(reply.text).toContain("Index: 2 articles, 2 paragraphs");
    expect(reply.text).toContain("Newest article: 12 Mar 2024.");

    await writeFile(file("export.jsonl"), '{"id": "x", "title": "X"}\n');
    // Set aside and listed; the rest is served, so not degraded (issue 24, item 2).
    await vi.waitFor(async () => expect((await health()).errors).toHaveLength(1), {
      timeout: 20_000,
      interval: 20,
    });
    expect(await health()).toMatchObject({ state: "ok" });
    expect((await health()).errors).toEqual([
      { code: "corpus_invalid_field", file: "export.jsonl", line: 1, field: "publication" },
    ]);
    const after = await harness.send.command(commandFields("status", harness.standIn.responseUrl()));
    expect((after.json as { text: string }).text).toContain("export.jsonl:1");
  });
});
