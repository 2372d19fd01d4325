import { openEngine } from "../answer/index.js";
import { loadCorpus } from "../corpus/index.js";
import { NewsdeskError } from "../errors.js";
import { cacheDirFrom, corpusDirFrom } from "./engine-args.js";
import { createProgress, type Progress } from "./progress.js";

/** `npm run index [-- --corpus DIR]`: builds (or verifies) the persisted index and says what it holds. */
async function main(argv: string[]): Promise<void> {
  const corpusDir = corpusDirFrom(argv);
  const cacheDir = cacheDirFrom(argv);
  const started = performance.now();
  // A large corpus takes a while to read: a bar on a terminal, a line per 1,000 files otherwise
  // (from 500 files: a small corpus reads in a blink).
  let progress: Progress | undefined;
  let seen = 0;
  const corpus = await loadCorpus(corpusDir, {
    onProgress: (read, files) => {
      if (files < 500) return;
      progress ??= createProgress({ unit: "files", every: 1000 });
      if (seen === 0) progress.addTotal(files);
      while (seen < read) {
        progress.tick();
        seen++;
      }
    },
  });
  progress?.tick();
  progress?.stop();
  const loadMs = performance.now() - started;
  const { index, source, ms, file } = await openEngine(corpus, { cacheDir });
  process.stdout.write(
    `${[
      `corpus ${corpusDir}: ${corpus.articles.length} articles, ${index.docCount} paragraphs (read in ${Math.round(loadMs)} ms)`,
      `index ${source === "built" ? "built and saved" : "loaded from cache"} in ${Math.round(ms)} ms: ${index.terms.length} terms, ${index.postingDocs.length} postings`,
      `cache file ${file}`,
    ].join("\n")}\n`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof NewsdeskError ? error.message : String((error as Error)?.stack ?? error)}\n`,
  );
  process.exitCode = 1;
});
