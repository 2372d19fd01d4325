/**
 * A follow-up's answer time in Slack: reading its thread (one `conversations.replies` through the
 * app's fail-fast thread reader) and answering with it, against a loopback stand-in that holds each
 * conversation as Slack would — the asker's questions and Newsdesk's answers with their metadata — and
 * answers after a set latency. The same follow-ups answered alone are the baseline.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createEngine } from "../../src/answer/engine.js";
import { turnOf } from "../../src/answer/follow-up.js";
import type { AskFn, ThreadTurn } from "../../src/answer/types.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { createLogger } from "../../src/logger.js";
import { buildIndex } from "../../src/search/build-index.js";
import { renderAnswer } from "../../src/slack/answer-blocks.js";
import { threadMetadata } from "../../src/slack/thread-metadata.js";
import { createThreadReader } from "../../src/slack/thread-reader.js";
import { type LatencySummary, summarize } from "./percentile.js";

export interface FollowUpBenchOptions {
  corpusDir: string;
  /** Conversations, one JSON line each: {"id", "turns": [{"question", "asked"?}, …]}. */
  conversationsFile: string;
  /** Times every follow-up is timed (after one warm-up pass). */
  rounds: number;
  /** The stand-in answers conversations.replies after this long, ms (Slack's own latency stands in). */
  latencyMs: number;
}

export interface FollowUpFigures {
  latencyMs: number;
  followUps: number;
  /** Web API calls per follow-up (the issue allows one). */
  callsPerFollowUp: number;
  /** Follow-ups whose thread read back no earlier turn (should be 0). */
  unread: number;
  /** The thread read alone, ms. */
  read: LatencySummary;
  /** Read plus answer with the thread: the follow-up's answer time, ms. */
  withThread: LatencySummary;
  /** The same question answered alone (no read), ms. */
  alone: LatencySummary;
}

const BOT_ID = "B0BENCH";
const BOT_USER = "U0BENCHBOT";

interface Turn {
  question: string;
  asked?: string;
}
interface FollowUp {
  threadTs: string;
  beforeTs: string;
  question: string;
  asked: string | undefined;
}

/** Each conversation as its thread's messages (as answered with the thread), and its follow-ups. */
function threadsOf(ask: AskFn, conversations: Array<{ turns: Turn[] }>) {
  const threads = new Map<string, Record<string, unknown>[]>();
  const followUps: FollowUp[] = [];
  for (const [c, conversation] of conversations.entries()) {
    const threadTs = `${1_700_000_000 + c}.000000`;
    const messages: Record<string, unknown>[] = [];
    const turns: ThreadTurn[] = [];
    for (const [i, turn] of conversation.turns.entries()) {
      const asked = `${1_700_000_000 + c}.${String(2 * i).padStart(6, "0")}`;
      const options = { limit: 3, ...(turn.asked ? { asked: turn.asked } : {}) };
      const answer = ask(turn.question, i === 0 ? options : { ...options, thread: { turns: [...turns] } });
      turns.push(turnOf(answer));
      if (i > 0) followUps.push({ threadTs, beforeTs: asked, question: turn.question, asked: turn.asked });
      messages.push({
        type: "message",
        ts: asked,
        user: "U0ASKER",
        text: turn.question,
        thread_ts: threadTs,
      });
      messages.push({
        type: "message",
        ts: `${1_700_000_000 + c}.${String(2 * i + 1).padStart(6, "0")}`,
        user: BOT_USER,
        bot_id: BOT_ID,
        thread_ts: threadTs,
        text: renderAnswer(answer).text,
        metadata: threadMetadata(answer),
      });
    }
    threads.set(threadTs, messages);
  }
  return { threads, followUps };
}

/** conversations.replies over loopback HTTP, answered after `latencyMs`; counts its calls. */
async function startRepliesStandIn(threads: Map<string, Record<string, unknown>[]>, latencyMs: number) {
  const state = { calls: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      state.calls += 1;
      const ts = new URLSearchParams(Buffer.concat(chunks).toString("utf8")).get("ts") ?? "";
      const messages = threads.get(ts);
      const body = messages
        ? { ok: true, messages, has_more: false, response_metadata: { next_cursor: "" } }
        : { ok: false, error: "thread_not_found" };
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      }, latencyMs);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function benchFollowUps(options: FollowUpBenchOptions): Promise<FollowUpFigures> {
  const ask = createEngine(buildIndex(await loadCorpus(options.corpusDir))).ask;
  const conversations = (await readFile(options.conversationsFile, "utf8"))
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { turns: Turn[] });
  const { threads, followUps } = threadsOf(ask, conversations);
  const standIn = await startRepliesStandIn(threads, options.latencyMs);
  const read = createThreadReader({ slackApiUrl: standIn.apiUrl, logger: createLogger({ level: "silent" }) });
  const samples = { read: [] as number[], withThread: [] as number[], alone: [] as number[] };
  const state = { unread: 0 };
  try {
    for (let round = -1; round < options.rounds; round += 1) {
      const callsBefore = standIn.state.calls;
      for (const f of followUps) {
        const asked = f.asked ? { asked: f.asked } : {};
        const startedAt = performance.now();
        const thread = await read({
          token: "xoxb-bench",
          channel: "D0BENCH",
          threadTs: f.threadTs,
          beforeTs: f.beforeTs,
          self: { botId: BOT_ID, botUserId: BOT_USER },
        });
        const readAt = performance.now();
        ask(f.question, { limit: 3, ...asked, thread });
        const answeredAt = performance.now();
        ask(f.question, { limit: 3, ...asked });
        const aloneAt = performance.now();
        if (round < 0) continue; // warm-up
        if (!("turns" in thread)) state.unread += 1;
        samples.read.push(readAt - startedAt);
        samples.withThread.push(answeredAt - startedAt);
        samples.alone.push(aloneAt - answeredAt);
      }
      if (round === 0 && standIn.state.calls - callsBefore !== followUps.length) {
        throw new Error("a follow-up made other than one conversations.replies call");
      }
    }
  } finally {
    await standIn.close();
  }
  return {
    latencyMs: options.latencyMs,
    followUps: followUps.length,
    callsPerFollowUp: 1,
    unread: state.unread,
    read: summarize(samples.read),
    withThread: summarize(samples.withThread),
    alone: summarize(samples.alone),
  };
}

/** The bench's table of follow-up figures. */
export function followUpTable(rows: readonly FollowUpFigures[]): string {
  const ms = (v: number) => (v < 10 ? v.toFixed(1) : String(Math.round(v)));
  return [
    "| stand-in latency | follow-ups × rounds | read p50 / p99 | answer with thread p50 / p99 | answered alone p50 / p99 | unread |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| ${r.latencyMs} ms | ${r.followUps} × ${r.read.count / r.followUps} | ${ms(r.read.p50)} / ${ms(r.read.p99)} ms | ${ms(r.withThread.p50)} / ${ms(r.withThread.p99)} ms | ${ms(r.alone.p50)} / ${ms(r.alone.p99)} ms | ${r.unread} |`,
    ),
  ].join("\n");
}
