import { openEngine } from "../../src/answer/engine.js";
import type { AskFn } from "../../src/answer/types.js";
import type { Corpus } from "../../src/corpus/types.js";

/** What the bench needs from the engine: the app's start path (load the cache, or build and write it). */
export interface BenchEngine {
  /** Loads the persisted index when the cache matches the corpus, else builds it and writes the cache. */
  loadOrBuild(corpus: Corpus, cacheDir: string): Promise<{ ask: AskFn; source: "cache" | "built" }>;
}

/** The project's engine behind the bench's one-method view of it: the one way to open an engine. */
export const engine: BenchEngine = {
  async loadOrBuild(corpus, cacheDir) {
    const { ask, source } = await openEngine(corpus, { cacheDir });
    return { ask, source };
  },
};
