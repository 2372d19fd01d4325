/**
 * Issue 24, defects 2, 3, 4 and 5: a source reaches only its own sites, never an internal address it
 * does not allow, never writes over another source's (or an editor's) article, never writes a file
 * the loader refuses, and never shows a secret from its URL. Hostile pages are served on loopback,
 * which the test's sources allow explicitly (the bot's default refuses it).
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createCorpusWriter } from "../../src/corpus/import-write.js";
import type { Article } from "../../src/corpus/types.js";
import { createGuardedFetch } from "../../src/ingest/guarded-fetch.js";
import {
  createHttpGet,
  createSitePoller,
  parseSourcesFile,
  type SourceStatus,
} from "../../src/ingest/index.js";
import type { SourceConfig } from "../../src/ingest/sources-config.js";
import { createMemoryStateStore } from "../support/memory-state-store.js";
import { tempDir } from "../support/paths.js";
import { barrier } from "./fixtures.js";
import { articlePage, type Site, startSite } from "./site.js";

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const sites: Site[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.close();
});

async function site(): Promise<Site> {
  const started = await startSite();
  started.routes["/robots.txt"] = { type: "text/plain", body: "User-agent: *\nDisallow: /private/\n" };
  sites.push(started);
  return started;
}

/** Polls `source` once (in-process, loopback allowed for it) and returns its status. */
async function pollOnce(source: SourceConfig, corpusDir: string): Promise<SourceStatus> {
  const poller = createSitePoller({
    sources: [source],
    corpusDir,
    cacheDir: await tempDir(),
    fetch: createGuardedFetch({ allowInternal: false }),
    fetchFor: (s) => createGuardedFetch({ allowInternal: Boolean(s.allowInternal) }),
    logger: silent,
    store: createMemoryStateStore(),
  });
  await poller.start();
  await vi.waitFor(() => expect(["ok", "failing"]).toContain(poller.status()[0]!.state), { timeout: 20_000 });
  const status = poller.status()[0]!;
  await poller.stop();
  return status;
}

const rss = (links: string[]) => ({
  type: "application/rss+xml",
  body: `<rss version="2.0"><channel><title>Gazette</title>${links.map((l) => `<item><title>t</title><link>${l}</link></item>`).join("")}</channel></rss>`,
});

describe("a source reaches only its own sites (defect 4)", () => {
  it("refuses an internal address by default, before and after name resolution", async () => {
    const home = await site();
    home.routes["/news/barrier"] = { body: articlePage(home.url, barrier) };
    const get = createHttpGet({ fetch: createGuardedFetch({ allowInternal: false }) });
    await expect(get(`${home.url}/news/barrier`)).rejects.toMatchObject({ code: "fetch_internal_address" });
    const byName = `http://localhost:${new URL(home.url).port}/news/barrier`;
    await expect(get(byName)).rejects.toMatchObject({
      code: "fetch_internal_address",
      message: expect.stringMatching(/resolves to an internal address the source does not allow/),
    });
    for (const address of ["169.254.169.254", "10.1.2.3", "192.168.0.1", "[::1]", "[fd00::1]"]) {
      await expect(get(`http://${address}/latest/meta-data/`)).rejects.toMatchObject({
        code: "fetch_internal_address",
      });
    }
    expect(home.hits.get("/news/barrier")).toBeUndefined();
    const allowed = createHttpGet({ fetch: createGuardedFetch({ allowInternal: true }) });
    expect((await allowed(`${home.url}/news/barrier`)).status).toBe(200);
  });

  it("does not follow a redirect or a feed link to another port, nor a redirect robots.txt disallows", async () => {
    const home = await site();
    const elsewhere = await site();
    elsewhere.routes["/secret"] = { body: articlePage(elsewhere.url, { ...barrier, slug: "secret" }) };
    home.routes["/feed.xml"] = rss([`${home.url}/moved`, `${elsewhere.url}/secret`, `${home.url}/hop`]);
    home.routes["/moved"] = { status: 302, headers: { location: `${elsewhere.url}/secret` } };
    home.routes["/hop"] = { status: 302, headers: { location: `${home.url}/private/memo` } };
    home.routes["/private/memo"] = { body: articlePage(home.url, { ...barrier, slug: "memo" }) };
    const corpus = await tempDir();
    const status = await pollOnce(
      { name: "feed", kind: "feed", url: `${home.url}/feed.xml`, intervalMs: 60_000, allowInternal: true },
      corpus,
    );
    expect(status.lastRun).toMatchObject({ created: 0, failed: 3 });
    expect(elsewhere.hits.get("/secret")).toBeUndefined();
    expect(home.hits.get("/private/memo")).toBeUndefined();
    expect(await readdir(corpus).catch(() => [])).toEqual([]);
  });

  it("follows a link to an origin listed under the source's sites", async () => {
    const feeds = await site();
    const www = await site();
    www.routes["/news/barrier"] = { body: articlePage(www.url, barrier) };
    feeds.routes["/feed.xml"] = rss([`${www.url}/news/barrier`]);
    const status = await pollOnce(
      {
        name: "feed",
        kind: "feed",
        url: `${feeds.url}/feed.xml`,
        intervalMs: 60_000,
        sites: [www.url],
        allowInternal: true,
      },
      await tempDir(),
    );
    expect(status.lastRun).toMatchObject({ created: 1, failed: 0 });
  });
});

const existing = (url: string | undefined): string =>
  `---\nid: "karim-massimov-sentenced"\ntitle: "Karim Massimov Sentenced"\npublication: "The Diplomat"\n${url ? `url: "${url}"\n` : ""}---\n\nMassimov was sentenced to 18 years in prison.\n`;

describe("a source never overwrites an article it does not own (defect 3)", () => {
  it("ignores a canonical link to another site: the Diplomat's article stays as it was", async () => {
    const home = await site();
    const corpus = await tempDir();
    await mkdir(corpus, { recursive: true });
    const diplomat = "https://thediplomat.com/karim-massimov-sentenced";
    await writeFile(path.join(corpus, "massimov.md"), existing(diplomat));
    const page = articlePage(home.url, { ...barrier, slug: "x" }).replace(
      `href="${home.url}/news/x"`,
      `href="${diplomat}"`,
    );
    home.routes["/karim-massimov-sentenced"] = {
      body: page.replace("Council approves", "Massimov cleared of all charges;"),
    };
    const status = await pollOnce(
      {
        name: "page",
        kind: "page",
        url: `${home.url}/karim-massimov-sentenced`,
        intervalMs: 60_000,
        allowInternal: true,
      },
      corpus,
    );
    expect(status.lastRun).toMatchObject({ created: 1, updated: 0 });
    expect(await readFile(path.join(corpus, "massimov.md"), "utf8")).toBe(existing(diplomat));
    const files = (await readdir(corpus)).sort();
    expect(files).toHaveLength(2);
    const written = await readFile(path.join(corpus, files.find((f) => f !== "massimov.md")!), "utf8");
    expect(written).toContain(`url: "${home.url}/karim-massimov-sentenced"`);
  });

  it("gives two URLs whose paths slug alike two ids, and leaves an editor's article alone", async () => {
    const corpus = await tempDir();
    await writeFile(path.join(corpus, "massimov.md"), existing(undefined));
    const writer = await createCorpusWriter(corpus);
    const article = (url: string): Article => ({
      id: "karim-massimov-sentenced",
      title: "Karim Massimov Sentenced",
      publication: "Elsewhere",
      paragraphs: ["Massimov was cleared of all charges."],
      source: url,
      url,
    });
    const a = await writer.write(article("https://a.example/karim-massimov-sentenced"));
    const b = await writer.write(article("https://b.example/karim/massimov/sentenced"));
    expect(a.outcome).toBe("created");
    expect(b.outcome).toBe("created");
    expect(new Set([a.article.id, b.article.id, "karim-massimov-sentenced"]).size).toBe(3);
    expect(await readFile(path.join(corpus, "massimov.md"), "utf8")).toBe(existing(undefined));
    // The same URL again updates its own article, wherever it was written.
    const again = await writer.write({
      ...article("https://a.example/karim-massimov-sentenced"),
      title: "T2",
    });
    expect(again).toMatchObject({ outcome: "updated", file: a.file });
    // A writer owning other sites reports, and writes nothing.
    await expect(
      writer.write(article("https://a.example/karim-massimov-sentenced"), { origins: ["https://b.example"] }),
    ).rejects.toMatchObject({ code: "import_not_owner" });
  });
});

describe("limits shared by writer and loader (defect 2)", () => {
  it("never writes a file the loader would refuse as too large", async () => {
    const corpus = await tempDir();
    const writer = await createCorpusWriter(corpus);
    const paragraphs = Array.from({ length: 50 }, (_, i) => `Paragraph ${i} ${"x".repeat(90_000)}`);
    await expect(
      writer.write({ id: "big", title: "Big", publication: "P", paragraphs, source: "s" }),
    ).rejects.toMatchObject({ code: "corpus_file_too_large" });
    expect(await readdir(corpus).catch(() => [])).toEqual([]);
  });
});

describe("secrets in source URLs are never shown (defect 5)", () => {
  it("refuses user info in SOURCES_FILE in one sentence", () => {
    expect(() =>
      parseSourcesFile("sources:\n  - url: http://user:hunter2@news.example.org/feed.xml\n", "s.yml"),
    ).toThrow(
      /^s\.yml: sources\[1\]\.url must not hold a user name or password .*remove the part before @; fix it in the file or unset SOURCES_FILE\.$/,
    );
  });

  it("shows a source's URL and errors without its query string", async () => {
    const home = await site();
    home.routes["/feed.xml"] = { status: 500, body: "down" };
    const status = await pollOnce(
      {
        name: "feed",
        kind: "feed",
        url: `${home.url}/feed.xml?api_key=hunter2`,
        intervalMs: 60_000,
        allowInternal: true,
      },
      await tempDir(),
    );
    expect(status.state).toBe("failing");
    expect(JSON.stringify(status)).not.toContain("hunter2");
    expect(status.url).toBe(`${home.url}/feed.xml?…`);
    expect(status.lastError).toContain(`${home.url}/feed.xml?…`);
  });
});
