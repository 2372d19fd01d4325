import { hostname } from "node:os";
import type { LeasesStore, SourceStateStore as StoreSources } from "../store/index.js";
import type { IngestState } from "./ingest-types.js";
import type { SourceLeases } from "./poller-types.js";
import { isIngestState, type SourceStateStore } from "./source-state-store.js";

/** Who holds a lease: this process, told apart from a restarted one on the same host and pid. */
export function leaseHolder(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}

/** The sources' leases in the shared store, named `source:<url>`. */
export function createStoreLeases(leases: LeasesStore, holder: string, now: () => number): SourceLeases {
  return {
    acquire: (source, ttlMs) => leases.acquire(`source:${source}`, holder, now(), ttlMs),
    release: (source) => leases.release(`source:${source}`, holder),
  };
}

/**
 * The sources' poll state (validators, stamps) in the shared store. A save writes only the sources
 * whose state this process changed, so a replica never overwrites the state of a source another
 * replica polls; a state of the wrong shape is treated as none (one full poll).
 */
export function createStoreStateStore(sources: StoreSources, now: () => number): SourceStateStore {
  const saved = new Map<string, string>();
  const keep = (source: string, state: unknown): IngestState | undefined => {
    if (!isIngestState(state)) return undefined;
    saved.set(source, JSON.stringify(state));
    return state;
  };
  return {
    async load() {
      const states: Record<string, IngestState> = {};
      for (const row of await sources.list()) {
        const state = keep(row.source, row.state);
        if (state) states[row.source] = state;
      }
      return states;
    },
    async loadOne(source) {
      return keep(source, await sources.get(source));
    },
    async save(states) {
      for (const [source, state] of Object.entries(states)) {
        const text = JSON.stringify(state);
        if (saved.get(source) === text) continue;
        await sources.put(source, state, now());
        saved.set(source, text);
      }
    },
  };
}
