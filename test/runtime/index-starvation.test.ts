import { writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLiveIndex, type LiveIndex } from "../../src/runtime/live-index.js";
import { type CorpusWatch, watchCorpus } from "../../src/runtime/watch-corpus.js";
import { tempDir } from "../support/paths.js";

// Issue 24, item 8: a change during a reload discarded it ("corpus changed while it was being
// indexed"), and the watcher waited for the folder to be quiet: a source writing an article every
// few hundred ms kept the index stale for as long as it wrote (240 articles over 60 s never became
// answerable). Now a reload finishes and swaps in, then one more picks up what changed meanwhile, and
// a stream of changes delays a reload by maxWaitMs at most.

const open: Array<LiveIndex | CorpusWatch> = [];
afterEach(() => {
  for (const item of open.splice(0)) item.close();
});

const markdown = (id: string, words: string) =>
  `---\nid: "${id}"\ntitle: "Harbour story ${id}"\npublication: "The Harbour Gazette"\n---\n\n${words}\n\nThe second paragraph of ${id} says the quay stays open through the winter months.\n`;

/** Writes one new article every `everyMs` until `stop()`; resolves with how many it wrote. */
function trickle(dir: string, everyMs: number) {
  const state = { written: 0, running: true };
  const done = (async () => {
    while (state.running) {
      const id = `trickle-${String(state.written).padStart(4, "0")}`;
      await writeFile(
        path.join(dir, `${id}.md`),
        markdown(id, `Trickled story number ${state.written} about the dredger.`),
      );
      state.written++;
      await sleep(everyMs);
    }
    return state.written;
  })();
  const stop = () => {
    state.running = false;
    return done;
  };
  return { state, stop };
}

describe("a stream of corpus writes", () => {
  it("does not hold the watcher's change back past maxWaitMs", async () => {
    const dir = await tempDir();
    let calls = 0;
    const watch = watchCorpus(dir, () => calls++, { debounceMs: 300, maxWaitMs: 600, pollMs: 0 });
    open.push(watch);
    const writes = trickle(dir, 50);
    await sleep(2500);
    const duringStream = calls;
    await writes.stop();
    // Every 50 ms is never 300 ms quiet: before, no call came until the stream stopped.
    expect(duringStream).toBeGreaterThanOrEqual(2);
  });

  it("gets answerable while the writes go on, reloads being swapped in, not discarded", async () => {
    const corpusDir = await tempDir();
    // Enough articles that each reload's read and build take a while, so writes land during them.
    for (let i = 0; i < 1500; i++) {
      await writeFile(
        path.join(corpusDir, `base-${i}.md`),
        markdown(
          `base-${i}`,
          `Base story ${i} about the ferry timetable, the harbour wall and the council budget of year ${1900 + (i % 120)}.`,
        ),
      );
    }
    const discarded: string[] = [];
    const live = await createLiveIndex({
      corpusDir,
      cacheDir: await tempDir(),
      debounceMs: 100,
      maxWaitMs: 500,
      pollMs: 0,
      logger: {
        info: (_f, message) => {
          if (/changed while it was being indexed/.test(message)) discarded.push(message);
        },
        warn: () => {},
        error: () => {},
      },
    });
    open.push(live);
    expect(live.status().articles).toBe(1500);
    const writes = trickle(corpusDir, 40);
    let servedDuringStream = 0;
    try {
      await vi.waitFor(
        () => {
          servedDuringStream = live.status().articles;
          expect(servedDuringStream).toBeGreaterThan(1500);
        },
        { timeout: 60_000, interval: 100 },
      );
      // Still writing when a reload got swapped in.
      expect(writes.state.running).toBe(true);
    } finally {
      await writes.stop();
    }
    const total = 1500 + writes.state.written;
    await vi.waitFor(() => expect(live.status().articles).toBe(total), { timeout: 60_000, interval: 100 });
    expect(live.status()).toMatchObject({ lastReloadOk: true, errors: [] });
    const last = `trickle-${String(writes.state.written - 1).padStart(4, "0")}`;
    expect(live.ask(`Trickled story number ${writes.state.written - 1} dredger`).passages[0]?.articleId).toBe(
      last,
    );
    expect(discarded).toEqual([]);
  }, 150_000);
});
