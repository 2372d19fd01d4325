import { rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type CorpusWatch, watchCorpus } from "../../src/runtime/watch-corpus.js";
import { tempDir } from "../support/paths.js";

const open: CorpusWatch[] = [];
afterEach(() => {
  for (const watch of open.splice(0)) watch.close();
});

async function folder(): Promise<string> {
  const dir = await tempDir();
  await writeFile(path.join(dir, "a.md"), "first");
  return dir;
}

/** Writes a file in one step, as seen from outside: its content beside it, then a rename over it. */
async function writeWhole(file: string, text: string): Promise<void> {
  const aside = path.join(path.dirname(file), `.${path.basename(file)}.partial`);
  await writeFile(aside, text);
  await rename(aside, file);
}

function watching(dir: string, options: Parameters<typeof watchCorpus>[2]) {
  let calls = 0;
  open.push(watchCorpus(dir, () => calls++, { debounceMs: 20, ...options }));
  return () => calls;
}

describe("watchCorpus", () => {
  it("notices an edit by polling when file-system events never come (network mounts)", async () => {
    const dir = await folder();
    const calls = watching(dir, { events: false, pollMs: 40 });
    await sleep(120);
    expect(calls()).toBe(0);
    // Each change lands whole (written beside, then renamed), as an editor saves: a poll on a loaded
    // machine could otherwise see a file truncated or created empty, then written — two changes.
    await writeWhole(path.join(dir, "a.md"), "second, longer");
    await vi.waitFor(() => expect(calls()).toBe(1), { timeout: 3000, interval: 10 });
    await writeWhole(path.join(dir, "b.jsonl"), "{}");
    await vi.waitFor(() => expect(calls()).toBe(2), { timeout: 3000, interval: 10 });
    // Files that are not corpus files change nothing.
    await writeFile(path.join(dir, "notes.txt"), "x");
    await sleep(200);
    expect(calls()).toBe(2);
  });

  it("reloads once for an edit that both the event and the poll see", async () => {
    const dir = await folder();
    const calls = watching(dir, { pollMs: 60 });
    await sleep(100);
    await writeFile(path.join(dir, "a.md"), "second, longer");
    await vi.waitFor(() => expect(calls()).toBe(1), { timeout: 3000, interval: 10 });
    // Several polls later, still one.
    await sleep(400);
    expect(calls()).toBe(1);
  });
});
