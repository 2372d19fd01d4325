/**
 * What one corpus file may cost (src/corpus/limits.ts): a gzip bomb of one endless line or of endless
 * lines, an oversized paragraph, article or Markdown file, and odd entries of the folder are each a
 * listed corpus error naming the file — never an exception that kills the loader or its worker.
 */
import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { CORPUS_LIMITS } from "../../src/corpus/limits.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { CorpusError } from "../../src/errors.js";
import { createRemoteLiveIndex, type RemoteLiveIndex } from "../../src/runtime/remote-live-index.js";
import { barrier, ferry, scratchCorpus } from "../runtime/corpus-scratch.js";
import { tempDir } from "../support/paths.js";

const MiB = 1024 * 1024;

/**
 * A gzip file of `mib` MiB of "a" after `head`, with no newline: gzip members concatenate, so one
 * compressed MiB (about 1 KB) repeated makes a file of `mib` KB that unpacks to `mib` MiB.
 */
function oneLineBomb(head: string, mib: number): Buffer {
  const member = gzipSync(Buffer.alloc(MiB, "a"), { level: 9 });
  return Buffer.concat([gzipSync(Buffer.from(head)), ...Array.from({ length: mib }, () => member)]);
}

async function loadError(dir: string, limits = {}): Promise<CorpusError[]> {
  const error = await loadCorpus(dir, { limits }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CorpusError);
  const list = (error as { errors?: CorpusError[] }).errors;
  return list ?? [error as CorpusError];
}

const open: RemoteLiveIndex[] = [];
afterEach(async () => {
  for (const live of open.splice(0)) await live.close();
});

describe("corpus bounds", () => {
  it("a .jsonl.gz that unpacks to one 600 MiB line is refused at the default line limit, naming file and line", async () => {
    const dir = await tempDir();
    const bomb = oneLineBomb('{"id":"bomb","title":"t","publication":"p","paragraphs":["', 600);
    expect(bomb.length).toBeLessThan(2 * MiB);
    await writeFile(path.join(dir, "bomb.jsonl.gz"), bomb);
    const before = process.memoryUsage().rss;
    const [error] = await loadError(dir);
    expect(error).toMatchObject({
      code: "corpus_line_too_long",
      file: path.join(dir, "bomb.jsonl.gz"),
      line: 1,
    });
    expect(error!.message).toContain(`${CORPUS_LIMITS.maxLineBytes / MiB} MiB`);
    // Generous: the reader held one line of at most the limit, not 600 MiB.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * MiB);
  });

  it("an export of endless short lines stops at the unpacked-size limit", async () => {
    const dir = await tempDir();
    const lines = Array.from(
      { length: 20_000 },
      (_, i) => `${JSON.stringify({ id: `a${i}`, title: "t", publication: "p", paragraphs: ["a"] })}\n`,
    );
    await writeFile(path.join(dir, "many.jsonl.gz"), gzipSync(lines.join("")));
    const [error] = await loadError(dir, { maxUnpackedBytes: 64 * 1024 });
    expect(error).toMatchObject({ code: "corpus_file_too_large", file: path.join(dir, "many.jsonl.gz") });
  });

  it("an oversized paragraph, too many paragraphs, or an oversized Markdown file is the file's error", async () => {
    const dir = await tempDir();
    const record = (id: string, paragraphs: string[]) =>
      `${JSON.stringify({ id, title: "t", publication: "p", paragraphs })}\n`;
    await writeFile(path.join(dir, "a-long.jsonl"), record("long", ["word ".repeat(300)]));
    await writeFile(
      path.join(dir, "b-many.jsonl"),
      record(
        "many",
        Array.from({ length: 30 }, () => "p"),
      ),
    );
    await writeFile(
      path.join(dir, "c-big.md"),
      `---\nid: big\ntitle: t\npublication: p\n---\n\n${"x ".repeat(5000)}\n`,
    );
    const errors = await loadError(dir, { maxParagraphChars: 1000, maxParagraphs: 20, maxFileBytes: 4096 });
    expect(errors.map((e) => [path.basename(e.file), e.code])).toEqual([
      ["a-long.jsonl", "corpus_too_large"],
      ["b-many.jsonl", "corpus_too_large"],
      ["c-big.md", "corpus_file_too_large"],
    ]);
    expect(errors[0]!.message).toMatch(/paragraph 1 has 1,499 characters, more than the limit of 1,000/);
  });

  it("a folder named x.md, a dangling link and a link loop are listed errors, not a stack trace", async () => {
    const { dir } = await scratchCorpus([barrier]);
    await mkdir(path.join(dir, "folder.md"));
    await symlink(path.join(dir, "nowhere.md"), path.join(dir, "dangling.md"));
    await symlink(path.join(dir, "loop-b.md"), path.join(dir, "loop-a.md"));
    await symlink(path.join(dir, "loop-a.md"), path.join(dir, "loop-b.md"));
    const errors = await loadError(dir);
    expect(errors.map((e) => [path.basename(e.file), e.code])).toEqual([
      ["dangling.md", "corpus_unreadable"],
      ["folder.md", "corpus_not_a_file"],
      ["loop-a.md", "corpus_unreadable"],
      ["loop-b.md", "corpus_unreadable"],
    ]);
    expect(errors[2]!.message).toMatch(/loop-a\.md: could not be read \(it is a symbolic link loop\)/);
  });

  it("the bomb dropped into a running bot's corpus: answers go on, health lists the file", async () => {
    const { dir } = await scratchCorpus([barrier, ferry]);
    const live = await createRemoteLiveIndex({ corpusDir: dir, cacheDir: await tempDir(), debounceMs: 20 });
    open.push(live);
    expect((await live.ask("How much will the barrier gates cost?")).found).toBe(true);
    await writeFile(
      path.join(dir, "zz-export.jsonl.gz"),
      oneLineBomb('{"id":"bomb","title":"t","publication":"p","paragraphs":["', 600),
    );
    const end = Date.now() + 20_000;
    while (live.health().errors.length === 0 && Date.now() < end) await sleep(50);
    // Set aside, listed; the rest is served fresh, so not degraded (issue 24, item 2).
    expect(live.health()).toMatchObject({ ok: true, state: "ok", articles: 2 });
    expect(live.health().errors[0]).toMatchObject({ code: "corpus_line_too_long", line: 1 });
    expect(live.health().errors[0]!.file).toMatch(/zz-export\.jsonl\.gz$/);
    const answer = await live.ask("How much will the barrier gates cost?");
    expect(answer.passages[0]!.text).toContain("48 million pounds");
  });

  it("a start with the bomb in the corpus sets it aside, naming the file, and serves the rest", async () => {
    const { dir } = await scratchCorpus([barrier]);
    await writeFile(path.join(dir, "export.jsonl.gz"), oneLineBomb('{"id":"', 600));
    const live = await createRemoteLiveIndex({ corpusDir: dir, cacheDir: await tempDir() });
    open.push(live);
    expect(live.health()).toMatchObject({ ok: true, state: "ok", articles: 1 });
    const status = await live.status();
    expect(status.errors[0]!.message).toMatch(/export\.jsonl\.gz:1: line 1 is longer than the limit/);
    expect((await live.ask("How much will the barrier gates cost?")).found).toBe(true);
  });
});
