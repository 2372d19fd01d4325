import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { AskFn } from "../../src/answer/types.js";
import type { Corpus } from "../../src/corpus/types.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** What the bench needs from the engine: build (writing the cache) and load from the cache. */
export interface BenchEngine {
  /** Builds the index from scratch and persists it under `cacheDir`. */
  buildAndCache(corpus: Corpus, cacheDir: string): Promise<AskFn>;
  /** Loads the persisted index (rebuilding only if the cache does not match) — the app's start path. */
  loadFromCache(corpus: Corpus, cacheDir: string): Promise<AskFn>;
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
  const search = await importIfPresent("src/search/index.ts");
  const answer = await importIfPresent("src/answer/index.ts");
  const loadOrBuild = (search?.loadOrBuildIndex ?? answer?.loadOrBuildIndex) as Fn | undefined;
  const createAsk = (answer?.createAsk ?? search?.createAsk) as Fn | undefined;
  if (!loadOrBuild || !createAsk) return undefined;
  const load = async (corpus: Corpus, cacheDir: string) => {
    const loaded = (await loadOrBuild(corpus, { cacheDir })) as { index?: unknown } | unknown;
    const index = (loaded as { index?: unknown }).index ?? loaded;
    return createAsk(index) as AskFn;
  };
  return { buildAndCache: load, loadFromCache: load };
}
