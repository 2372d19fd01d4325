import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { AskFn } from "../../src/answer/types.js";
import type { Corpus } from "../../src/corpus/types.js";
import { repoRoot } from "./paths.js";

/** What the bench needs from the engine: the app's start path (load the cache, or build and write it). */
export interface BenchEngine {
  /** Loads the persisted index when the cache matches the corpus, else builds it and writes the cache. */
  loadOrBuild(corpus: Corpus, cacheDir: string): Promise<{ ask: AskFn; source: "cache" | "built" }>;
}

type Fn = (...args: unknown[]) => unknown;

async function importIfPresent(relative: string): Promise<Record<string, unknown> | undefined> {
  const file = path.join(repoRoot, relative);
  if (!existsSync(file)) return undefined;
  // A computed specifier: the engine may not be on this branch yet, and the bench must still run.
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

/** The project's engine, or undefined while it has not landed (the bench then measures the reference alone). */
export async function loadEngine(): Promise<BenchEngine | undefined> {
  const search = await importIfPresent("src/search/load-or-build-index.ts");
  const answer = await importIfPresent("src/answer/create-ask.ts");
  const loadOrBuildIndex = search?.loadOrBuildIndex as Fn | undefined;
  const createAsk = answer?.createAsk as Fn | undefined;
  if (!loadOrBuildIndex || !createAsk) return undefined;
  return {
    async loadOrBuild(corpus, cacheDir) {
      const loaded = (await loadOrBuildIndex(corpus, { cacheDir })) as {
        index: unknown;
        source: "cache" | "built";
      };
      return { ask: createAsk(loaded.index) as AskFn, source: loaded.source };
    },
  };
}
