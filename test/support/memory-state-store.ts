import type { IngestState } from "../../src/ingest/ingest-source.js";
import type { SourceStateStore } from "../../src/ingest/source-state-store.js";

/** A source state store in memory, for tests of the poller. */
export function createMemoryStateStore(initial: Record<string, IngestState> = {}): SourceStateStore {
  let states = structuredClone(initial);
  return {
    load: async () => structuredClone(states),
    save: async (next) => {
      states = structuredClone(next);
    },
  };
}
