import path from "node:path";
import { defaultCorpusDir } from "./paths.js";

/** `--name value` from argv, or undefined. */
export function flagValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i !== -1 && i + 1 < argv.length) return argv[i + 1];
  const inline = argv.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

/** Corpus folder of an engine command: --corpus, else CORPUS_DIR, else the repo's corpus/. */
export function corpusDirFrom(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  const dir = flagValue(argv, "--corpus") ?? env.CORPUS_DIR;
  return dir && dir.length > 0 ? path.resolve(dir) : defaultCorpusDir();
}
