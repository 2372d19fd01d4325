/**
 * The worker protocol (src/runtime/worker-protocol.ts): its guards accept every message the two sides
 * really send — recorded from a live index worker at work, and from the one-shot workers — and reject
 * malformed ones; and a malformed message, either way, is logged with its code and ignored while the
 * live index goes on answering.
 */
import { rm, writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import type { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { createRemoteLiveIndex, type RemoteLiveIndex } from "../../src/runtime/remote-live-index.js";
import { runWorkerOnce } from "../../src/runtime/run-worker.js";
import type { RuntimeLogger } from "../../src/runtime/runtime-logger.js";
import { startRuntimeWorker } from "../../src/runtime/start-worker.js";
import { warmIndexCache } from "../../src/runtime/warm-cache.js";
import {
  isFromIndexWorker,
  isStartupCheck,
  isToIndexWorker,
  isWarmResult,
} from "../../src/runtime/worker-protocol.js";
import { tempDir } from "../support/paths.js";
import { barrier, ferry, scratchCorpus } from "./corpus-scratch.js";

const open: RemoteLiveIndex[] = [];
afterEach(async () => {
  for (const live of open.splice(0)) await live.close();
});

interface Line {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

function recorder(): { logger: RuntimeLogger; lines: Line[] } {
  const lines: Line[] = [];
  const at =
    (level: string) =>
    (fields: Record<string, unknown>, message: string): void => {
      lines.push({ level, fields, message });
    };
  return { logger: { info: at("info"), warn: at("warn"), error: at("error") }, lines };
}

/** A remote live index whose worker's traffic, both ways, is recorded. */
async function recordedRemote(dir: string) {
  const toWorker: unknown[] = [];
  const fromWorker: unknown[] = [];
  const workers: Worker[] = [];
  const { logger, lines } = recorder();
  const remote = await createRemoteLiveIndex({
    corpusDir: dir,
    cacheDir: await tempDir(),
    debounceMs: 20,
    logger,
    startWorker: (name, data) => {
      const worker = startRuntimeWorker(name, data);
      worker.on("message", (message: unknown) => fromWorker.push(message));
      const post = worker.postMessage.bind(worker);
      worker.postMessage = (message: unknown, transfer?: never) => {
        toWorker.push(message);
        post(message, transfer);
      };
      workers.push(worker);
      return worker;
    },
  });
  open.push(remote);
  return { remote, toWorker, fromWorker, workers, lines };
}

async function until(done: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await sleep(25);
}

const typeOf = (message: unknown) => (message as { type?: unknown }).type;

describe("the live index worker's protocol", () => {
  it("accepts every message both sides send while the index answers, reloads and reports", async () => {
    const { dir, put } = await scratchCorpus([barrier]);
    const { remote, toWorker, fromWorker } = await recordedRemote(dir);
    await remote.ask("How much will the barrier gates cost?", { limit: 1, asked: "2024-05-01" });
    await remote.ask("Who won the cup final?");
    await remote.status();
    await remote.memory();
    await put(ferry);
    await until(() => remote.health().articles === 2);
    await writeFile(`${dir}/broken.md`, "no front matter\n");
    await until(() => remote.health().errors.length === 1);
    await remote.close();

    expect(new Set(toWorker.map(typeOf))).toEqual(new Set(["ask", "status", "memory", "close"]));
    expect(toWorker.filter((message) => !isToIndexWorker(message))).toEqual([]);
    expect(new Set(fromWorker.map(typeOf))).toEqual(
      new Set(["ready", "health", "log", "answer", "status", "memory"]),
    );
    expect(fromWorker.filter((message) => !isFromIndexWorker(message))).toEqual([]);
  });

  it("sends asks made together as one message each way, answered as asked alone", async () => {
    const { dir } = await scratchCorpus([barrier, ferry]);
    const { remote, toWorker, fromWorker } = await recordedRemote(dir);
    const questions = [
      "How much will the barrier gates cost?",
      "Who runs the ferry?",
      "Who won the cup final?",
    ];
    const alone = [];
    for (const q of questions) alone.push(await remote.ask(q, { asked: "2024-05-01" }));
    const before = { to: toWorker.length, from: fromWorker.length };
    const together = await Promise.all(questions.map((q) => remote.ask(q, { asked: "2024-05-01" })));
    expect(together).toEqual(alone);
    const batches = (messages: unknown[]) =>
      messages.filter((m) => typeOf(m) === "batch") as { messages: { type: string }[] }[];
    // The three asks went as one message. Their answers come back together too, except that the worker
    // sends what it holds once an answer has waited REPLY_WAIT_MS (2 ms), which a loaded machine
    // exceeds: so the three come in one batch, or a batch of two and one alone, never three messages.
    expect(batches(toWorker).map((b) => b.messages.map((m) => m.type))).toEqual([["ask", "ask", "ask"]]);
    expect(toWorker.slice(before.to).map(typeOf)).toEqual(["batch"]);
    const replies = fromWorker.slice(before.from);
    const answerBatches = batches(replies).filter((b) => b.messages.some((m) => m.type === "answer"));
    const lone = replies.filter((m) => typeOf(m) === "answer").length;
    const batched = answerBatches.flatMap((b) => b.messages).filter((m) => m.type === "answer").length;
    expect(batched + lone).toBe(3);
    expect(answerBatches.length + lone).toBeLessThanOrEqual(2);
    expect(answerBatches.length).toBeGreaterThanOrEqual(1);
    expect(toWorker.filter((message) => !isToIndexWorker(message))).toEqual([]);
    expect(fromWorker.filter((message) => !isFromIndexWorker(message))).toEqual([]);
  });

  it("accepts the worker's report of a failed first load, with the corpus error's code", async () => {
    // Nothing loads (one bad file beside good ones is set aside, not a failed start).
    const dir = await tempDir();
    await writeFile(`${dir}/broken.jsonl`, '{"id": "j2", "title": \n');
    const fromWorker: unknown[] = [];
    await expect(
      createRemoteLiveIndex({
        corpusDir: dir,
        cacheDir: await tempDir(),
        watch: false,
        startWorker: (name, data) => {
          const worker = startRuntimeWorker(name, data);
          worker.on("message", (message: unknown) => fromWorker.push(message));
          return worker;
        },
      }),
    ).rejects.toMatchObject({ code: "corpus_bad_json" });
    expect(fromWorker).toEqual([{ type: "failed", code: "corpus_bad_json", message: expect.any(String) }]);
    expect(isFromIndexWorker(fromWorker[0])).toBe(true);
  });

  it("accepts a failed answer, and rejects malformed messages in both directions", () => {
    expect(isFromIndexWorker({ type: "answer", id: 3, error: "boom" })).toBe(true);
    const fromWorker: unknown[] = [
      null,
      "ready",
      [{ type: "ready" }],
      {},
      { type: "unknown" },
      { type: "ready", health: { ok: true, state: "ok", errors: [] } },
      { type: "failed", code: "no_such_code", message: "m" },
      { type: "failed", code: "corpus_bad_json" },
      { type: "health", health: null },
      { type: "log", level: "fatal", fields: {}, message: "m" },
      { type: "log", level: "info", fields: "x", message: "m" },
      { type: "answer", id: "1", answer: { found: false, passages: [] } },
      { type: "answer", id: 1 },
      { type: "answer", id: 1, answer: "not an answer" },
      { type: "answer", id: 1, answer: { found: true, passages: [] }, error: "both" },
      { type: "status", id: 1.5, status: { articles: 1, errors: [] } },
      { type: "status", id: 1, status: { articles: "1", errors: [] } },
      { type: "memory", id: 1, memory: {} },
      { type: "batch", messages: [] },
      { type: "batch", messages: [{ type: "answer", id: 1 }] },
      { type: "batch", messages: [{ type: "health", health: { ok: true, state: "ok", errors: [] } }] },
    ];
    expect(fromWorker.filter(isFromIndexWorker)).toEqual([]);
    const toWorker: unknown[] = [
      undefined,
      { type: "ask", id: 1 },
      { type: "ask", id: 1, question: 42 },
      { type: "ask", id: 1, question: "q", options: "limit=1" },
      { type: "ask", question: "q" },
      { type: "status" },
      { type: "memory", id: Number.NaN },
      { type: "reload" },
      { type: "batch", messages: "ask" },
      { type: "batch", messages: [{ type: "close" }] },
      { type: "batch", messages: [{ type: "ask", id: 1, question: "q" }, { type: "status" }] },
    ];
    expect(toWorker.filter(isToIndexWorker)).toEqual([]);
  });

  it("logs and ignores a malformed message from its worker, and goes on answering", async () => {
    const { dir } = await scratchCorpus([barrier, ferry]);
    const { remote, workers, lines } = await recordedRemote(dir);
    const before = await remote.ask("How much will the barrier gates cost?");
    const pending = remote.ask("How many ferry sailings a day?");
    const worker = workers[0]!;
    // As if these came from the worker thread: a log at an unknown level (once a TypeError thrown on the
    // message handler), a reply to the pending ask with no answer (once a rejection with a made-up error),
    // and things that are not protocol messages at all.
    for (const message of [
      { type: "log", level: "fatal", fields: {}, message: "m" },
      { type: "answer", id: 2 },
      { type: "health", health: "on fire" },
      null,
      "ready",
    ]) {
      worker.emit("message", message);
    }
    expect((await pending).passages[0]?.articleId).toBe("ferry");
    expect(await remote.ask("How much will the barrier gates cost?")).toEqual(before);
    expect(remote.health()).toMatchObject({ ok: true, state: "ok" });
    const warnings = lines.filter((line) => line.fields.code === "worker_message_unexpected");
    expect(warnings.map((line) => line.fields.received)).toEqual([
      'type "log"',
      'type "answer"',
      'type "health"',
      "null",
      "string",
    ]);
    expect(
      warnings.every((line) => line.level === "warn" && line.fields.worker === "live-index-worker"),
    ).toBe(true);
    expect(workers).toHaveLength(1);
  });

  it("has the worker log and ignore a malformed request, and go on answering", async () => {
    const { dir } = await scratchCorpus([barrier]);
    const { remote, workers, lines } = await recordedRemote(dir);
    workers[0]!.postMessage({ type: "ask", question: "no id" });
    workers[0]!.postMessage({ type: "reload" });
    await until(() => lines.filter((line) => line.fields.code === "worker_message_unexpected").length === 2);
    const warnings = lines.filter((line) => line.fields.code === "worker_message_unexpected");
    expect(warnings.map((line) => line.fields.received)).toEqual(['type "ask"', 'type "reload"']);
    expect((await remote.ask("How much will the barrier gates cost?")).passages[0]?.text).toContain(
      "48 million pounds",
    );
    expect(workers).toHaveLength(1);
  });
});

describe("the one-shot workers' protocol", () => {
  it("accepts the warm-up worker's results, built and failed, and rejects malformed ones", async () => {
    const { dir, file } = await scratchCorpus([barrier]);
    const built = await warmIndexCache(dir, await tempDir());
    expect(built).toEqual({ ok: true, source: "built", changed: false, snapshotKey: expect.any(String) });
    expect(isWarmResult(built)).toBe(true);
    await writeFile(file("bad.md"), "no front matter\n");
    const aside = await warmIndexCache(dir, await tempDir());
    expect(aside).toMatchObject({
      ok: true,
      setAside: [{ code: "corpus_no_front_matter", file: file("bad.md") }],
    });
    expect(isWarmResult(aside)).toBe(true);
    await rm(file("barrier.md"));
    const failed = await warmIndexCache(dir, await tempDir());
    expect(failed).toMatchObject({
      ok: false,
      issues: [{ code: "corpus_no_front_matter", file: file("bad.md") }],
    });
    expect(isWarmResult({ ok: true, source: "built", index: new Uint8Array(4) })).toBe(true);
    for (const malformed of [
      null,
      { ok: true },
      { ok: true, source: "disk" },
      { ok: true, source: "built", index: [1, 2] },
      { ok: true, source: "built", snapshotKey: 7 },
      { ok: true, source: "built", setAside: [{ code: "corpus_bad_yaml", file: 1, message: "m" }] },
      { ok: false },
      { ok: false, message: "m", issues: [{ code: "no_such_code", file: "a.md", message: "m" }] },
      { ok: false, message: "m", issues: "a.md" },
      { ok: "yes", source: "built" },
    ]) {
      expect(isWarmResult(malformed), JSON.stringify(malformed)).toBe(false);
    }
  });

  it("accepts the start-up check's three results and rejects malformed ones", () => {
    expect(isStartupCheck({ ok: true, match: true })).toBe(true);
    expect(
      isStartupCheck({
        ok: true,
        match: true,
        setAside: [{ code: "corpus_bad_yaml", file: "a.md", message: "m" }],
      }),
    ).toBe(true);
    expect(isStartupCheck({ ok: true, match: false, reason: "stale" })).toBe(true);
    expect(isStartupCheck({ ok: false, message: "m" })).toBe(true);
    for (const malformed of [{}, { ok: true }, { ok: true, match: false }, { ok: false }, [true]]) {
      expect(isStartupCheck(malformed), JSON.stringify(malformed)).toBe(false);
    }
  });

  it("logs a result its guard rejects and does not take it for the result", async () => {
    const { dir } = await scratchCorpus([barrier]);
    const { logger, lines } = recorder();
    const run = runWorkerOnce(
      "warm-cache-worker",
      { corpusDir: dir, cacheDir: await tempDir() },
      { isResult: isStartupCheck, logger },
    );
    expect(await run.result).toEqual({ ok: false, message: "worker exited with code 0" });
    expect(lines).toEqual([
      {
        level: "warn",
        fields: {
          code: "worker_message_unexpected",
          worker: "warm-cache-worker",
          received: "an object without a type",
        },
        message: expect.stringContaining("Ignored a message outside the worker protocol"),
      },
    ]);
  });
});
