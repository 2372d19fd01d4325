/**
 * The articles room on both engines (SQLite and a real PostgreSQL): idempotent writes, revisions in
 * commit order, shards, lookups by URL, notifications to another connection; and a migration step
 * that lands below one already applied is still applied.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ARTICLE_SHARDS, type ArticleRecord, type Store, shardOf } from "../../src/store/index.js";
import { migrate, schemaVersion } from "../../src/store/migrations.js";
import { openSqliteDb } from "../../src/store/sqlite-db.js";
import { ENGINES, freshPlace, type StorePlace, storeAt } from "./store-fixture.js";

const record = (id: string, text: string, url?: string): ArticleRecord => ({
  id,
  ...(url ? { url } : {}),
  document: JSON.stringify({ id, title: text, publication: "Courier", paragraphs: [text] }),
});

describe.each(ENGINES)("articles on %s", (engine) => {
  let place: StorePlace;
  let store: Store;
  beforeEach(async (context) => {
    place = await freshPlace(engine, context.task.name.replace(/\W+/g, "_").slice(0, 20));
    store = storeAt(place);
    await store.init();
  });
  afterEach(async () => {
    await store.stop();
    place.cleanup();
  });

  it("writes an article once: the same document again takes no revision", async () => {
    expect(await store.articles.count()).toBe(0);
    expect(await store.articles.revision()).toBe(0);
    const first = await store.articles.upsert(
      [record("a", "one", "https://c.example/a"), record("b", "two")],
      1,
    );
    expect(first.changed).toEqual(["a", "b"]);
    expect(first.revision).toBeGreaterThan(0);
    const again = await store.articles.upsert([record("a", "one", "https://c.example/a")], 2);
    expect(again).toEqual({ changed: [], revision: 0 });
    expect(await store.articles.revision()).toBe(first.revision);
    const corrected = await store.articles.upsert([record("a", "one, corrected", "https://c.example/a")], 3);
    expect(corrected.changed).toEqual(["a"]);
    expect(corrected.revision).toBeGreaterThan(first.revision);
    expect(await store.articles.get("a")).toEqual({
      ...record("a", "one, corrected", "https://c.example/a"),
      revision: corrected.revision,
    });
    expect(await store.articles.get("zz")).toBeUndefined();
    expect(await store.articles.count()).toBe(2);
    expect(await store.articles.idOfUrl("https://c.example/a")).toBe("a");
    expect(await store.articles.idOfUrl("https://c.example/none")).toBeUndefined();
  });

  it("lists what changed since a revision, and each shard's documents by id", async () => {
    const { revision: r1 } = await store.articles.upsert([record("a", "1"), record("b", "2")], 1);
    const { revision: r2 } = await store.articles.upsert([record("c", "3"), record("a", "1b")], 2);
    expect(await store.articles.changedSince(r1, 100)).toEqual([
      { id: "a", shard: shardOf("a"), revision: r2 },
      { id: "c", shard: shardOf("c"), revision: r2 },
    ]);
    expect(await store.articles.changedSince(0, 1)).toHaveLength(1);
    expect(await store.articles.changedSince(r2, 100)).toEqual([]);
    const all = [];
    for (let shard = 0; shard < ARTICLE_SHARDS; shard++) all.push(...(await store.articles.byShard(shard)));
    expect(all.map((a) => a.id).sort()).toEqual(["a", "b", "c"]);
    expect((await store.articles.byShard(shardOf("a"))).find((a) => a.id === "a")?.document).toBe(
      record("a", "1b").document,
    );
  });

  it("removes an article: a tombstone under a new revision, gone from every read, back when written again", async () => {
    const { revision: r1 } = await store.articles.upsert(
      [record("a", "one", "https://c.example/a"), record("b", "two")],
      1,
    );
    const removed = await store.articles.remove(["a", "zz"], 2);
    expect(removed.changed).toEqual(["a"]);
    expect(removed.revision).toBeGreaterThan(r1);
    // The mirror learns of it as of any change: by revision, with its shard.
    expect(await store.articles.changedSince(r1, 100)).toEqual([
      { id: "a", shard: shardOf("a"), revision: removed.revision },
    ]);
    expect(await store.articles.get("a")).toBeUndefined();
    expect((await store.articles.byShard(shardOf("a"))).map((row) => row.id)).not.toContain("a");
    expect(await store.articles.count()).toBe(1);
    expect(await store.articles.idOfUrl("https://c.example/a")).toBeUndefined();
    expect(await store.articles.revision()).toBe(removed.revision);
    // Removing it again changes nothing and takes no revision.
    expect(await store.articles.remove(["a"], 3)).toEqual({ changed: [], revision: 0 });
    const back = await store.articles.upsert([record("a", "one again")], 4);
    expect(back.changed).toEqual(["a"]);
    expect(await store.articles.get("a")).toEqual({ ...record("a", "one again"), revision: back.revision });
    expect(await store.articles.count()).toBe(2);
  });

  it("refuses a document of more than one line (it would break the mirror's JSONL)", async () => {
    await expect(store.articles.upsert([{ id: "x", document: '{"a":1}\n{"b":2}' }], 1)).rejects.toThrow(
      /one line/,
    );
    expect(await store.articles.count()).toBe(0);
  });

  it("gives concurrent writers from two connections distinct revisions, none lost", async () => {
    const other = storeAt(place);
    await other.init();
    const writes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? other : store).articles.upsert([record(`w${i}`, `${i}`)], i),
      ),
    );
    const revisions = writes.map((w) => w.revision);
    expect(new Set(revisions).size).toBe(20);
    // Read back in revision order, every write is there once.
    const changes = await store.articles.changedSince(0, 100);
    expect(changes.map((c) => c.revision)).toEqual([...revisions].sort((a, b) => a - b));
    await other.stop();
  });

  it("tells a listening connection about another's writes (PostgreSQL), or says it cannot (SQLite)", async () => {
    const other = storeAt(place);
    await other.init();
    let told = 0;
    const listening = await other.articles.listen(
      () => told++,
      () => {},
    );
    if (engine === "sqlite") {
      expect(listening).toBeUndefined();
    } else {
      expect(listening).toBeDefined();
      await store.articles.upsert([record("n", "news")], 1);
      await store.articles.upsert([record("n", "news")], 2); // unchanged: no notification
      await store.articles.upsert([record("m", "more")], 3);
      await expect.poll(() => told, { timeout: 5_000 }).toBe(2);
      await store.articles.remove(["m"], 4);
      await expect.poll(() => told, { timeout: 5_000 }).toBe(3);
      await listening!.close();
    }
    await other.stop();
  });
});

describe("migrations", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "nd-migrate-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("applies a step that landed below one already applied", async () => {
    const step = (version: number) => ({
      version,
      name: `step ${version}`,
      statements: () => [`CREATE TABLE t${version} (x INTEGER)`],
    });
    const db = openSqliteDb(dir);
    expect(await migrate(db, 1, [step(1), step(3)])).toEqual([1, 3]);
    expect(await migrate(db, 2, [step(1), step(2), step(3)])).toEqual([2]);
    expect(await schemaVersion(db)).toBe(3);
    expect(await db.all("SELECT x FROM t2")).toEqual([]);
    await db.close();
  });
});
