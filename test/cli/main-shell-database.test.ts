import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "../../scripts/topology/postgres-cluster.js";
import { serializeArticleLine } from "../../src/corpus/serialize-article.js";
import type { Article } from "../../src/corpus/types.js";
import { openStore, type Store } from "../../src/store/index.js";
import { tempDir } from "../support/paths.js";
import { cleanEnv, runTs } from "../support/run-command.js";

// `npm start` with no Slack variables and DATABASE_URL (a real PostgreSQL): the shell answers from
// the database's articles, as the Slack modes do, not from the corpus folder.

const lighthouse: Article = {
  id: "lighthouse",
  title: "Lighthouse keeper retires after 40 years",
  publication: "The Harbour Gazette",
  paragraphs: ["Margaret Ives switched off the Skerry Point lighthouse lamp for the last time on Friday."],
  source: "lighthouse.md",
};

describe("main in shell mode with DATABASE_URL", () => {
  let databaseUrl: string;
  let store: Store;
  let dataDir: string;
  beforeAll(async () => {
    databaseUrl = await createDatabase(inject("postgresUrl"), `shell_${process.pid}`);
    dataDir = mkdtempSync(path.join(os.tmpdir(), "nd-shell-db-"));
    store = openStore({ databaseUrl, dataDir, logger: pino({ level: "silent" }) });
    await store.init();
    await store.articles.upsert([{ id: lighthouse.id, document: serializeArticleLine(lighthouse) }], 1);
  });
  afterAll(async () => {
    await store.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers piped questions from the database's articles, not the corpus folder", async () => {
    const { code, stdout, stderr } = await runTs("src/main.ts", [], {
      stdin: "Who switched off the lighthouse lamp?\n\\status\n",
      env: cleanEnv({ DATABASE_URL: databaseUrl, CACHE_DIR: await tempDir(), DATA_DIR: dataDir }),
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/Margaret Ives \*\*switched\*\* off the Skerry Point/);
    expect(stdout).toContain("Lighthouse keeper retires after 40 years");
    // The committed corpus (one article of 13 paragraphs) is not what is served.
    expect(stdout).toMatch(/Index: 1 article, 1 paragraph/);
  });

  it("stops with one sentence naming DATABASE_URL when it cannot be reached", async () => {
    const { code, stderr } = await runTs("src/main.ts", [], {
      stdin: "Who switched off the lighthouse lamp?\n",
      env: cleanEnv({ DATABASE_URL: "postgres://newsdesk@127.0.0.1:1/newsdesk", CACHE_DIR: await tempDir() }),
    });
    expect(code).toBe(1);
    expect(stderr).toContain("DATABASE_URL");
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
