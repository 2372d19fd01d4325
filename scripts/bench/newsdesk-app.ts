import type { AnswerOptions, AskFn, AsyncAskFn } from "../../src/answer/types.js";
import { loadCompiledApp } from "./compiled-app.js";
import { seedCorpusDir } from "./paths.js";

/**
 * Starts the project's HTTP-mode Slack app on the seed corpus, on a free loopback port, against the
 * Web API stand-in, as main.ts does in a Slack mode (the live index answering in its worker thread),
 * compiled as `npm start` runs it (compiled-app.ts); returns the port. It logs at info as in production, into a sink (the cost of formatting a line stays
 * in the figure, the terminal's does not).
 */
export async function startNewsdeskForBench(options: {
  apiUrl: string;
  signingSecret: string;
  /** Folder for the index cache (the parent creates and removes it). */
  cacheDir: string;
  /**
   * Questions answered once before the app starts; the app then gets those answers from a map (others
   * are answered as usual). Measures the app without the engine's cost. Default: none.
   */
  precompute?: readonly string[];
  /** Open the embedded SQLite store in this folder, as main.ts does with DATA_DIR. Default: no store. */
  dataDir?: string;
}): Promise<number> {
  const {
    loadConfig,
    isSlackConfig,
    loadCorpus,
    createLogger,
    createRemoteLiveIndex,
    startSlackApp,
    openStore,
    openEngine,
  } = await loadCompiledApp();
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-bench-newsdesk",
    SLACK_SIGNING_SECRET: options.signingSecret,
    SLACK_API_URL: options.apiUrl,
    LOG_LEVEL: "info",
  });
  if (!isSlackConfig(config)) throw new Error("the bench's Slack settings did not select a Slack mode");
  const logger = createLogger({ level: "info", destination: { write: () => {} } });
  let ask: AsyncAskFn;
  if (options.precompute) {
    // The ceiling: no engine at all, answers from a map on the serving thread.
    const loaded = await openEngine(await loadCorpus(seedCorpusDir), { cacheDir: options.cacheDir });
    ask = precomputedAsk(loaded.ask, options.precompute);
  } else {
    const live = await createRemoteLiveIndex({
      corpusDir: seedCorpusDir,
      cacheDir: options.cacheDir,
      logger,
      watch: false,
    });
    ask = live.ask;
  }
  const store = options.dataDir ? openStore({ dataDir: options.dataDir, logger }) : undefined;
  if (store) {
    await store.init();
    store.start();
  }
  const handle = await startSlackApp({
    config,
    ask,
    logger,
    port: 0,
    host: "127.0.0.1",
    ...(store ? { store } : {}),
  });
  if (handle.port === null) throw new Error("the Slack app did not start in HTTP mode");
  return handle.port;
}

/**
 * `ask` with the given questions answered up front, as the app asks them: with the day of asking (every
 * Slack surface passes it) and nothing else. Keyed by question and options, so an ask with other options
 * (or another day) is answered by the engine, as it would be.
 */
function precomputedAsk(ask: AskFn, questions: readonly string[]): AskFn {
  const asked = new Date().toISOString().slice(0, 10);
  const keyOf = (question: string, options: AnswerOptions | undefined) =>
    `${question}\u0000${JSON.stringify(options ?? {})}`;
  const answers = new Map(questions.map((q) => [keyOf(q, { asked }), ask(q, { asked })]));
  return (question, options) => answers.get(keyOf(question, options)) ?? ask(question, options);
}
