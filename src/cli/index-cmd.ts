import { loadCorpus } from "../corpus/load-corpus.js";
import { NewsdeskError } from "../errors.js";
import { loadOrBuildIndex } from "../search/index.js";
import { cacheDirFrom, corpusDirFrom } from "./engine-args.js";

/** `npm run index [-- --corpus DIR]`: builds (or verifies) the persisted index and says what it holds. */
async function main(argv: string[]): Promise<void> {
  const corpusDir = corpusDirFrom(argv);
  const cacheDir = cacheDirFrom(argv);
  const started = performance.now();
  const corpus = await loadCorpus(corpusDir);
  const loadMs = performance.now() - started;
  const { index, source, ms, file } = await loadOrBuildIndex(corpus, { cacheDir });
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
