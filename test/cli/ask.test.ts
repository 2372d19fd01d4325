import { writeFile } from "node:fs/promises";
import path from "node:path";
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

  it("--timeline prints the story's dated lines oldest first, the undated apart at the end", async () => {
    const corpus = await tempDir();
    const article = (id: string, title: string, published: string | undefined, paragraphs: string[]) =>
      writeFile(
        path.join(corpus, `${id}.md`),
        [
          "---",
          `id: "${id}"`,
          `title: "${title}"`,
          'publication: "Bayside Courier"',
          ...(published ? [`published: "${published}"`] : []),
          "---",
          "",
          ...paragraphs.flatMap((p) => [p, ""]),
        ].join("\n"),
      );
    // Written newest first, so the file order is not the answer's.
    const days = ["2024-05-20", "2024-03-11", "2024-04-02", "2024-01-15"];
    for (const [i, day] of days.entries()) {
      await article(`trial-${i}`, `Massimov trial, hearing ${i}`, day, [
        `The Massimov trial heard witness ${i} on the pipeline contract.`,
        `Lawyers in the Massimov trial said the pipeline contract was signed in ${2010 + i}.`,
      ]);
    }
    await article("trial-undated", "Massimov trial explainer", undefined, [
      "What the Massimov trial is about: the pipeline contract.",
      "The Massimov trial has heard many witnesses on the pipeline contract.",
    ]);
    for (let i = 0; i < 6; i++) {
      await article(`other-${i}`, `Library news ${i}`, `2024-02-0${i + 1}`, [
        `The library opened ${i} new reading rooms.`,
        "Readers welcomed the longer hours.",
      ]);
    }
    const { code, stdout, stderr } = await runTs(
      "src/cli/ask.ts",
      ["--timeline", "Massimov trial pipeline contract"],
      { env: cleanEnv({ CACHE_DIR: await tempDir(), CORPUS_DIR: corpus }) },
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("Timeline: Massimov trial pipeline contract");
    // Each article's line starts with its date (or "undated"), then its headline.
    const heads = lines.filter((l) => /^(\d{1,2} \w{3} \d{4}|undated) · /.test(l));
    expect(heads.map((l) => l.split(" · ")[0])).toEqual([
      "15 Jan 2024",
      "11 Mar 2024",
      "2 Apr 2024",
      "20 May 2024",
      "undated",
    ]);
    expect(heads.every((l) => l.includes("Massimov trial"))).toBe(true);
    expect(stdout).not.toContain("Library news");
  });
});
