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

/** One sentence about the first option of `argv` that `command` does not know, or undefined. */
export function unknownOption(
  argv: readonly string[],
  known: readonly string[],
  command: string,
): string | undefined {
  const bad = argv.find(
    (a, i) => /^--?[^-\d]/.test(a) && !known.includes(a.split("=")[0]!) && !isValueOf(argv, i, known),
  );
  return bad === undefined
    ? undefined
    : `Unknown option ${bad.split("=")[0]}; run npm run ${command} -- --help to see the options.`;
}

// The value of a flag that takes one (`--engine '{"x":-1}'`) is not an option.
function isValueOf(argv: readonly string[], i: number, known: readonly string[]): boolean {
  const previous = argv[i - 1];
  return previous !== undefined && known.includes(previous) && VALUED.has(previous);
}
const VALUED = new Set(["--corpus", "--cache", "--engine", "--calibration-chart"]);
