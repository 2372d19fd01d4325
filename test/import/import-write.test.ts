import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readImportFile } from "../../src/corpus/import-files.js";
import { createCorpusWriter, describeChanges } from "../../src/corpus/import-write.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { serializeArticle } from "../../src/corpus/serialize-article.js";
import type { Article } from "../../src/corpus/types.js";
import { tempDir } from "../support/paths.js";
import { legacyPage, newsPage } from "./pages.js";

const article = (over: Partial<Article> = {}): Article => ({
  id: "lock-quiet",
  title: "Quiet night at the lock",
  publication: "Canal Weekly",
  paragraphs: ["First paragraph.", "Second paragraph."],
  source: "test",
  ...over,
});

async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) files[name] = await readFile(path.join(dir, name), "utf8");
  return files;
}

describe("createCorpusWriter", () => {
  it("creates, then reports unchanged, then updates the same file", async () => {
    const dir = await tempDir();
    const writer = await createCorpusWriter(dir);
    expect((await writer.write(article())).outcome).toBe("created");
    expect((await writer.write(article())).outcome).toBe("unchanged");
    const again = await createCorpusWriter(dir);
    const result = await again.write(
      article({ paragraphs: ["First paragraph, edited.", "Second paragraph."] }),
    );
    expect(result).toMatchObject({ outcome: "updated", file: path.join(dir, "lock-quiet.md") });
    const { articles } = await loadCorpus(dir);
    expect(articles).toHaveLength(1);
    expect(articles[0]!.paragraphs[0]).toBe("First paragraph, edited.");
  });

  it("updates an id in the file that holds it, even under another name, instead of duplicating it", async () => {
    const dir = await tempDir();
    const old = path.join(dir, "2024-03-harbour-barrier.md");
    const page = (await readImportFile(newsPage, {}))[0]!.article;
    await writeFile(old, serializeArticle({ ...page, paragraphs: ["An earlier version of the story."] }));
    const result = await (await createCorpusWriter(dir)).write(page);
    expect(result).toMatchObject({ outcome: "updated", file: old });
    expect(await readdir(dir)).toEqual(["2024-03-harbour-barrier.md"]);
    const { articles } = await loadCorpus(dir);
    expect(articles[0]!.paragraphs).toEqual(page.paragraphs);
  });

  it("writes nothing in a dry run, but reports what would change", async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, "existing.md"), serializeArticle(article()));
    const before = await snapshot(dir);
    const writer = await createCorpusWriter(dir, { dryRun: true });
    const results = [
      await writer.write(article({ paragraphs: ["Changed."] })),
      await writer.write((await readImportFile(legacyPage, {}))[0]!.article),
      await writer.write(article({ id: "other", title: "Other" })),
    ];
    expect(results.map((r) => r.outcome)).toEqual(["updated", "created", "created"]);
    expect(results[0]!.changes).toEqual(["¶1", "1 paragraph removed"]);
    expect(results[0]!.file).toBe(path.join(dir, "existing.md"));
    expect(await snapshot(dir)).toEqual(before);
  });

  it("keeps an editor's correction when a re-import does not state one", async () => {
    const dir = await tempDir();
    const corrected = article({
      corrected: "2024-04-02",
      correction: "An earlier version misnamed the lock.",
    });
    await writeFile(path.join(dir, "lock-quiet.md"), serializeArticle(corrected));
    const result = await (await createCorpusWriter(dir)).write(article({ paragraphs: ["New text."] }));
    expect(result.outcome).toBe("updated");
    const { articles } = await loadCorpus(dir);
    expect(articles[0]).toMatchObject({ corrected: "2024-04-02", paragraphs: ["New text."] });
  });

  it("refuses to shadow an id that a JSONL export in the corpus holds", async () => {
    const dir = await tempDir();
    const line = JSON.stringify({ id: "lock-quiet", title: "T", publication: "P", paragraphs: ["x"] });
    await writeFile(path.join(dir, "export.jsonl"), `${line}\n`);
    await expect((await createCorpusWriter(dir)).write(article())).rejects.toThrow(
      /held by the export .*export\.jsonl \(line 1\)/,
    );
  });

  it("does not duplicate the id of a corpus file that is currently invalid", async () => {
    const dir = await tempDir();
    const broken = path.join(dir, "broken.md");
    await writeFile(broken, '---\nid: "lock-quiet"\ntitle: "Quiet"\n---\n\nNo publication.\n');
    const unreadable: string[] = [];
    const writer = await createCorpusWriter(dir, { onUnreadable: (file) => unreadable.push(file) });
    expect(unreadable).toEqual([broken]);
    expect(await writer.write(article())).toMatchObject({ outcome: "updated", file: broken });
    expect((await loadCorpus(dir)).articles).toHaveLength(1);
  });
});

describe("describeChanges", () => {
  it("names changed fields and paragraphs, and counts added ones", () => {
    const before = article({ byline: "A. Writer" });
    const after = article({
      title: "Quiet night at the old lock",
      paragraphs: ["First paragraph.", "Second paragraph, corrected.", "Third."],
    });
    expect(describeChanges(before, after)).toEqual(["title", "byline", "¶2", "1 paragraph added"]);
    expect(describeChanges(before, before)).toEqual([]);
  });
});

describe("readImportFile", () => {
  it("reads a JSONL export, validating each line with its line number", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "in.jsonl");
    const good = { id: "a", title: "A", publication: "P", paragraphs: ["One.", "Two."] };
    await writeFile(file, `${JSON.stringify(good)}\n${JSON.stringify({ ...good, id: "b" })}\n`);
    expect((await readImportFile(file, {})).map((a) => a.article.id)).toEqual(["a", "b"]);
    await writeFile(file, `${JSON.stringify(good)}\n{"id": "c", "title": "C"}\n`);
    await expect(readImportFile(file, {})).rejects.toThrow(/in\.jsonl:2: field "publication"/);
  });

  it("requires --publication for a raw text scrape", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "scrape.txt");
    await writeFile(file, "Home\n\nSome headline here\n");
    await expect(readImportFile(file, {})).rejects.toThrow(/--publication is required/);
  });
});
