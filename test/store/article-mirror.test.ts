/**
 * The article mirror on both engines: a removed article leaves its shard file (and an emptied shard's
 * file goes), heard by NOTIFY on PostgreSQL without a catch-up call, by a catch-up on SQLite.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArticleMirror, type ArticleRecord, type Store, shardOf } from "../../src/store/index.js";
import { tempDir } from "../support/paths.js";
import { ENGINES, freshPlace, quietLogger, type StorePlace, storeAt } from "./store-fixture.js";

const record = (id: string, text: string): ArticleRecord => ({
  id,
  document: JSON.stringify({ id, title: text, publication: "Courier", paragraphs: [text] }),
});

/** Two ids in one shard and one in another. */
function ids(): { a: string; b: string; c: string } {
  const a = "a0";
  let b = "";
  let c = "";
  for (let i = 1; !b || !c; i++) {
    const id = `a${i}`;
    if (!b && shardOf(id) === shardOf(a)) b = id;
    if (!c && shardOf(id) !== shardOf(a)) c = id;
  }
  return { a, b, c };
}

describe.each(ENGINES)("the article mirror on %s", (engine) => {
  let place: StorePlace;
  let store: Store;
  let mirror: ArticleMirror;
  beforeEach(async (context) => {
    place = await freshPlace(engine, context.task.name.replace(/\W+/g, "_").slice(0, 20));
    store = storeAt(place);
    await store.init();
  });
  afterEach(async () => {
    await mirror?.stop();
    await store.stop();
    place.cleanup();
  });

  it("takes a removed article out of its shard's file, and removes a shard's file once empty", async () => {
    const { a, b, c } = ids();
    await store.articles.upsert([record(a, "alpha"), record(b, "bravo"), record(c, "charlie")], 1);
    const dir = await tempDir("nd-mirror-");
    mirror = new ArticleMirror({ articles: store.articles, dir, markerFile: ".marker", logger: quietLogger });
    await mirror.init();
    mirror.start();
    const shardText = async (id: string) =>
      readFile(path.join(dir, `shard-${String(shardOf(id)).padStart(3, "0")}.jsonl`), "utf8").catch(
        () => undefined,
      );
    expect(await shardText(a)).toContain("alpha");
    // A second store, as another replica or `npm run import` would write.
    const writer = storeAt(place);
    await writer.init();
    await writer.articles.remove([a], 2);
    // PostgreSQL tells the mirror; SQLite has no notifications, so its catch-up runs here.
    if (engine === "sqlite") await mirror.catchUp();
    await expect.poll(() => shardText(a), { timeout: 10_000 }).not.toContain("alpha");
    expect(await shardText(b)).toContain("bravo");
    await writer.articles.remove([c], 3);
    if (engine === "sqlite") await mirror.catchUp();
    await expect.poll(() => shardText(c), { timeout: 10_000 }).toBeUndefined();
    expect((await readdir(dir)).filter((n) => n.endsWith(".jsonl"))).toHaveLength(1);
    expect(mirror.revision).toBe(await store.articles.revision());
    await writer.stop();
  });
});
