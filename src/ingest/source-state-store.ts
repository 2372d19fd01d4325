import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { IngestState } from "./ingest-types.js";

/** Where each source's memory (validators, stamps) is kept between runs of the bot. */
export interface SourceStateStore {
  load(): Promise<Record<string, IngestState>>;
  save(states: Record<string, IngestState>): Promise<void>;
  /** One source's state as saved now (shared stores: the previous holder of its lease saved it). */
  loadOne?(source: string): Promise<IngestState | undefined>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isStringMap = (value: unknown): boolean =>
  isRecord(value) && Object.values(value).every((entry) => typeof entry === "string");

const isValidators = (value: unknown): boolean =>
  isRecord(value) &&
  Object.values(value).every(
    (entry) =>
      isRecord(entry) &&
      (entry.etag === undefined || typeof entry.etag === "string") &&
      (entry.lastModified === undefined || typeof entry.lastModified === "string"),
  );

/** Whether a saved value is a source's state as the poller uses it (anything else would fail it). */
export function isIngestState(value: unknown): value is IngestState {
  return (
    isRecord(value) &&
    isValidators(value.validators) &&
    isStringMap(value.seen) &&
    isStringMap(value.wordpress)
  );
}

/**
 * The states of a state file's text: a source whose saved state is not the poller's shape (a hand
 * edit, another version, `"validators": null`) starts empty, and so does every source when the text is
 * not JSON (a truncated write); each reset is told to `onReset` in one sentence.
 */
export function parseSourceStates(
  text: string,
  file: string,
  onReset: (message: string) => void,
): Record<string, IngestState> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    onReset(
      `The sources' state file ${file} is not valid JSON (a write cut short?); every source starts afresh and is polled in full once.`,
    );
    return {};
  }
  if (!isRecord(data)) {
    onReset(
      `The sources' state file ${file} does not hold one state per source; every source starts afresh and is polled in full once.`,
    );
    return {};
  }
  const states: Record<string, IngestState> = {};
  for (const [source, state] of Object.entries(data)) {
    if (isIngestState(state)) states[source] = state;
    else
      onReset(
        `The saved state of source ${source} in ${file} is not in the expected shape; it starts afresh and is polled in full once.`,
      );
  }
  return states;
}

/**
 * A JSON file (in the cache folder): losing it costs one full poll, never an article, so a file
 * that cannot be read, or a source's state of the wrong shape, starts empty — said in the log.
 */
export function createFileStateStore(
  file: string,
  onReset: (message: string) => void = () => {},
): SourceStateStore {
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
          onReset(
            `The sources' state file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}); every source is polled in full once.`,
          );
        }
        return {};
      }
      return parseSourceStates(text, file, onReset);
    },
    async save(states) {
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(states));
      await rename(temporary, file);
    },
  };
}
