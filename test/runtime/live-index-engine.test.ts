import { rm, writeFile } from "node:fs/promises";
import { setImmediate } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { renderAnswerText } from "../../src/answer/render-text.js";
import type { Answer } from "../../src/answer/types.js";
import { createLiveIndex, type LiveIndex } from "../../src/runtime/live-index.js";
import { renderAnswer } from "../../src/slack/answer-blocks.js";
import { tempDir } from "../support/paths.js";
import { article, barrier, ferry, scratchCorpus } from "./corpus-scratch.js";

// The same live index over the real engine (loadOrBuildIndex + createEngine, with its cache).

const open: LiveIndex[] = [];
afterEach(() => {
  for (const live of open.splice(0)) live.close();
});

const library = article("library", [
  "The Carnegie library reopened on Saturday after two years of roof repairs.",
]);

const top = (answer: Answer) => answer.passages[0]?.text;

describe("createLiveIndex over the engine", () => {
  it("answers through rebuilds without a failure and switches to the new text at the swap", async () => {
    const { dir, put } = await scratchCorpus([barrier, ferry, library]);
    const messages: string[] = [];
    const note = (_fields: object, message: string) => {
      messages.push(message);
    };
    const logger = { info: note, warn: note, error: note };
    // The full build's path: a few articles changed would be patched in (patch-reload.test.ts).
    const live = await createLiveIndex({
      corpusDir: dir,
      cacheDir: await tempDir(),
      watch: false,
      logger,
      patchReloads: false,
    });
    open.push(live);
    const question = "How much will the flood barrier gates cost?";
    expect(top(live.ask(question))).toBe(barrier.paragraphs[1]);

    const edited = "The steel gates of the barrier will now cost 52 million pounds after a redesign.";
    const seen: (string | undefined)[] = [];
    const failures: unknown[] = [];
    let asking = true;
    const asker = (async () => {
      while (asking) {
        try {
          seen.push(top(live.ask(question)));
        } catch (error) {
          failures.push(error);
        }
        await setImmediate();
      }
    })();
    await put({ ...barrier, paragraphs: [barrier.paragraphs[0]!, edited] });
    await live.reload();
    for (let i = 0; i < 3; i++) await setImmediate();
    asking = false;
    await asker;

    // The rebuild ran in the worker; this thread only loaded the cache it wrote.
    expect(messages.filter((m) => /Index (built|loaded)/.test(m))).toEqual([
      expect.stringMatching(/^Index built/),
      expect.stringMatching(/^Index loaded from cache/),
    ]);
    expect(failures).toEqual([]);
    expect(seen.length).toBeGreaterThan(1);
    const firstNew = seen.indexOf(edited);
    expect(firstNew).toBeGreaterThan(0);
    expect(seen.slice(0, firstNew).every((text) => text === barrier.paragraphs[1])).toBe(true);
    expect(seen.slice(firstNew).every((text) => text === edited)).toBe(true);
    expect(live.status()).toMatchObject({ articles: 3, paragraphs: 5, lastReloadOk: true });
  });

  it("stops citing a removed article, and an article whose file is set aside by a bad edit", async () => {
    const { dir, file } = await scratchCorpus([barrier, ferry, library]);
    const live = await createLiveIndex({ corpusDir: dir, cacheDir: await tempDir(), watch: false });
    open.push(live);
    const question = "Why is the island ferry timetable cut?";
    expect(live.ask(question).passages[0]?.articleId).toBe("ferry");

    await writeFile(file("ferry.md"), "---\nid: ferry\ntitle: [unclosed\n---\n\nText.\n");
    await live.reload();
    expect(live.status().errors[0]).toMatchObject({ code: "corpus_bad_yaml", file: "ferry.md" });
    // The bad file is set aside, the rest served fresh (issue 24, item 2).
    expect(live.status()).toMatchObject({ articles: 2, lastReloadOk: true });
    expect(live.ask(question).passages.map((p) => p.articleId)).not.toContain("ferry");

    await rm(file("ferry.md"));
    await live.reload();
    expect(live.status()).toMatchObject({ articles: 2, errors: [] });
    expect(live.ask(question).passages.map((p) => p.articleId)).not.toContain("ferry");
  });

  it("cites a corrected article with its correction date, in the shell and in Slack", async () => {
    const corrected = article(
      "library",
      ["The Carnegie library reopened on Saturday after two years of roof repairs."],
      { corrected: "2024-04-02", correction: "An earlier version gave the wrong reopening day." },
    );
    const { dir } = await scratchCorpus([barrier, ferry, corrected]);
    const live = await createLiveIndex({ corpusDir: dir, cacheDir: await tempDir(), watch: false });
    open.push(live);
    const answer = live.ask("When did the Carnegie library reopen?");
    expect(answer.passages[0]).toMatchObject({ articleId: "library", corrected: "2024-04-02" });
    expect(renderAnswerText(answer)).toContain("Corrected 2 Apr 2024");
    expect(renderAnswer(answer).text).toContain("Corrected 2 Apr 2024");
    // An uncorrected article carries no correction.
    expect(live.ask("How much will the flood barrier gates cost?").passages[0]?.corrected).toBeNull();
  });
});
