import path from "node:path";
import { loadConfigFromEnvironment } from "../config.js";

/** `--name value` from argv, or undefined. */
export function flagValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i !== -1 && i + 1 < argv.length) return argv[i + 1];
  const inline = argv.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

/** Corpus folder of a command: --corpus, else the configuration (CORPUS_DIR, else the repo's corpus/). */
export function corpusDirFrom(argv: readonly string[]): string {
  const dir = flagValue(argv, "--corpus");
  return dir ? path.resolve(dir) : loadConfigFromEnvironment().corpusDir;
}

/** Index cache folder of a command: --cache, else the configuration (CACHE_DIR, else the repo's .cache/). */
export function cacheDirFrom(argv: readonly string[]): string {
  const dir = flagValue(argv, "--cache");
  return dir ? path.resolve(dir) : loadConfigFromEnvironment().cacheDir;
}
