import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { inject } from "vitest";
import { createDatabase } from "../../scripts/topology/postgres-cluster.js";
import { openStore, type Store, type StoreEngine } from "../../src/store/index.js";

export const quietLogger = pino({ level: "silent" });

/** Where one test's store lives: a fresh SQLite folder, or a fresh database on the run's PostgreSQL. */
export interface StorePlace {
  engine: StoreEngine;
  dataDir: string;
  databaseUrl?: string;
  cleanup(): void;
}

let counter = 0;

export async function freshPlace(engine: StoreEngine, label: string): Promise<StorePlace> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "nd-store-"));
  const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  if (engine === "sqlite") return { engine, dataDir, cleanup };
  counter += 1;
  const name = `t_${label}_${process.pid}_${counter}`;
  return { engine, dataDir, databaseUrl: await createDatabase(inject("postgresUrl"), name), cleanup };
}

export function storeAt(place: StorePlace, now?: () => number, feedbackRetentionMs?: number): Store {
  return openStore({
    dataDir: place.dataDir,
    logger: quietLogger,
    ...(place.databaseUrl ? { databaseUrl: place.databaseUrl } : {}),
    ...(now ? { now } : {}),
    ...(feedbackRetentionMs !== undefined ? { feedbackRetentionMs } : {}),
  });
}

export const ENGINES: StoreEngine[] = ["sqlite", "postgres"];

/** A question that found nothing, as the Slack layer records it (`at` added by each test). */
export const CHESS_GAP = {
  team: "T1",
  channel: "C1",
  question: "Who won the chess final?",
  normalizedQuestion: "who won the chess final",
  askedDay: "2026-12-07",
};
