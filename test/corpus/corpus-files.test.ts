import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it, vi } from "vitest";
import { isCorpusFile } from "../../src/corpus/corpus-files.js";
import { createCorpusWriter } from "../../src/corpus/import-write.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { watchCorpus } from "../../src/runtime/watch-corpus.js";
import { tempDir } from "../support/paths.js";

const story = `---\nid: "lock-quiet"\ntitle: "Quiet night at the lock"\npublication: "Canal Weekly"\n---\n\nFirst paragraph.\n`;
// A README that claims an id but is no valid article: were it read as one, it would fail the load,
// be reported by the importer and claim the id "taken".
const readme = `---\nid: "taken"\n---\n\nHow this folder is organised.\n`;

async function folder(): Promise<string> {
  const dir = await tempDir();
  await writeFile(path.join(dir, "lock-quiet.md"), story);
  await writeFile(path.join(dir, "README.md"), readme);
  return dir;
}

describe("the corpus files of a folder", () => {
  it("are .md, .jsonl and .jsonl.gz files other than a README", () => {
    expect(
      ["a.md", "b.jsonl", "c.jsonl.gz", "README.md", "readme.md", "d.txt", "e.md~"].filter(isCorpusFile),
    ).toEqual(["a.md", "b.jsonl", "c.jsonl.gz"]);
  });

  it("leave a README out of the loader", async () => {
    const corpus = await loadCorpus(await folder());
    expect(corpus.articles.map((a) => a.id)).toEqual(["lock-quiet"]);
  });

  it("leave a README out of the importer: no report, no claimed id", async () => {
    const dir = await folder();
    const unreadable: string[] = [];
    const writer = await createCorpusWriter(dir, { onUnreadable: (file) => unreadable.push(file) });
    const result = await writer.write({
      id: "taken",
      title: "Taken",
      publication: "Canal Weekly",
      paragraphs: ["A new story."],
      source: "test",
    });
    expect(unreadable).toEqual([]);
    expect(result).toMatchObject({ outcome: "created", file: path.join(dir, "taken.md") });
    expect(await readFile(path.join(dir, "README.md"), "utf8")).toBe(readme);
  });

  it("leave a README out of the watcher", async () => {
    const dir = await folder();
    let calls = 0;
    const watch = watchCorpus(dir, () => calls++, { debounceMs: 20, pollMs: 40 });
    try {
      await sleep(120);
      await writeFile(path.join(dir, "README.md"), `${readme}\nMore notes, a longer file.\n`);
      await sleep(300);
      expect(calls).toBe(0);
      // The same watch does see an article change.
      await writeFile(path.join(dir, "lock-quiet.md"), `${story}\nSecond paragraph.\n`);
      await vi.waitFor(() => expect(calls).toBe(1), { timeout: 3000, interval: 10 });
    } finally {
      watch.close();
    }
  });
});
