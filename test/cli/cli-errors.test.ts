/**
 * Issue 12, "Also": each command-line mistake is one sentence naming what is wrong and the fix, a
 * non-zero exit and no stack trace — run as real processes. (A busy PORT: test/reliability/restart.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { runTs } from "../support/run-command.js";

describe("command-line mistakes", () => {
  it.each([
    ["src/cli/ask.ts", ["--bogus"], "Unknown option --bogus; run npm run ask -- --help to see the options."],
    [
      "src/cli/index-cmd.ts",
      ["--bogus"],
      "Unknown option --bogus; run npm run index -- --help to see the options.",
    ],
    [
      "src/cli/eval.ts",
      ["q.jsonl", "--bogus"],
      "Unknown option --bogus; run npm run eval -- --help to see the options.",
    ],
    [
      "src/cli/eval.ts",
      ["missing.jsonl"],
      "missing.jsonl does not exist; give the path of a JSON Lines file of questions, one per line.",
    ],
  ])(
    "%s %j prints one sentence and exits 2",
    async (script, args, sentence) => {
      const { code, stdout, stderr } = await runTs(script, args);
      expect(code).toBe(2);
      expect(stderr).toBe(`${sentence}\n`);
      expect(stdout).toBe("");
    },
    60_000,
  );
});
