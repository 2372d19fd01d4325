import { mkdir, rm, writeFile } from "node:fs/promises";
import { setImmediate } from "node:timers/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { CorpusError } from "../../src/errors.js";
import { createLiveIndex, type LiveIndex, type LiveIndexOptions } from "../../src/runtime/live-index.js";
import type { RuntimeLogger } from "../../src/runtime/runtime-logger.js";
import { tempDir } from "../support/paths.js";
import { article, scratchCorpus } from "./corpus-scratch.js";
import { createWordEngine } from "./word-engine.js";

const open: LiveIndex[] = [];
afterEach(() => {
  for (const live of open.splice(0)) live.close();
});

function recordingLogger() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const at =
    (level: string) =>
    (fields: Record<string, unknown>, message: string): void => {
      lines.push({ level, fields, message });
    };
  const logger: RuntimeLogger = { info: at("info"), warn: at("warn"), error: at("error") };
  return { logger, lines };
}

async function start(
  dir: string,
  over: Partial<LiveIndexOptions> = {},
  engineOptions: Parameters<typeof createWordEngine>[0] = {},
) {
  const engine = createWordEngine(engineOptions);
  const live = await createLiveIndex({
    corpusDir: dir,
    cacheDir: await tempDir(),
    build: engine.build,
    debounceMs: 20,
    ...over,
  });
  open.push(live);
  return { live, engine };
}

const barrier = article("barrier", [
  "Councillors voted 31 to 9 to build a flood barrier.",
  "The scheme costs 48 million pounds.",
]);
const ferry = article("ferry", ["The ferry timetable was cut for the summer."], { published: "2024-03-11" });
const texts = (answer: Answer) => answer.passages.map((p) => p.text);
const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 5000, interval: 10 });

describe("createLiveIndex", () => {
  it("serves the corpus and reports its size and freshness", async () => {
    const { dir } = await scratchCorpus([
      { ...barrier, published: "2024-03-12T07:30:00Z" },
      ferry,
      article("old", ["An old story."], { published: "2019-01-01" }),
    ]);
    const { live } = await start(dir, { watch: false });
    expect(texts(live.ask("flood barrier"))).toEqual(["Councillors voted 31 to 9 to build a flood barrier."]);
    const status = live.status();
    expect(status).toMatchObject({
      articles: 3,
      paragraphs: 4,
      newestArticle: "2024-03-12T07:30:00Z",
      lastReloadAt: null,
      errors: [],
      reloading: false,
    });
    expect(new Date(status.builtAt).toISOString()).toBe(status.builtAt);
    expect(live.health()).toMatchObject({ ok: true, state: "ok", articles: 3 });
  });

  it("shows an edited paragraph's new text after the folder changes", async () => {
    const { dir, put } = await scratchCorpus([barrier, ferry]);
    const { live } = await start(dir);
    expect(texts(live.ask("48 million"))).toEqual(["The scheme costs 48 million pounds."]);
    await put({
      ...barrier,
      paragraphs: [barrier.paragraphs[0]!, "The scheme now costs 52 million pounds."],
    });
    await waitFor(() =>
      expect(texts(live.ask("million"))).toEqual(["The scheme now costs 52 million pounds."]),
    );
    expect(live.ask("48 million").found).toBe(false);
    expect(live.status()).toMatchObject({ lastReloadOk: true, errors: [] });
  });

  it("drops a removed article from answers after the swap", async () => {
    const { dir, file } = await scratchCorpus([barrier, ferry]);
    const { live } = await start(dir);
    expect(live.ask("ferry timetable").found).toBe(true);
    await rm(file("ferry.md"));
    await waitFor(() => expect(live.status().articles).toBe(1));
    expect(live.ask("ferry timetable").found).toBe(false);
    expect(live.ask("flood barrier").found).toBe(true);
  });

  it("sets a bad edit aside, serves the rest, logs and lists file and field, and recovers", async () => {
    const { dir, file, put } = await scratchCorpus([barrier, ferry]);
    const { logger, lines } = recordingLogger();
    const { live, engine } = await start(dir, { logger });
    await writeFile(file("ferry.md"), '---\nid: "ferry"\ntitle: ""\npublication: "P"\n---\n\nEdited.\n');
    await waitFor(() => expect(live.status().errors).toHaveLength(1));
    const status = live.status();
    expect(status.errors[0]).toMatchObject({
      code: "corpus_invalid_field",
      file: "ferry.md",
      field: "title",
    });
    // Set aside (issue 24, item 2): the reload is served without it, and that is not degraded.
    expect(status).toMatchObject({ lastReloadOk: true, articles: 1 });
    expect(live.health()).toMatchObject({
      ok: true,
      state: "ok",
      errors: [expect.objectContaining({ file: "ferry.md" })],
    });
    expect(live.ask("ferry timetable").found).toBe(false);
    expect(live.ask("flood barrier").found).toBe(true);
    expect(engine.builds()).toBe(2);
    const logged = lines.find((line) => line.level === "warn");
    expect(logged?.fields).toMatchObject({ file: "ferry.md", field: "title", setAside: 1 });
    expect(logged?.message).toMatch(/set aside, the rest served/);

    await put({ ...ferry, paragraphs: ["The ferry timetable was restored."] });
    await waitFor(() => expect(live.status().errors).toEqual([]));
    expect(texts(live.ask("ferry timetable"))).toEqual(["The ferry timetable was restored."]);
    expect(live.health().state).toBe("ok");
  });

  it("reports every bad file of a reload in status, not only the first", async () => {
    const { dir, file } = await scratchCorpus([barrier, ferry]);
    const { live } = await start(dir);
    await writeFile(file("ferry.md"), '---\nid: "ferry"\ntitle: ""\npublication: "P"\n---\n\nEdited.\n');
    await writeFile(file("export.jsonl"), '{"id": "j2", "title": \n');
    await waitFor(() => expect(live.status().errors).toHaveLength(2));
    expect(live.status().errors).toEqual([
      expect.objectContaining({ code: "corpus_bad_json", file: "export.jsonl", line: 1 }),
      expect.objectContaining({ code: "corpus_invalid_field", file: "ferry.md", field: "title" }),
    ]);
    expect(live.ask("ferry timetable").found).toBe(false);
    expect(live.ask("flood barrier").found).toBe(true);
  });

  it("reports the line of a broken JSONL export, sets it aside and serves the rest", async () => {
    const { dir, file } = await scratchCorpus([barrier]);
    const good = JSON.stringify({
      id: "j1",
      title: "J",
      publication: "P",
      paragraphs: ["Jetty repairs begin."],
    });
    await writeFile(file("export.jsonl"), `${good}\n`);
    const { live } = await start(dir);
    expect(live.ask("jetty").found).toBe(true);
    await writeFile(file("export.jsonl"), `${good}\n{"id": "j2", "title": \n`);
    await waitFor(() => expect(live.status().errors).toHaveLength(1));
    expect(live.status().errors[0]).toMatchObject({
      code: "corpus_bad_json",
      file: "export.jsonl",
      line: 2,
    });
    // The whole export is set aside: a file's articles load together or not at all.
    expect(live.ask("jetty").found).toBe(false);
    expect(live.ask("flood barrier").found).toBe(true);
  });

  it("keeps answering during a rebuild, never fails, and switches to the new content after the swap", async () => {
    const { dir, put } = await scratchCorpus([barrier, ferry]);
    const { live } = await start(dir, { watch: false }, { yields: 50 });

    // Questions arrive on every turn of the event loop while the rebuild runs.
    const seen: string[][] = [];
    let asking = true;
    const asker = (async () => {
      while (asking) {
        seen.push(texts(live.ask("million pounds")));
        await setImmediate();
      }
    })();
    await put({ ...barrier, paragraphs: [barrier.paragraphs[0]!, "The scheme costs 60 million pounds."] });
    const reloading = live.reload();
    expect(live.status().reloading).toBe(true);
    await reloading;
    const swappedAt = seen.length;
    for (let i = 0; i < 5; i++) await setImmediate();
    asking = false;
    await asker;

    const before = ["The scheme costs 48 million pounds."];
    const after = ["The scheme costs 60 million pounds."];
    // Many questions were answered while the rebuild ran, every one from a complete index: the old
    // content until the swap, the new content from then on, never a mix or an empty answer.
    expect(swappedAt).toBeGreaterThan(20);
    for (const answer of seen) expect([before, after]).toContainEqual(answer);
    const firstNew = seen.findIndex((answer) => answer[0] === after[0]);
    expect(firstNew).toBeGreaterThan(0);
    expect(seen.slice(0, firstNew).every((answer) => answer[0] === before[0])).toBe(true);
    expect(seen.slice(firstNew).every((answer) => answer[0] === after[0])).toBe(true);
    expect(seen.at(-1)).toEqual(after);
  });

  it("coalesces a burst of changes into one rebuild", async () => {
    const { dir, put } = await scratchCorpus([barrier]);
    const { live, engine } = await start(dir, { debounceMs: 250 });
    await Promise.all(Array.from({ length: 8 }, (_, i) => put(article(`new-${i}`, [`Brief number ${i}.`]))));
    await waitFor(() => expect(live.status().articles).toBe(9));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(engine.builds()).toBe(2);
  });

  it("runs one more rebuild for changes made during a rebuild, not one per change", async () => {
    const { dir, put } = await scratchCorpus([barrier]);
    const { live, engine } = await start(dir, { watch: false }, { yields: 20 });
    const first = live.reload();
    await put(article("late", ["A late change."]));
    void live.reload();
    void live.reload();
    await first;
    expect(engine.builds()).toBe(3);
    expect(live.ask("late change").found).toBe(true);
  });

  it("survives the corpus folder being removed, then serves it again once re-created", async () => {
    const { dir, put } = await scratchCorpus([barrier, ferry]);
    const { live } = await start(dir, { recheckMs: 50 });
    await rm(dir, { recursive: true });
    await waitFor(() => expect(live.status().errors[0]?.code).toBe("corpus_dir_unreadable"));
    expect(live.ask("ferry timetable").found).toBe(true);

    await mkdir(dir);
    await put(article("library", ["The library reopened on Saturday."]));
    await waitFor(() => expect(live.status()).toMatchObject({ articles: 1, errors: [] }));
    expect(live.ask("library reopened").found).toBe(true);
    expect(live.ask("ferry timetable").found).toBe(false);
  });

  it("ignores editor swap and backup files", async () => {
    const { dir, file } = await scratchCorpus([barrier]);
    const { live, engine } = await start(dir);
    await writeFile(file(".barrier.md.swp"), "x");
    await writeFile(file("barrier.md~"), "x");
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(engine.builds()).toBe(1);
    expect(live.status().lastReloadAt).toBeNull();
  });

  it("starts with a bad file set aside and listed; fails to start only when nothing loads", async () => {
    const { dir, file } = await scratchCorpus([barrier]);
    await writeFile(file("bad.md"), "no front matter\n");
    const { live } = await start(dir);
    expect(live.status()).toMatchObject({
      articles: 1,
      errors: [expect.objectContaining({ file: "bad.md" })],
    });
    expect(live.health().state).toBe("ok");
    const only = await tempDir();
    await writeFile(`${only}/bad.md`, "no front matter\n");
    await expect(start(only)).rejects.toSatisfy(
      (error) => error instanceof CorpusError && error.file === `${only}/bad.md`,
    );
  });
});
