import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeCacheFile } from "../../src/index-store/cache-folder.js";

const kind = { prefix: "paragraphs-", suffix: ".idx" };
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cache-folder-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeCacheFile", () => {
  it("writes the file and keeps only the newest files of its kind, leaving other kinds alone", async () => {
    for (const [i, name] of ["paragraphs-a.idx", "paragraphs-b.idx", "startup-a.snap"].entries()) {
      await writeFile(path.join(dir, name), "old");
      const when = new Date(Date.UTC(2020, 0, 1 + i));
      await utimes(path.join(dir, name), when, when);
    }
    const file = path.join(dir, "paragraphs-c.idx");
    await writeCacheFile(file, Buffer.from("new"), kind, 2);
    expect(await readFile(file, "utf8")).toBe("new");
    expect((await readdir(dir)).sort()).toEqual(["paragraphs-b.idx", "paragraphs-c.idx", "startup-a.snap"]);
  });

  it("throws and leaves no temp file when the write fails", async () => {
    // A folder where the file should go: the rename onto it fails.
    const file = path.join(dir, "paragraphs-x.idx");
    await writeFile(path.join(dir, "keep.txt"), "x");
    await mkdir(path.join(file, "inside"), { recursive: true });
    await expect(writeCacheFile(file, Buffer.from("new"), kind, 2)).rejects.toThrow();
    expect((await readdir(dir)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });
});
