import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { openEngine } from "../../src/answer/engine.js";
import type { isSlackConfig, loadConfig } from "../../src/config.js";
import type { loadCorpus } from "../../src/corpus/load-corpus.js";
import type { createLogger } from "../../src/logger.js";
import type { createRemoteLiveIndex } from "../../src/runtime/remote-live-index.js";
import type { startSlackApp } from "../../src/slack/start-slack-app.js";
import type { openStore } from "../../src/store/index.js";
import { repoRoot } from "./paths.js";

/** The parts of the compiled app (dist/) that the bench's HTTP app is made of. */
export interface CompiledApp {
  loadConfig: typeof loadConfig;
  isSlackConfig: typeof isSlackConfig;
  loadCorpus: typeof loadCorpus;
  createLogger: typeof createLogger;
  createRemoteLiveIndex: typeof createRemoteLiveIndex;
  startSlackApp: typeof startSlackApp;
  openStore: typeof openStore;
  openEngine: typeof openEngine;
}

/**
 * The app as `npm start` runs it: compiled by scripts/build.mjs (which returns at once when dist/ is up
 * to date) and loaded from dist/, its index worker too. Under tsx the sources are transformed with
 * esbuild's keepNames, which wraps every function made, closures per request included, in a naming
 * call — a cost the compiled app does not pay, and bare Bolt (plain JavaScript) never does.
 */
export async function loadCompiledApp(): Promise<CompiledApp> {
  const built = spawnSync(process.execPath, [path.join(repoRoot, "scripts/build.mjs")], { encoding: "utf8" });
  if (built.status !== 0) throw new Error(`npm run build failed:\n${built.stderr || built.stdout}`);
  const dist = (file: string) => import(pathToFileURL(path.join(repoRoot, "dist", file)).href);
  const [config, corpus, logger, runtime, slack, store, engine] = await Promise.all([
    dist("config.js"),
    dist("corpus/load-corpus.js"),
    dist("logger.js"),
    dist("runtime/remote-live-index.js"),
    dist("slack/start-slack-app.js"),
    dist("store/index.js"),
    dist("answer/engine.js"),
  ]);
  return {
    loadConfig: config.loadConfig,
    isSlackConfig: config.isSlackConfig,
    loadCorpus: corpus.loadCorpus,
    createLogger: logger.createLogger,
    createRemoteLiveIndex: runtime.createRemoteLiveIndex,
    startSlackApp: slack.startSlackApp,
    openStore: store.openStore,
    openEngine: engine.openEngine,
  };
}
