import { createAsk } from "../../src/answer/create-ask.js";
import type { AskFn } from "../../src/answer/types.js";
import type { Corpus } from "../../src/corpus/types.js";
import { loadOrBuildIndex } from "../../src/search/load-or-build-index.js";
import { warmIndex } from "../../src/search/warm-index.js";

/** What the bench needs from the engine: the app's start path (load the cache, or build and write it). */
export interface BenchEngine {
  /** Loads the persisted index when the cache matches the corpus, else builds it and writes the cache. */
  loadOrBuild(corpus: Corpus, cacheDir: string): Promise<{ ask: AskFn; source: "cache" | "built" }>;
}

/** The project's engine behind the bench's one-method view of it. */
export const engine: BenchEngine = {
  async loadOrBuild(corpus, cacheDir) {
    const loaded = await loadOrBuildIndex(corpus, { cacheDir });
    // As the app does before an index goes live (live-index.ts).
    warmIndex(loaded.index);
    return { ask: createAsk(loaded.index), source: loaded.source };
  },
};
