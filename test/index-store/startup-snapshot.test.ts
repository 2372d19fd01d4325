import { readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Article } from "../../src/corpus/types.js";
import {
  corpusStatKey,
  deserializeSnapshot,
  SnapshotFileError,
  serializeSnapshot,
} from "../../src/index-store/startup-snapshot.js";
import { createLiveIndex, type LiveIndex } from "../../src/runtime/live-index.js";
import { openIndex } from "../../src/runtime/start-index.js";
import { resolveIndexOptions } from "../../src/search/formula.js";
import { article, scratchCorpus } from "../runtime/corpus-scratch.js";
import { tempDir } from "../support/paths.js";

const silent = { info() {}, warn() {}, error() {} };
const options = resolveIndexOptions();

const barrier = article("barrier", [
  "Councillors voted 31 to 9 on Monday night to build a flood barrier across the mouth of the harbour.",
  "The steel gates of the barrier will cost 48 million pounds, most of it paid by the Environment Agency.",
]);
const ferry = article(
  "ferry",
  ["The island ferry timetable will be cut for the summer because of a shortage of crew."],
  {
    published: "2024-05-01",
    url: "https://example.org/ferry",
    dek: "Fewer sailings",
  },
);

const open: LiveIndex[] = [];
afterEach(() => {
  for (const live of open.splice(0)) live.close();
});

/** Opens twice: the first full read writes the snapshot, the second may use it. */
async function primed(
  articles: Article[],
  prepare?: (corpus: Awaited<ReturnType<typeof scratchCorpus>>) => Promise<void>,
) {
  const corpus = await scratchCorpus(articles);
  await prepare?.(corpus);
  const cacheDir = await tempDir("newsdesk-snap-");
  const first = await openIndex({ corpusDir: corpus.dir, cacheDir, logger: silent });
  expect(await first.snapshotWritten).toBe(true);
  return { ...corpus, cacheDir, first };
}

/** A live index over a primed corpus (closed after the test), and the warnings it logs. */
async function startLogged(c: { dir: string; cacheDir: string }) {
  const warnings: string[] = [];
  const live = await createLiveIndex({
    corpusDir: c.dir,
    cacheDir: c.cacheDir,
    watch: false,
    logger: { info() {}, warn: (_f, m) => void warnings.push(m), error() {} },
  });
  open.push(live);
  return { live, warnings };
}

describe("start-up snapshot file", () => {
  it("round-trips articles verbatim: optional fields, empty-free paragraphs, astral characters", () => {
    const odd = article("odd", ["Zoë’s café — naïve 👩‍👩‍👧 emoji", "", "ß"], {
      byline: "A. Writer",
      corrected: "2024-06-01",
    });
    const articles = [barrier, ferry, odd];
    const bytes = serializeSnapshot("k1", { contentKey: "c1", articles });
    expect(deserializeSnapshot(bytes, "k1")).toEqual({ contentKey: "c1", articles });
    expect(deserializeSnapshot(bytes, "k2")).toBeUndefined();
    expect(() => deserializeSnapshot(bytes.subarray(0, bytes.length - 1), "k1")).toThrow(SnapshotFileError);
  });

  it("refuses any same-length change of a byte (checksum), not only a change of length", () => {
    const bytes = serializeSnapshot("k1", { contentKey: "c1", articles: [barrier, ferry] });
    const at = bytes.indexOf("48 million");
    for (const offset of [at, at + 1, 12, bytes.length - 5]) {
      const edited = Buffer.from(bytes);
      edited[offset] = edited[offset]! ^ 0x01;
      expect(() => deserializeSnapshot(edited, "k1")).toThrow(SnapshotFileError);
    }
  });
});

describe("corpusStatKey: what decides whether the snapshot may be served", () => {
  it("changes when a file's size or mtime changes, or a file is added or removed; not otherwise", async () => {
    const { dir, file, put } = await scratchCorpus([barrier, ferry]);
    const key = async () => corpusStatKey(dir, options);
    const base = await key();
    expect(await key()).toBe(base);
    await writeFile(path.join(dir, "notes.txt"), "not a corpus file");
    expect(await key()).toBe(base);

    const info = await stat(file("ferry.md"));
    await utimes(file("ferry.md"), info.atime, new Date(info.mtimeMs + 5000));
    const touched = await key();
    expect(touched).not.toBe(base);

    await put({ ...ferry, paragraphs: [`${ferry.paragraphs[0]} More.`] });
    const resized = await key();
    expect(resized).not.toBe(touched);

    await put(article("library", ["The library reopened."]));
    const added = await key();
    expect(added).not.toBe(resized);

    await rm(file("library.md"));
    expect(await key()).not.toBe(added);
  });
});

describe("openIndex", () => {
  it("serves the snapshot when the folder is unchanged, with the same answers as a full read", async () => {
    const { dir, cacheDir, first } = await primed([barrier, ferry]);
    expect(first.source).toBe("built");
    const again = await openIndex({ corpusDir: dir, cacheDir, logger: silent });
    expect(again.source).toBe("snapshot");
    expect(again.index.key).toBe(first.index.key);
    expect(again.articles).toEqual(first.articles);
  });

  for (const [change, edit] of [
    [
      "a changed mtime",
      async (c: Awaited<ReturnType<typeof primed>>) => {
        const info = await stat(c.file("ferry.md"));
        await utimes(c.file("ferry.md"), info.atime, new Date(info.mtimeMs + 5000));
      },
    ],
    [
      "a changed size",
      (c: Awaited<ReturnType<typeof primed>>) =>
        c.put({ ...ferry, paragraphs: ["The island ferry timetable will be cut for the whole summer."] }),
    ],
    [
      "an added file",
      (c: Awaited<ReturnType<typeof primed>>) => c.put(article("library", ["The library reopened."])),
    ],
    ["a removed file", (c: Awaited<ReturnType<typeof primed>>) => rm(c.file("ferry.md"))],
  ] as const) {
    it(`reads the corpus in full after ${change}`, async () => {
      const c = await primed([barrier, ferry]);
      await edit(c);
      const again = await openIndex({ corpusDir: c.dir, cacheDir: c.cacheDir, logger: silent });
      expect(again.source).not.toBe("snapshot");
      expect(await again.snapshotWritten).toBe(true);
      const third = await openIndex({ corpusDir: c.dir, cacheDir: c.cacheDir, logger: silent });
      expect(third.source).toBe("snapshot");
      expect(third.articles).toEqual(again.articles);
    });
  }

  it("reads the corpus in full when the snapshot's index cache is gone", async () => {
    const { dir, cacheDir } = await primed([barrier, ferry]);
    for (const name of await readdir(cacheDir))
      if (name.endsWith(".idx")) await rm(path.join(cacheDir, name));
    const again = await openIndex({ corpusDir: dir, cacheDir, logger: silent });
    expect(again.source).toBe("built");
  });
});

describe("the live index verifies a snapshot start in the background", () => {
  it("an unchanged corpus: served from the snapshot, then verified", async () => {
    const { dir, cacheDir } = await primed([barrier, ferry]);
    const messages: string[] = [];
    const note = (_f: object, m: string) => void messages.push(m);
    const live = await createLiveIndex({
      corpusDir: dir,
      cacheDir,
      watch: false,
      logger: { info: note, warn: note, error: note },
    });
    open.push(live);
    expect(live.startup.source).toBe("snapshot");
    expect(await live.startupChecked()).toBe("verified");
    expect(messages.some((m) => m.startsWith("Start-up snapshot verified"))).toBe(true);
  });

  it("a change that keeps size and mtime: the stale snapshot is caught, swapped for the files' index, and logged", async () => {
    // A whole-second mtime, so it can be put back exactly after the edit.
    const stamp = new Date("2024-01-02T03:04:05Z");
    const c = await primed([barrier, ferry], async (corpus) => {
      await utimes(corpus.file("barrier.md"), stamp, stamp);
    });
    const file = c.file("barrier.md");
    const text = await readFile(file, "utf8");
    const edited = text.replace("48 million", "52 million");
    expect(edited.length).toBe(text.length);
    await writeFile(file, edited);
    await utimes(file, stamp, stamp);

    const { live, warnings } = await startLogged(c);
    const question = "How much will the flood barrier gates cost?";
    expect(live.startup.source).toBe("snapshot");
    expect(live.ask(question).passages[0]?.text).toContain("48 million");
    expect(await live.startupChecked()).toBe("swapped");
    expect(live.ask(question).passages[0]?.text).toContain("52 million");
    expect(warnings.some((m) => m.startsWith("Start-up snapshot was stale"))).toBe(true);
  });

  it("a snapshot edited in place (18 years → 81 years) is refused before anything is served, and logged", async () => {
    const sentenced = article("sentenced", [
      "Karim Massimov, the former head of the security service, was sentenced to 18 years in prison.",
      "The court in Astana heard the case behind closed doors.",
    ]);
    const c = await primed([sentenced, ferry]);
    const [name] = (await readdir(c.cacheDir)).filter((n) => n.endsWith(".snap"));
    const snap = path.join(c.cacheDir, name!);
    const bytes = await readFile(snap);
    const at = bytes.indexOf("18 years");
    expect(at).toBeGreaterThan(0);
    bytes.write("81 years", at, "latin1");
    const info = await stat(snap);
    await writeFile(snap, bytes);
    expect((await stat(snap)).size).toBe(info.size);

    const { live, warnings } = await startLogged(c);
    expect(live.startup.source).not.toBe("snapshot");
    const answer = live.ask("How long was Massimov sentenced to?");
    expect(answer.passages[0]?.text).toContain("18 years");
    expect(JSON.stringify(answer)).not.toContain("81 years");
    expect(warnings.some((m) => /snapshot .* is not used: its content checksum does not match/.test(m))).toBe(
      true,
    );
    // The full read rewrote a good snapshot: the next start serves it again.
    let next = await openIndex({ corpusDir: c.dir, cacheDir: c.cacheDir, logger: silent });
    for (let tries = 0; next.source !== "snapshot" && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      next = await openIndex({ corpusDir: c.dir, cacheDir: c.cacheDir, logger: silent });
    }
    expect(next.source).toBe("snapshot");
    expect(next.articles.find((a) => a.id === "sentenced")?.paragraphs[0]).toContain("18 years");
  });

  it("a reload's worker leaves a snapshot of the new files, which the next start serves", async () => {
    const { dir, put } = await scratchCorpus([barrier]);
    const cacheDir = await tempDir("newsdesk-snap-");
    // The full build's worker (a patched reload writes the snapshot once changes pause: patch-reload.test.ts).
    const live = await createLiveIndex({ corpusDir: dir, cacheDir, watch: false, patchReloads: false });
    open.push(live);
    await put(ferry);
    await live.reload();
    const next = await openIndex({ corpusDir: dir, cacheDir, logger: silent });
    expect(next.source).toBe("snapshot");
    expect(next.articles.map((a) => a.id).sort()).toEqual(["barrier", "ferry"]);
  });

  it("a full read at start has nothing to verify", async () => {
    const { dir } = await scratchCorpus([barrier]);
    const live = await createLiveIndex({ corpusDir: dir, cacheDir: await tempDir(), watch: false });
    open.push(live);
    expect(live.startup.source).toBe("built");
    expect(await live.startupChecked()).toBe("skipped");
  });
});
