import type { Readable, Writable } from "node:stream";
import type { AskFn } from "../answer/index.js";

/** Dependencies and options of the local shell. */
export interface ShellOptions {
  ask: AskFn;
  input: Readable;
  output: Writable;
  /** Interactive terminal: prompt, ANSI bold, help banner. Default: `input.isTTY`. */
  interactive?: boolean;
  /** Extra `\name` commands (e.g. `\status`), each returning the text to print. */
  commands?: Record<string, ShellCommand>;
  /** Lines of earlier sessions, newest first, for the up-arrow history. Default none. */
  history?: string[];
  /** Called with the new history when the shell ends, to persist it. */
  onHistory?: (history: string[]) => void;
  /** Passages per answer. Default 3. */
  limit?: number;
  /** Terminal width for wrapping. Default: the output's columns, or 100. */
  width?: number;
  /** The clock: questions are asked on its UTC day (unless `asOf` is given). */
  now: () => Date;
  /** A fixed day of asking, "YYYY-MM-DD" (e.g. to see what the archive said on a past day). */
  asOf?: string;
}

/** An extra `\name` command of the shell. */
export interface ShellCommand {
  help: string;
  run: () => string | Promise<string>;
}
