import { writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { foldWhitespace } from "../../src/corpus/read-jsonl-articles.js";
import { CorpusError, CorpusErrorList } from "../../src/errors.js";
import { corpusDir, tempDir } from "../support/paths.js";

const good = `---
id: budget-vote
title: "Council passes budget"
publication: Gazette
published: 2024-03-01
url: https://example.com/budget
---

The council passed the budget
on Tuesday.

It takes effect in April.
`;

async function corpusWith(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await tempDir();
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

async function loadError(files: Record<string, string | Buffer>): Promise<CorpusError> {
  const dir = await corpusWith(files);
  const error = await loadCorpus(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CorpusError);
  return error as CorpusError;
}

describe("loadCorpus", () => {
  it("reads front matter and folds a paragraph's line breaks into spaces", async () => {
    const { articles } = await loadCorpus(await corpusWith({ "a.md": good }));
    expect(articles).toHaveLength(1);
    const [article] = articles;
    expect(article).toMatchObject({
      id: "budget-vote",
      title: "Council passes budget",
      publication: "Gazette",
      published: "2024-03-01",
      url: "https://example.com/budget",
      paragraphs: ["The council passed the budget on Tuesday.", "It takes effect in April."],
    });
    expect(article!.byline).toBeUndefined();
  });

  it("loads the committed corpus: the seed article with 13 paragraphs", async () => {
    const { articles } = await loadCorpus(corpusDir);
    const seed = articles.find((a) => a.title.startsWith("Karim Massimov"));
    expect(seed?.paragraphs).toHaveLength(13);
    expect(seed?.publication).toBe("The Diplomat");
  });

  it("names the file and the missing field", async () => {
    const error = await loadError({ "bad.md": good.replace('title: "Council passes budget"\n', "") });
    expect(error.code).toBe("corpus_invalid_field");
    expect(error.message).toContain("bad.md");
    expect(error.message).toContain('field "title"');
    expect(error.field).toBe("title");
  });

  it("names a malformed field and says what is wrong", async () => {
    const error = await loadError({ "date.md": good.replace("2024-03-01", "last Tuesday") });
    expect(error.message).toMatch(/date\.md: field "published" must be an ISO date/);
    const url = await loadError({ "url.md": good.replace("https://example.com/budget", "not a url") });
    expect(url.message).toMatch(/url\.md: field "url"/);
  });

  it("rejects a file without front matter and one with broken YAML", async () => {
    expect((await loadError({ "plain.md": "Just text.\n" })).code).toBe("corpus_no_front_matter");
    const yaml = await loadError({ "yaml.md": "---\ntitle: [unclosed\n---\n\nText.\n" });
    expect(yaml.code).toBe("corpus_bad_yaml");
    expect(yaml.message).toContain("yaml.md");
  });

  it("rejects an article without paragraphs", async () => {
    const error = await loadError({ "empty.md": good.split("---\n\n")[0]!.concat("---\n\n   \n") });
    expect(error.code).toBe("corpus_no_paragraphs");
    expect(error.message).toContain("empty.md");
  });

  it("names both files of a duplicate id", async () => {
    const error = await loadError({ "one.md": good, "two.md": good });
    expect(error.code).toBe("corpus_duplicate_id");
    expect(error.message).toContain("one.md");
    expect(error.message).toContain("two.md");
  });

  it("checks every file before it fails, and lists each problem with its file", async () => {
    const ok = JSON.stringify({ id: "x", title: "T", publication: "P", paragraphs: ["p"] });
    const error = await loadError({
      "a-good.md": good,
      "b-no-title.md": good.replace('title: "Council passes budget"\n', ""),
      "c-feed.jsonl": `${ok}\n{not json\n`,
      "d-copy.md": good,
    });
    expect(error).toBeInstanceOf(CorpusErrorList);
    const list = error as CorpusErrorList;
    expect(list.code).toBe("corpus_errors");
    expect(list.errors.map((e) => e.code)).toEqual([
      "corpus_invalid_field",
      "corpus_bad_json",
      "corpus_duplicate_id",
    ]);
    // The first problem's place, so a caller that shows one still shows a real one.
    expect(list.file).toMatch(/b-no-title\.md$/);
    expect(list.field).toBe("title");
    for (const name of ["b-no-title.md", "c-feed.jsonl:2", "d-copy.md"]) expect(list.message).toContain(name);
  });

  it("reads JSONL and gzipped JSONL exports", async () => {
    const line = (id: string) =>
      JSON.stringify({
        id,
        title: `T ${id}`,
        publication: "Wire",
        paragraphs: ["First.", "  ", "Second  one."],
      });
    const dir = await corpusWith({
      "export.jsonl": `${line("j1")}\n\n${line("j2")}\n`,
      "archive.jsonl.gz": gzipSync(`${line("g1")}\n`),
    });
    const { articles } = await loadCorpus(dir);
    expect(articles.map((a) => a.id).sort()).toEqual(["g1", "j1", "j2"]);
    expect(articles.find((a) => a.id === "j1")!.paragraphs).toEqual(["First.", "Second one."]);
    expect(articles.find((a) => a.id === "j2")!.source).toMatch(/export\.jsonl:3$/);
  });

  it("names the file and line of a bad JSONL line", async () => {
    const ok = JSON.stringify({ id: "x", title: "T", publication: "P", paragraphs: ["p"] });
    const json = await loadError({ "feed.jsonl": `${ok}\n{not json\n` });
    expect(json.code).toBe("corpus_bad_json");
    expect(json.message).toContain("feed.jsonl:2");
    expect(json.line).toBe(2);
    const field = await loadError({
      "feed.jsonl": `${ok}\n${JSON.stringify({ id: "y", title: "T", paragraphs: [] })}\n`,
    });
    expect(field.message).toContain("feed.jsonl:2");
    expect(field.message).toContain('field "publication"');
  });

  it("tells a field of the wrong type from a missing one", async () => {
    const line = JSON.stringify({ id: 7, title: "T", publication: "P", paragraphs: "one" });
    const wrongType = await loadError({ "feed.jsonl": `${line}\n` });
    expect(wrongType.message).toContain('field "id" must be text, not a number');
    const md = await loadError({ "a.md": good.replace("id: budget-vote", "id: [a, b]") });
    expect(md.message).toContain('field "id" must be text, not a list');
  });

  it("says when the folder is missing or empty", async () => {
    const missing = await loadCorpus("/nonexistent/corpus").catch((e: unknown) => e);
    expect((missing as CorpusError).code).toBe("corpus_dir_unreadable");
    expect((await loadError({ "notes.txt": "x" })).code).toBe("corpus_empty");
  });
});

describe("foldWhitespace", () => {
  it("folds every kind of whitespace run and trims, and leaves folded text as it is", () => {
    expect(foldWhitespace("already folded text")).toBe("already folded text");
    expect(foldWhitespace("two  spaces")).toBe("two spaces");
    expect(foldWhitespace(" lead and trail ")).toBe("lead and trail");
    expect(foldWhitespace("tab\there")).toBe("tab here");
    expect(foldWhitespace("line\nbreak")).toBe("line break");
    expect(foldWhitespace("no\u00a0break")).toBe("no break");
    expect(foldWhitespace("   ")).toBe("");
  });
});
