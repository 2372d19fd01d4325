import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { IngestState } from "./ingest-source.js";

/** Where each source's memory (validators, stamps) is kept between runs of the bot. */
export interface SourceStateStore {
  load(): Promise<Record<string, IngestState>>;
  save(states: Record<string, IngestState>): Promise<void>;
}

/**
 * A JSON file (in the cache folder): losing it costs one full poll, never an article, so a file
 * that cannot be read starts empty.
 */
export function createFileStateStore(file: string): SourceStateStore {
  return {
    async load() {
      try {
        const data = JSON.parse(await readFile(file, "utf8")) as Record<string, IngestState>;
        return data && typeof data === "object" ? data : {};
      } catch {
        return {};
      }
    },
    async save(states) {
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(states));
      await rename(temporary, file);
    },
  };
}
