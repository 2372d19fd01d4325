import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runAskCommand } from "../../src/cli/ask-command.js";
import { createFakeAsk } from "../support/fake-answers.js";

/** The command's clock in these tests: 14 June 2024, late evening UTC. */
const CLOCK = new Date("2024-06-14T23:30:00Z");

async function run(argv: string[], stdin = "") {
  const ask = createFakeAsk();
  const input = new PassThrough();
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = "";
  let stderr = "";
  out.on("data", (c: Buffer) => {
    stdout += c.toString("utf8");
  });
  err.on("data", (c: Buffer) => {
    stderr += c.toString("utf8");
  });
  let opened = 0;
  input.end(stdin);
  const code = await runAskCommand(argv, {
    stdin: input,
    stdout: out,
    stderr: err,
    now: () => CLOCK,
    open: async () => {
      opened++;
      return ask;
    },
  });
  return { code, stdout, stderr, ask, opened };
}

describe("ask: the day of asking", () => {
  it("asks a question today, by the clock it is given", async () => {
    const { code, ask } = await run(["who won?"]);
    expect(code).toBe(0);
    expect(ask.options[0]!.asked).toBe("2024-06-14");
  });

  it("asks as of --as-of", async () => {
    const { ask } = await run(["--as-of", "2022-06-16", "who won?"]);
    expect(ask.options[0]!.asked).toBe("2022-06-16");
  });

  it("refuses a bad --as-of with one sentence naming the flag and the fix, before opening the index", async () => {
    for (const bad of ["16/06/2022", "2022-02-30", "yesterday"]) {
      const { code, stderr, opened } = await run(["--as-of", bad, "who won?"]);
      expect(code).toBe(2);
      expect(stderr.trim()).toBe(
        "--as-of must be a date written YYYY-MM-DD, for example --as-of 2024-06-30.",
      );
      expect(opened).toBe(0);
    }
  });

  it("reads JSON lines with their own day, and plain lines as asked today (or --as-of)", async () => {
    const lines = [
      '{"question": "who won?", "asked": "2023-01-06"}',
      "plain question",
      '{"question": "no date"}',
    ];
    const { code, ask, stdout } = await run(["--json", "--as-of", "2024-01-01"], `${lines.join("\n")}\n`);
    expect(code).toBe(0);
    expect(ask.calls).toEqual(["who won?", "plain question", "no date"]);
    expect(ask.options.map((o) => o.asked)).toEqual(["2023-01-06", "2024-01-01", "2024-01-01"]);
    expect(stdout.trim().split("\n")).toHaveLength(3);
  });

  it("answers a bad JSON line with a sentence and keeps the outputs in line with the inputs", async () => {
    const lines = ['{"question": "a", "asked": "last week"}', '{"asked": "2023-01-06"}', "fine"];
    const { code, ask, stdout, stderr } = await run(["--json"], `${lines.join("\n")}\n`);
    expect(code).toBe(1);
    expect(ask.calls).toEqual(["fine"]);
    const out = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ line: 1 });
    expect(stderr).toContain('line 1: "asked" must be a date written YYYY-MM-DD');
    expect(stderr).toContain('line 2: a JSON line needs "question" as text.');
  });
});

describe("ask --timeline and the chosen day", () => {
  it("--timeline asks for the story's timeline; --as-of and a JSON line's day leave undated articles out", async () => {
    const { ask } = await run(["--timeline", "--as-of", "2022-06-16", "Massimov"]);
    expect(ask.options[0]).toMatchObject({ timeline: true, asked: "2022-06-16", datedOnly: true });
    const today = await run(["Massimov"]);
    expect(today.ask.options[0]).not.toHaveProperty("datedOnly");
    expect(today.ask.options[0]).not.toHaveProperty("timeline");
    const lines = await run(["--json"], '{"question": "a", "asked": "2023-01-06"}\nb\n');
    expect(lines.ask.options.map((o) => o.datedOnly)).toEqual([true, undefined]);
  });
});
