import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The shared data folder next to the checkout (eval sets, seed, archive). */
export const sharedDir = path.resolve(repoRoot, "../shared");
export const hasShared = existsSync(path.join(sharedDir, "eval"));
export const seedFile = path.join(sharedDir, "seeds/000_28a7ac44a7372d17.txt");
export const corpusDir = path.join(repoRoot, "corpus");

export function tempDir(prefix = "newsdesk-"): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}
