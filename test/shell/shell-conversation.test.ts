/**
 * The shell's conversation: each question after the first is read as a follow-up of the ones before,
 * until \new — with the real engine on the conversations fixture corpus.
 */
import path from "node:path";
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import type { AskFn } from "../../src/answer/types.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { buildIndex } from "../../src/search/build-index.js";
import { runShell } from "../../src/shell/run-shell.js";
import { repoRoot } from "../support/paths.js";

let ask: AskFn;
beforeAll(async () => {
  ask = createEngine(buildIndex(await loadCorpus(path.join(repoRoot, "test/fixtures/conversations")))).ask;
});

async function session(lines: string): Promise<string[]> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  const done = runShell({
    ask,
    input,
    output,
    interactive: false,
    now: () => new Date("2025-06-10T12:00:00Z"),
  });
  input.end(lines);
  await done;
  return text.split(/\n(?=Q: |New conversation)/);
}

describe("the shell's conversation", () => {
  it("reads a follow-up with the questions before it, shows how, and forgets them at \\new", async () => {
    const [first, followUp, more, reset, alone] = await session(
      "Who is the new superintendent?\nwho did she replace?\n\\more\n\\new\nwho did she replace?\n",
    );
    expect(first).not.toContain("Reading this as");
    expect(followUp).toContain("(Reading this as: *Priya Nair* — who did she replace?)");
    expect(followUp).toMatch(/\[1\] .*School board names Priya Nair superintendent/);
    // \more pages the follow-up as it was read.
    expect(more).toContain("(Reading this as: *Priya Nair* — who did she replace?)");
    expect(reset).toContain("New conversation");
    expect(alone).not.toContain("Reading this as");
    expect(alone).not.toMatch(/\[1\] .*Priya Nair/);
  });

  it("a question that brings its own subject is answered as it would be alone", async () => {
    const [, own] = await session("Who is the new superintendent?\nWhy was the lighthouse restored?\n");
    const [alone] = await session("Why was the lighthouse restored?\n");
    expect(own).toBe(alone);
  });
});
