/**
 * Defect 10 of issue 12: every import path checks its fields with the loader's rules before writing.
 * `--id ../../../escaped` wrote outside the corpus; `--id "has space" --url "javascript:…"` wrote a
 * file the loader then refused, so the bot no longer started.
 */
import { readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createCorpusWriter } from "../../src/corpus/import-write.js";
import { importCli } from "../support/import-cli.js";
import { tempDir } from "../support/paths.js";

const root = await tempDir("newsdesk-import-validate-");
afterAll(() => rm(root, { recursive: true, force: true }));
const scrape = path.join(root, "scrape.txt");
await writeFile(
  scrape,
  "Harbour ferry breaks its passenger record\n\nHarbour ferry breaks its passenger record\n\nThe harbour ferry carried more passengers than ever before this year, the council said on Monday.\n",
);

/** `npm run import` of the scrape for Bayside into `corpus`, with more flags. */
function importScrape(corpus: string, ...flags: string[]) {
  return importCli(scrape, "--publication", "Bayside", "--corpus", corpus, ...flags);
}

/** Every file under `dir`, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe("npm run import with a raw text scrape", () => {
  it("--id ../../../escaped is refused in one sentence naming --id, and nothing is written anywhere", async () => {
    const corpus = path.join(root, "one", "two", "corpus");
    const { code, stdout, stderr } = await importScrape(corpus, "--id", "../../../escaped");
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      `--id "../../../escaped" must be a slug of letters, digits, '.', '_' or '-'; nothing was written.`,
    );
    expect(stdout).toBe("");
    expect(await filesUnder(root)).toEqual(["scrape.txt"]);
  });

  it('--id "has space" --url "javascript:alert(1)" is refused naming a field, before writing', async () => {
    const corpus = path.join(root, "corpus-b");
    const both = await importScrape(corpus, "--id", "has space", "--url", "javascript:alert(1)");
    expect(both.code).toBe(2);
    expect(both.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^--id "has space" must be a slug/),
    ]);
    const url = await importScrape(corpus, "--url", "javascript:alert(1)");
    expect(url.code).toBe(2);
    expect(url.stderr.trim()).toBe(
      `--url "javascript:alert(1)" must be an http(s) URL; nothing was written.`,
    );
    expect(await filesUnder(root)).toEqual(["scrape.txt"]);
  });

  it("a valid --id and --url still write the article where the loader reads it", async () => {
    const corpus = path.join(root, "corpus-c");
    const ok = await importScrape(corpus, "--id", "ferry-record", "--url", "https://bayside.example/ferry");
    expect(ok.code).toBe(0);
    expect(await readdir(corpus)).toEqual(["ferry-record.md"]);
  });
});

describe("createCorpusWriter", () => {
  it("refuses an article the loader would refuse (any import path), writing nothing", async () => {
    const corpus = path.join(root, "corpus-d");
    const writer = await createCorpusWriter(corpus);
    const article = {
      id: "ok-id",
      title: "Title",
      publication: "Bayside",
      paragraphs: ["A paragraph."],
      source: "x",
    };
    await expect(writer.write({ ...article, id: "../outside" })).rejects.toThrow(/"id"/);
    await expect(writer.write({ ...article, url: "javascript:alert(1)" })).rejects.toThrow(
      /field "url" must be an http\(s\) URL/,
    );
    await expect(writer.write({ ...article, publication: " " })).rejects.toThrow(/field "publication"/);
    expect(await readdir(corpus).catch(() => [])).toEqual([]);
    await writer.write(article);
    expect(await readdir(corpus)).toEqual(["ok-id.md"]);
  });
});
