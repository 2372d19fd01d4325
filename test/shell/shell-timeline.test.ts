/**
 * The shell over the real engine: `\timeline` and `\more` after it, `\more` after a question showing
 * only passages with the question's words, and a correction's note beside "Corrected …".
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

const CLOCK = new Date("2024-06-14T12:00:00Z");
let ask: AskFn;
beforeAll(async () => {
  ask = createEngine(buildIndex(await loadCorpus(path.join(repoRoot, "test/fixtures/slack")))).ask;
});

async function session(lines: string): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  const done = runShell({ ask, input, output, interactive: false, now: () => CLOCK });
  input.end(lines);
  await done;
  return text;
}

describe("the shell's timeline", () => {
  it("\\timeline WORDS prints the story oldest first with dates, the correction note and the passage", async () => {
    const text = await session("\\timeline harbour ferry\n");
    expect(text).toContain("Timeline: harbour ferry");
    expect(text).toMatch(/\d+ articles? covers? it, oldest first/);
    expect(text).toContain(
      "12 Feb 2024 · Harbour ferry suspended after <hull> damage & storm · Bayside Courier · ¶",
    );
    expect(text).toContain(
      "Corrected 14 Feb 2024: An earlier version gave the wrong date for the inspection.",
    );
  });

  it("\\timeline alone takes the last question's words; with nothing asked it says how to name a story", async () => {
    expect(await session("\\timeline\n")).toContain("Name the story: \\timeline Massimov trial");
    const text = await session("harbour ferry\n\\timeline\n");
    expect(text).toContain("Q: harbour ferry");
    expect(text).toContain("Timeline: harbour ferry");
  });

  it("a question's citation shows the correction note beside Corrected …", async () => {
    const text = await session("When will the harbour ferry carry passengers again?\n");
    expect(text).toContain(
      "Corrected 14 Feb 2024: An earlier version gave the wrong date for the inspection.",
    );
  });
});
