import { NewsdeskError } from "./errors.js";

/**
 * Prints a start-up failure for a person and returns the exit code: our errors as their one sentence,
 * anything else in full. Shared by the bot (main.ts) and the command-line tools.
 */
export function reportStartupError(error: unknown): number {
  if (error instanceof NewsdeskError) console.error(error.message);
  else console.error(error);
  return 1;
}
