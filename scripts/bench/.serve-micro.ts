import { readFile } from "node:fs/promises";
import { createEngine } from "../../src/answer/engine.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { createLogger } from "../../src/logger.js";
import { buildIndex } from "../../src/search/build-index.js";
import { createChannelWorkflows } from "../../src/slack/channel-workflows.js";
import { createInFlight } from "../../src/slack/in-flight.js";
import { createRequestClaims } from "../../src/slack/request-claims.js";
import type { SlackDeps } from "../../src/slack/slack-deps.js";
import { handleAskCommand } from "../../src/slack/surfaces/slash-command.js";
import { newsQuestionsFile, seedCorpusDir } from "./paths.js";

const engine = createEngine(buildIndex(await loadCorpus(seedCorpusDir)));
const qs = (await readFile(newsQuestionsFile, "utf8"))
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l).question as string);
const asked = new Date().toISOString().slice(0, 10);
const answers = new Map(qs.map((q) => [q, engine.ask(q, { asked })]));
const logger = createLogger({ level: "info", destination: { write: () => {} } });
const now = () => new Date();
const deps: SlackDeps = {
  ask: async (q) => answers.get(q)!,
  logger,
  botUserId: "U1",
  claims: createRequestClaims({ logger }),
  inFlight: createInFlight(),
  now,
  workflows: createChannelWorkflows({ logger, editors: undefined as never, now }),
};
let bytes = 0;
const one = async (i: number) => {
  const command = {
    command: "/ask",
    text: qs[i % qs.length]!,
    team_id: "T1",
    channel_id: "C1",
    user_id: "U2",
    trigger_id: `t${i}`,
  } as never;
  await handleAskCommand(
    {
      command,
      ack: async (m: unknown) => {
        bytes += JSON.stringify(m).length;
      },
      context: { receivedAt: Date.now() },
      client: {} as never,
    } as never,
    deps,
  );
};
const N = Number(process.argv[2] ?? 20000);
for (let r = 0; r < 5; r++) {
  const t = performance.now();
  for (let i = 0; i < N; i++) await one(i);
  console.log(`${(((performance.now() - t) * 1000) / N).toFixed(2)} µs per command (${bytes})`);
}
