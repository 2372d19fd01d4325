import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { createLiveIndex } from "../../src/runtime/live-index.js";
import { tempDir } from "../support/paths.js";

// Issue 24, item 15: a writer killed mid-write (kill -9) left `<id>.md.<pid>.tmp` in the corpus
// folder for ever. A start now removes those of dead writers and any over an hour old, and leaves a
// fresh one of a living process (a write under way).

const article = (id: string) =>
  `---\nid: "${id}"\ntitle: "Harbour story ${id}"\npublication: "The Harbour Gazette"\n---\n\nThe harbour reopened on Monday.\n`;

/** A real writer process that puts its temp file down and is then killed with SIGKILL. */
async function killedWriter(corpusDir: string): Promise<string> {
  const child = spawn(
    process.execPath,
    [
      "-e",
      `require("node:fs").writeFileSync(require("node:path").join(${JSON.stringify(corpusDir)}, "storm.md." + process.pid + ".tmp"), "---\\nid: storm\\n"); setInterval(() => {}, 1000);`,
    ],
    { stdio: "ignore" },
  );
  const name = `storm.md.${child.pid}.tmp`;
  await vi.waitFor(() => expect(existsSync(path.join(corpusDir, name))).toBe(true), { timeout: 10_000 });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
  return name;
}

describe("unfinished article writes at start", () => {
  it("removes the temp files of killed writers and old ones, keeps a living writer's fresh one", async () => {
    const corpusDir = await tempDir();
    await writeFile(path.join(corpusDir, "quay.md"), article("quay"));
    const dead = await killedWriter(corpusDir);
    const live = `ferry.md.${process.pid}.tmp`;
    const old = `tide.md.${process.pid}.tmp`;
    const unrelated = "notes.tmp";
    for (const name of [live, old, unrelated]) await writeFile(path.join(corpusDir, name), "---\n");
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(path.join(corpusDir, old), twoHoursAgo, twoHoursAgo);
    const logged: string[] = [];
    const index = await createLiveIndex({
      corpusDir,
      cacheDir: await tempDir(),
      watch: false,
      buildInWorker: false,
      logger: { info: (_f, m) => logged.push(m), warn: () => {}, error: () => {} },
    });
    try {
      const left = await readdir(corpusDir);
      expect(left).not.toContain(dead);
      expect(left).not.toContain(old);
      expect(left).toContain(live);
      expect(left).toContain(unrelated);
      expect(left).toContain("quay.md");
      expect(logged.some((m) => /Removed 2 unfinished article write/.test(m))).toBe(true);
      expect(index.status().articles).toBe(1);
    } finally {
      index.close();
    }
  }, 30_000);
});
