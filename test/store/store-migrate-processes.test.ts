/** Three real processes open one store at the same instant: each migration step is applied once. */

import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS, SQLITE_FILE_NAME } from "../../src/store/index.js";
import { cleanEnv, runTs } from "../support/run-command.js";
import { SLOW_STEP } from "./slow-step.js";
import { ENGINES, freshPlace, type StorePlace } from "./store-fixture.js";

async function ledger(place: StorePlace): Promise<number[]> {
  const sql = "SELECT version FROM schema_migrations ORDER BY version";
  if (!place.databaseUrl) {
    const db = new Database(path.join(place.dataDir, SQLITE_FILE_NAME), { readonly: true });
    const rows = db.prepare(sql).all() as Array<{ version: number }>;
    db.close();
    return rows.map((r) => r.version);
  }
  const client = new pg.Client({ connectionString: place.databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ version: number }>(sql);
  await client.end();
  return rows.map((r) => Number(r.version));
}

describe.each(ENGINES)("three processes migrating %s at once", (engine) => {
  let place: StorePlace | undefined;
  afterEach(() => place?.cleanup());

  it("all start, and one applies each step while the others wait", async () => {
    place = await freshPlace(engine, "migrate3");
    // Far enough ahead that all three have loaded tsx and wait at the same line.
    const startAt = String(Date.now() + 4_000);
    const args = [startAt, place.dataDir, ...(place.databaseUrl ? [place.databaseUrl] : [])];
    const runs = await Promise.all(
      [1, 2, 3].map(() => runTs("test/store/init-child.ts", args, { env: cleanEnv() })),
    );
    const results = runs.map((run) => {
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      return JSON.parse(run.stdout) as { version: number; applied: boolean };
    });
    expect(results.map((r) => r.version)).toEqual([SLOW_STEP.version, SLOW_STEP.version, SLOW_STEP.version]);
    // One process applied the steps; the two others waited for its lock and found nothing to do.
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    expect(await ledger(place)).toEqual([...MIGRATIONS.map((m) => m.version), SLOW_STEP.version]);
  }, 60_000);
});
