import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { FrontMatterProblem, parseFrontMatter } from "../../src/corpus/front-matter.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { newsPage } from "../import/pages.js";
import { repoRoot, tempDir } from "../support/paths.js";

const run = promisify(execFile);

const problemOf = (source: string) => {
  try {
    parseFrontMatter(source);
  } catch (error) {
    return error as FrontMatterProblem;
  }
  return undefined;
};

// Each would write `marker` if any engine evaluated it (gray-matter's javascript engine did).
const executable = (marker: string) => {
  const call = `require("fs").writeFileSync(${JSON.stringify(marker)}, "ran")`;
  return {
    "zz-js.md": `---js\n{ id: (${call}, "draft") }\n---\n\nBody.\n`,
    "zz-javascript.md": `---javascript\n{ id: (${call}, "draft2") }\n---\n\nBody.\n`,
    "zz-coffee.md": `---coffee\nid: (${call}; "draft3")\n---\n\nBody.\n`,
    "zz-json.md": `--- JS\n({ id: (${call}, "draft4") })\n---\n\nBody.\n`,
  };
};

describe("front matter is YAML, parsed one way, never evaluated", () => {
  it("refuses js, javascript and coffee blocks with a stable code, without running them", async () => {
    const dir = await tempDir();
    const marker = path.join(dir, "pwned.txt");
    for (const source of Object.values(executable(marker))) {
      const problem = problemOf(source);
      expect(problem).toBeInstanceOf(FrontMatterProblem);
      expect(problem?.code).toBe("corpus_front_matter_not_yaml");
    }
    expect(existsSync(marker)).toBe(false);
  });

  it("the loader lists each such file as a corpus error naming it", async () => {
    const dir = await tempDir();
    const marker = path.join(dir, "pwned.txt");
    for (const [name, source] of Object.entries(executable(marker)))
      await writeFile(path.join(dir, name), source);
    const error = (await loadCorpus(dir).catch((e: unknown) => e)) as {
      errors: { file: string; code: string }[];
    };
    expect(error.errors.map((e) => [path.basename(e.file), e.code])).toEqual(
      Object.keys(executable(marker))
        .sort()
        .map((name) => [name, "corpus_front_matter_not_yaml"]),
    );
    expect(existsSync(marker)).toBe(false);
  });

  it("npm run import --dry-run next to a ---js file in the corpus runs no code and writes no file", async () => {
    const corpus = await tempDir();
    const elsewhere = await tempDir();
    const marker = path.join(elsewhere, "pwned.txt");
    for (const [name, source] of Object.entries(executable(marker)))
      await writeFile(path.join(corpus, name), source);
    const before = (await readdir(corpus)).sort();
    const result = await run(
      path.join(repoRoot, "node_modules/.bin/tsx"),
      [path.join(repoRoot, "src/cli/import.ts"), newsPage, "--corpus", corpus, "--dry-run"],
      { cwd: elsewhere },
    );
    expect(result.stdout).toContain("(dry run: nothing written)");
    expect(result.stderr).toMatch(/zz-js\.md is not valid and was skipped \(.*front matter must be YAML/);
    expect(existsSync(marker)).toBe(false);
    expect(await readdir(elsewhere)).toEqual([]);
    expect((await readdir(corpus)).sort()).toEqual(before);
  });

  it("splits as before: body after the closing line, YAML 1.2 dates stay text, empty block is {}", () => {
    const parsed = parseFrontMatter('\uFEFF---\nid: "a"\npublished: 2023-04-27\n---\n\nFirst.\n\nSecond.\n');
    expect(parsed.data).toEqual({ id: "a", published: "2023-04-27" });
    expect(parsed.content).toBe("\nFirst.\n\nSecond.\n");
    expect(parseFrontMatter("---\r\nid: b\r\n---\r\nBody").content).toBe("Body");
    expect(parseFrontMatter("---\n# only a comment\n---\nBody").data).toEqual({});
    expect(problemOf("no front matter")?.code).toBe("corpus_no_front_matter");
    expect(problemOf("----\nid: a\n---\nBody")?.code).toBe("corpus_no_front_matter");
    expect(problemOf("---\nid: [unclosed\n---\nBody")?.code).toBe("corpus_bad_yaml");
  });

  it("keeps refusing a YAML alias bomb (billion laughs) quickly, as a bad-YAML error", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(
        `${name}: &${name} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`,
      );
    }
    const problem = problemOf(`---\nid: bomb\n${levels.join("\n")}\n---\n\nBody.\n`);
    expect(problem?.code).toBe("corpus_bad_yaml");
    expect(problem?.message).toMatch(/alias/i);
  });
});
