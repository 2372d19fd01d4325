/**
 * One process migrating the store: waits until the instant given (so several start together), applies
 * the project's migrations plus one slow step of the test's (a million-row table, so the processes
 * overlap inside the migration), prints the schema version.
 * Usage: tsx init-child.ts START_AT_MS DATA_DIR [DATABASE_URL]
 */
import { MIGRATIONS, migrate, schemaVersion } from "../../src/store/migrations.js";
import { openPostgresDb } from "../../src/store/postgres-db.js";
import { openSqliteDb } from "../../src/store/sqlite-db.js";
import { SLOW_STEP } from "./slow-step.js";

const [startAt, dataDir, databaseUrl] = process.argv.slice(2);
const db = databaseUrl ? openPostgresDb(databaseUrl, () => {}) : openSqliteDb(dataDir ?? "");
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
const applied = await migrate(db, Date.now(), [...MIGRATIONS, SLOW_STEP]);
console.log(JSON.stringify({ version: await schemaVersion(db), applied: applied.length > 0 }));
await db.close();
