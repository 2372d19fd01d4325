/**
 * The Slack app over the desk corpus (test/fixtures/desk: Politics, Business, Transport; two bylines)
 * with the real engine and a real embedded store, for the desk workflows' tests.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { pino } from "pino";
import { afterAll } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import type { Article } from "../../src/corpus/types.js";
import { buildIndex } from "../../src/search/build-index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { repoRoot, tempDir } from "./paths.js";
import type { HarnessOptions } from "./slack-app-harness.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The store of the last harness `deskHarness` made, for tests that look inside it. */
export const deskStore: { current?: Store } = {};

/** Harness options over the desk corpus (or `articles`) and a fresh embedded store. */
export function deskHarness(
  env: Record<string, string> = {},
  slowReadMs = 0,
  articles?: Article[],
): () => Promise<HarnessOptions> {
  return async () => {
    const corpus = articles ? { articles } : await loadCorpus(path.join(repoRoot, "test/fixtures/desk"));
    const dataDir = await tempDir("nd-desk-store-");
    dirs.push(dataDir);
    const store: Store = openStore({ dataDir, logger: pino({ level: "silent" }) });
    await store.init();
    deskStore.current = store;
    if (slowReadMs > 0) {
      const read = store.settings.read.bind(store.settings);
      Object.assign(store.settings, {
        // Read, then wait: what comes back is stale by the time the caller writes.
        read: async (team: string, channel: string) => {
          const found = await read(team, channel);
          await new Promise((r) => setTimeout(r, slowReadMs));
          return found;
        },
      });
    }
    return { ask: createEngine(buildIndex(corpus)).ask, store, env };
  };
}

/** Stops the store of a harness (after the app): register after useSlackAppHarness. */
export function stopDeskStore(): void {
  afterAll(async () => {
    await deskStore.current?.stop();
  });
}
