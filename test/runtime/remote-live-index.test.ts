/**
 * The live index in its worker thread, as the Slack modes run it: the same answers, status and health
 * as in the thread, reloads seen through it, a first load's corpus error passed on, and a worker that
 * dies restarted while its pending asks fail with a code.
 */
import { writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import type { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { createLiveIndex } from "../../src/runtime/live-index.js";
import { createRemoteLiveIndex, type RemoteLiveIndex } from "../../src/runtime/remote-live-index.js";
import { startRuntimeWorker } from "../../src/runtime/start-worker.js";
import { tempDir } from "../support/paths.js";
import { barrier, ferry, scratchCorpus } from "./corpus-scratch.js";

const open: RemoteLiveIndex[] = [];
afterEach(async () => {
  for (const live of open.splice(0)) await live.close();
});

const QUESTIONS = [
  "How much will the barrier gates cost?",
  "How many ferry sailings a day?",
  "Who won the cup final?",
  "How did councillors vote on the barier?",
];

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await sleep(50);
  }
}

describe("createRemoteLiveIndex", () => {
  it("answers, and reports status and health, as the live index does in this thread", async () => {
    const { dir } = await scratchCorpus([barrier, ferry]);
    const cacheDir = await tempDir();
    const local = await createLiveIndex({ corpusDir: dir, cacheDir, watch: false });
    const remote = await createRemoteLiveIndex({ corpusDir: dir, cacheDir, watch: false });
    open.push(remote);
    try {
      for (const q of QUESTIONS) expect(await remote.ask(q)).toEqual(local.ask(q));
      expect(await remote.ask(QUESTIONS[0]!, { limit: 1 })).toEqual(local.ask(QUESTIONS[0]!, { limit: 1 }));
      const { builtAt: _a, ...status } = await remote.status();
      const { builtAt: _b, ...localStatus } = local.status();
      expect(status).toEqual(localStatus);
      expect(remote.health()).toMatchObject({ ok: true, state: "ok", articles: 2 });
    } finally {
      local.close();
    }
  });

  it("sees a reload: a new article is answered, and status and health count it", async () => {
    const { dir, put } = await scratchCorpus([barrier]);
    const remote = await createRemoteLiveIndex({ corpusDir: dir, cacheDir: await tempDir(), debounceMs: 20 });
    open.push(remote);
    expect((await remote.ask("ferry sailings")).found).toBe(false);
    await put(ferry);
    const status = await until(
      () => remote.status(),
      (s) => s.articles === 2 && !s.reloading,
    );
    expect(status.articles).toBe(2);
    expect((await remote.ask("How many ferry sailings a day?")).passages[0]?.articleId).toBe("ferry");
    await until(
      async () => remote.health(),
      (h) => h.articles === 2,
    );
    expect(remote.health().articles).toBe(2);
  });

  it("rejects with the corpus error when the first load fails, naming the file", async () => {
    // Nothing loads: a bad file alone would be set aside and the rest served (issue 24, item 2).
    const dir = await tempDir();
    await writeFile(`${dir}/broken.jsonl`, '{"id": "j2", "title": \n');
    await expect(
      createRemoteLiveIndex({ corpusDir: dir, cacheDir: await tempDir(), watch: false }),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/^corpus_/),
      message: expect.stringContaining("broken.jsonl"),
    });
  });

  it("fails the asks pending when its worker dies, answers none meanwhile, then restarts it", async () => {
    const { dir } = await scratchCorpus([barrier, ferry]);
    const workers: Worker[] = [];
    const lines: string[] = [];
    const note = (_fields: object, message: string) => {
      lines.push(message);
    };
    const remote = await createRemoteLiveIndex({
      corpusDir: dir,
      cacheDir: await tempDir(),
      watch: false,
      restartDelayMs: 50,
      logger: { info: note, warn: note, error: note },
      startWorker: (name, data) => {
        const worker = startRuntimeWorker(name, data);
        workers.push(worker);
        return worker;
      },
    });
    open.push(remote);
    const pending = remote.ask("How much will the barrier gates cost?").then(
      (answer) => answer.passages[0]?.text ?? "",
      (error: { code?: string }) => error.code,
    );
    await workers[0]!.terminate();
    // Answered just before the end, or failed with the code: never left hanging, never a wrong answer.
    expect(await pending).toMatch(/48 million pounds|^index_unavailable$/);
    await expect(remote.ask("ferry")).rejects.toMatchObject({ code: "index_unavailable" });
    expect(remote.health().ok).toBe(false);
    const answer = await until(
      () => remote.ask("How much will the barrier gates cost?").catch(() => undefined),
      (a) => a !== undefined,
    );
    expect(answer?.passages[0]?.text).toContain("48 million pounds");
    expect(workers).toHaveLength(2);
    expect(lines.join("\n")).toMatch(/Index worker exited[\s\S]*Index worker restarted/);
  });
});
