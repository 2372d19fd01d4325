import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/paths.js";
import { cleanEnv, runTs } from "../support/run-command.js";

// `npm start` with no Slack variables and piped input: the shell answers each line and exits.
describe("main in shell mode (stdin)", () => {
  it("answers piped questions from the committed corpus, in order, and exits 0", async () => {
    const cache = await tempDir();
    const { code, stdout } = await runTs("src/main.ts", [], {
      stdin: "Who dismissed Massimov?\nWhat is the capital of Australia?\n\\status\n",
      env: cleanEnv({ CACHE_DIR: cache }),
    });
    expect(code).toBe(0);
    const first = stdout.indexOf("Q: Who dismissed Massimov?");
    const second = stdout.indexOf("Q: What is the capital of Australia?");
    expect(first).toBeGreaterThanOrEqual(0);
    expect(second).toBeGreaterThan(first);
    // The first answer quotes the corpus verbatim and cites it with a paragraph number.
    const firstAnswer = stdout.slice(first, second);
    expect(firstAnswer).toMatch(
      /\[1\] Karim Massimov, Former Kazakh Intelligence Chief.* · The Diplomat · ¶\d+/,
    );
    expect(firstAnswer).toContain("Tokayev");
    expect(stdout.slice(second)).toContain("No passage in the corpus answers that.");
    expect(stdout).toMatch(/Index: 1 article, 13 paragraphs/);
  });

  it("stops with one sentence naming the variable when the environment is wrong", async () => {
    const { code, stderr } = await runTs("src/main.ts", [], {
      env: cleanEnv({ SLACK_BOT_TOKEN: "not-a-token", SLACK_SIGNING_SECRET: "s" }),
    });
    expect(code).toBe(1);
    expect(stderr).toContain("SLACK_BOT_TOKEN");
    expect(stderr).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
  });

  it("names the file and field when the corpus is broken", async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, "bad.md"), "---\nid: x\npublication: P\n---\n\nText.\n");
    const { code, stderr } = await runTs("src/main.ts", [], { env: cleanEnv({ CORPUS_DIR: dir }) });
    expect(code).toBe(1);
    expect(stderr).toMatch(/bad\.md: field "title"/);
  });
});
