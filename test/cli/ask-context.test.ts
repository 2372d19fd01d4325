/** `ask --context FILE` and JSON lines with "thread": follow-ups scored with their conversation. */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runAskCommand } from "../../src/cli/ask-command.js";
import { createFakeAsk } from "../support/fake-answers.js";

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
    now: () => new Date("2025-06-10T12:00:00Z"),
    open: async () => {
      opened++;
      return ask;
    },
  });
  return { code, stdout, stderr, ask, opened };
}

const dir = mkdtempSync(path.join(os.tmpdir(), "nd-ask-context-"));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const TURNS = [
  { question: "Who is the new superintendent?", asked: "2025-06-10", cited: ["nair-superintendent#1"] },
];

describe("ask --context FILE", () => {
  it("asks the question as a follow-up of the file's turns (a list, or {thread: [...]})", async () => {
    for (const text of [JSON.stringify(TURNS), JSON.stringify({ thread: TURNS })]) {
      const { code, ask } = await run(["--context", file("turns.json", text), "who did she replace?"]);
      expect(code).toBe(0);
      expect(ask.options[0]!.thread).toEqual({ turns: TURNS });
    }
  });

  it("a JSON line's own thread wins over --context; a plain line takes --context", async () => {
    const own = [{ question: "What was Dan Reyes charged with?" }];
    const { code, ask } = await run(
      ["--context", file("c.json", JSON.stringify(TURNS))],
      `${JSON.stringify({ question: "and when was he arrested?", thread: own })}\nwho did she replace?\n`,
    );
    expect(code).toBe(0);
    expect(ask.options.map((o) => o.thread)).toEqual([{ turns: own }, { turns: TURNS }]);
  });

  it("refuses an unreadable or malformed context with one sentence naming it, before opening the index", async () => {
    const missing = await run(["--context", path.join(dir, "nope.json"), "q"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^--context .*nope\.json cannot be read \(ENOENT\); give the path of a JSON file of earlier turns\.\n$/,
    );
    const notJson = await run(["--context", file("bad.json", "{oops"), "q"]);
    expect(notJson.stderr).toMatch(/is not JSON; write it as \[\{"question": "…"\}, …\], oldest first\.\n$/);
    const badTurn = await run([
      "--context",
      file("turn.json", JSON.stringify([{ question: "q", asked: "June" }])),
      "q",
    ]);
    expect(badTurn.stderr).toMatch(/turn 1: "asked" must be a date written YYYY-MM-DD\.\n$/);
    expect([missing.opened, notJson.opened, badTurn.opened]).toEqual([0, 0, 0]);
  });

  it("a JSON line with a malformed thread gets its sentence and the others are answered", async () => {
    const { code, stderr, ask } = await run(
      [],
      `${JSON.stringify({ question: "a", thread: "not a list" })}\n${JSON.stringify({ question: "b", thread: [] })}\n`,
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/^line 1: "thread" must be a list of earlier turns/);
    expect(ask.calls).toEqual(["b"]);
  });
});
