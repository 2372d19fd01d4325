import { createAsk } from "../answer/create-ask.js";
import { loadOrBuildIndex } from "../search/index.js";
import type { BuildAsk } from "./live-index.js";

/** The engine's index for a corpus — from the cache when it matches, else built and cached — as an AskFn. */
export const engineBuild: BuildAsk = async (corpus, { cacheDir, logger }) => {
  const { index } = await loadOrBuildIndex(corpus, {
    cacheDir,
    logger: { info: (message) => logger.info({}, message), warn: (message) => logger.warn({}, message) },
  });
  return createAsk(index);
};
