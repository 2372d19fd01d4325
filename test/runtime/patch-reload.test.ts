import { rm, writeFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createLiveIndex, type LiveIndex } from "../../src/runtime/live-index.js";
import { tempDir } from "../support/paths.js";
import { article, barrier, ferry, scratchCorpus } from "./corpus-scratch.js";

// Reloads of a few changed articles patch the served index (src/runtime/patch-reload.ts): the answers
// after one must be those of a live index started afresh on the same folder, and the patch must be
// what ran (its log line), not a full build.

const open: LiveIndex[] = [];
afterEach(() => {
  for (const live of open.splice(0)) live.close();
});

const library = article("library", [
  "The Carnegie library reopened on Saturday after two years of roof repairs.",
]);
const fire = article("fire", [
  "A fire destroyed the old net loft on the quay early on Tuesday; nobody was hurt.",
  "Firefighters from three stations fought the blaze for four hours before dawn.",
]);

const QUESTIONS = [
  "How much will the flood barrier gates cost?",
  "Why is the island ferry timetable cut?",
  "When did the Carnegie library reopen?",
  "What burned on the quay?",
  "How long did firefighters fight the blaze?",
  "How many sailings a day to the northern islands?",
];

function recorder() {
  const messages: Array<{ message: string; fields: Record<string, unknown> }> = [];
  const note = (fields: Record<string, unknown>, message: string) => {
    messages.push({ message, fields });
  };
  return { messages, logger: { info: note, warn: note, error: note } };
}

/** Every question's answer from a live index opened afresh (a full build) on `dir`. */
async function freshAnswers(dir: string) {
  const fresh = await openLive(dir);
  return QUESTIONS.map((q) => fresh.ask(q));
}

/** A live index over `dir` that does not watch (each test reloads by hand), closed after the test. */
async function openLive(dir: string, options: Partial<Parameters<typeof createLiveIndex>[0]> = {}) {
  const live = await createLiveIndex({ corpusDir: dir, cacheDir: await tempDir(), watch: false, ...options });
  open.push(live);
  return live;
}

const patchedLines = (messages: Array<{ message: string }>) =>
  messages.filter((m) => m.message.startsWith("Corpus reloaded; the changed articles patched")).length;

describe("a reload of a few changed articles", () => {
  it("patches a new, a corrected and a removed article in, answering as a fresh start does", async () => {
    const { dir, file, put } = await scratchCorpus([barrier, ferry, library]);
    const { messages, logger } = recorder();
    const live = await openLive(dir, { logger });
    expect(live.ask("What burned on the quay?").found).toBe(false);

    await put(fire);
    await live.reload();
    expect(live.ask("What burned on the quay?").passages[0]?.articleId).toBe("fire");
    expect(QUESTIONS.map((q) => live.ask(q))).toEqual(await freshAnswers(dir));

    const corrected = "The island ferry timetable will be cut for the winter because of storms.";
    await put({ ...ferry, paragraphs: [corrected, ferry.paragraphs[1]!] });
    await live.reload();
    const cut = live.ask("Why is the island ferry timetable cut?");
    expect(cut.passages[0]?.text).toBe(corrected);
    expect(cut.passages.map((p) => p.text)).not.toContain(ferry.paragraphs[0]);
    expect(QUESTIONS.map((q) => live.ask(q))).toEqual(await freshAnswers(dir));

    await rm(file("library.md"));
    await live.reload();
    const reopened = live.ask("When did the Carnegie library reopen?");
    expect(reopened.passages.map((p) => p.articleId)).not.toContain("library");
    expect(QUESTIONS.map((q) => live.ask(q))).toEqual(await freshAnswers(dir));

    expect(patchedLines(messages)).toBe(3);
    const lastPatch = messages.filter((m) => m.fields.patched).at(-1)!;
    // The removal read no article: the others' words came from the index before it.
    expect(lastPatch.fields.patched).toEqual({ analysed: 0, reused: 3 });
    expect(live.status()).toMatchObject({ articles: 3, paragraphs: 6, lastReloadOk: true, errors: [] });
  });

  it("sets a bad edit aside as a full load does, and takes the file back once fixed", async () => {
    const { dir, file, put } = await scratchCorpus([barrier, ferry, library]);
    const live = await openLive(dir);
    await writeFile(file("ferry.md"), "---\nid: ferry\ntitle: [unclosed\n---\n\nText.\n");
    await live.reload();
    expect(live.status().errors[0]).toMatchObject({ code: "corpus_bad_yaml", file: "ferry.md" });
    expect(live.ask("Why is the island ferry timetable cut?").passages.map((p) => p.articleId)).not.toContain(
      "ferry",
    );
    // A second file with the ferry's id: a duplicate, set aside (the later file in name order).
    await put(ferry);
    await put({ ...fire, id: "ferry" }, "z-copy.md");
    await live.reload();
    expect(live.status().errors).toEqual([expect.objectContaining({ code: "corpus_duplicate_id" })]);
    expect(QUESTIONS.map((q) => live.ask(q))).toEqual(await freshAnswers(dir));
  });

  it("builds in full, in a worker, when more than maxPatchedParagraphs changed", async () => {
    const { dir, put } = await scratchCorpus([barrier, ferry]);
    const { messages, logger } = recorder();
    const live = await openLive(dir, { logger, maxPatchedParagraphs: 2 });
    await put(library);
    await live.reload();
    expect(patchedLines(messages)).toBe(1);
    await put(fire);
    await put(article("gulls", ["Gulls took chips from tourists on the pier all summer."]));
    await live.reload();
    expect(patchedLines(messages)).toBe(1);
    expect(messages.map((m) => m.message)).toContain("Corpus reloaded; new index swapped in.");
    expect(QUESTIONS.map((q) => live.ask(q))).toEqual(await freshAnswers(dir));
  });

  it("builds in full, in a worker, when the served index is larger than a patch may hold answers for", async () => {
    // A patch's passes over the whole index run on the answering thread: above the size bound the
    // change is built beside the answers instead, and the result is the same index.
    const { dir, put } = await scratchCorpus([barrier, ferry]);
    const { messages, logger } = recorder();
    const live = await openLive(dir, { logger, maxPatchedIndexParagraphs: 1 });
    await put(library);
    await live.reload();
    expect(patchedLines(messages)).toBe(0);
    expect(messages.map((m) => m.message)).toContain("Corpus reloaded; new index swapped in.");
    expect(QUESTIONS.map((q) => live.ask(q))).toEqual(await freshAnswers(dir));
  });

  it("writes the index cache once changes pause, so a restart starts from it", async () => {
    const { dir, put } = await scratchCorpus([barrier, ferry]);
    const cacheDir = await tempDir();
    const { messages, logger } = recorder();
    const live = await openLive(dir, { cacheDir, logger, cacheWriteQuietMs: 50 });
    await put(fire);
    await live.reload();
    const deadline = Date.now() + 60_000;
    while (!messages.some((m) => m.message.startsWith("Wrote the index cache")) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect(messages.map((m) => m.message)).toContain(
      "Wrote the index cache and start-up snapshot for restarts.",
    );
    live.close();
    const restarted = await openLive(dir, { cacheDir });
    expect(restarted.startup.source).toBe("snapshot");
    expect(restarted.ask("What burned on the quay?").passages[0]?.articleId).toBe("fire");
  });
});
