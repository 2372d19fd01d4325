import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, whatever the working directory the command was started from. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
