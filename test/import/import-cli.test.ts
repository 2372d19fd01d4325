import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importCli } from "../support/import-cli.js";
import { tempDir } from "../support/paths.js";
import { legacyPage, newsPage, sectionFront } from "./pages.js";

describe("npm run import", () => {
  it("dry-runs, imports, then reports unchanged; a page without an article fails clearly", async () => {
    const dir = await tempDir();
    const dry = await importCli(newsPage, legacyPage, "--corpus", dir, "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/would create .*news-2024-03-12-council-approves-harbour-flood-barrier\.md/);
    expect(dry.stdout).toContain("2 created, 0 updated, 0 unchanged (dry run: nothing written).");
    expect(await readdir(dir)).toEqual([]);

    const real = await importCli(newsPage, legacyPage, sectionFront, "--corpus", dir);
    expect(real.code).toBe(1);
    expect(real.stderr).toMatch(/section-front\.html: no article found/);
    expect((await readdir(dir)).sort()).toEqual([
      "le-leman-a-24-c-une-temperature-record-pour-un-mois-de-juin.md",
      "news-2024-03-12-council-approves-harbour-flood-barrier.md",
    ]);

    const again = await importCli(newsPage, "--corpus", dir);
    expect(again.stdout).toContain("0 created, 0 updated, 1 unchanged.");

    // An editor changed the stored copy: a dry run says what re-importing the page would change back.
    const stored = path.join(dir, "news-2024-03-12-council-approves-harbour-flood-barrier.md");
    await writeFile(
      stored,
      (await readFile(stored, "utf8")).replace("Councillors voted 31 to 9", "Councillors voted"),
    );
    const check = await importCli(newsPage, "--corpus", dir, "--dry-run");
    expect(check.stdout).toMatch(/would update .*flood-barrier\.md: .* — changed: ¶1\n/);
    expect(await readFile(stored, "utf8")).not.toContain("31 to 9");
  }, 120_000);
});
