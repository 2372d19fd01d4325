import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { tempDir } from "../support/paths.js";
import { cleanEnv, runTs } from "../support/run-command.js";

describe("npm run ask", () => {
  it("prints a readable answer for a question argument", async () => {
    const { code, stdout } = await runTs("src/cli/ask.ts", ["Which agency did Massimov chair?"], {
      env: cleanEnv({ CACHE_DIR: await tempDir() }),
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Q: Which agency did Massimov chair\?/);
    expect(stdout).toMatch(/\[1\] .* · The Diplomat · ¶\d+/);
  });

  it("answers one JSON line per input line, in order, with --json", async () => {
    const questions = ["who dismissed him", "", "What is the capital of Australia?", "Samat Abish"];
    const { code, stdout } = await runTs("src/cli/ask.ts", ["--json", "--limit", "2"], {
      stdin: `${questions.join("\n")}\n`,
      env: cleanEnv({ CACHE_DIR: await tempDir() }),
    });
    expect(code).toBe(0);
    const answers = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Answer);
    expect(answers.map((a) => a.question)).toEqual(questions);
    expect(answers[0]!.found).toBe(true);
    expect(answers[0]!.passages.length).toBeLessThanOrEqual(2);
    expect(answers[1]!.found).toBe(false);
    expect(answers[2]!.found).toBe(false);
    const abish = answers[3]!.passages[0]!;
    expect(abish.text).toContain("Samat Abish");
    expect(abish).toMatchObject({ rank: 1, publication: "The Diplomat", url: null });
    expect(abish.excerpt).toContain("**");
  });

  it("rejects a bad --limit with a sentence", async () => {
    const { code, stderr } = await runTs("src/cli/ask.ts", ["--limit", "zero", "x"]);
    expect(code).toBe(2);
    expect(stderr).toContain("--limit must be a positive whole number");
  });
});
