import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { renderAnswerText } from "../../src/answer/render-text.js";
import type { Answer } from "../../src/answer/types.js";
import { createCorpusWriter } from "../../src/corpus/import-write.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { buildIndex } from "../../src/search/build-index.js";
import { renderAnswer } from "../../src/slack/answer-blocks.js";
import { tempDir } from "../support/paths.js";

// Issue 24, item 16: control and bidirectional characters in titles (U+202E, zero-width, ESC) reached
// Slack citations and the operator's terminal. Now neutralised where text is shown, and taken out of
// what the importer writes.

const HOSTILE_TITLE =
  "Harbour \u202Eetadpu\u202C night\u200B\u200Dshift \u001b[31mRED\u001b[0m \u009b2J\u2066isolated\u2069\uFEFF end\u0007";
const HOSTILE_PUBLICATION = "The \u202EGazette\u200F Harbour\u001b]0;owned\u0007";
/** Every character the issue names, and their kin: none may reach a reader in a name. */
/** What may not reach a reader even in a quoted paragraph (marks and joiners belong to scripts and emoji). */
const QUOTE_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (value && typeof value === "object") for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** Slack text minus the renderer's own fences (a zero-width space either side of * _ ~ `). */
const unfenced = (text: string) => text.replace(/\u200b([*_~`])\u200b/g, "$1");

let answer: Answer;
beforeAll(async () => {
  const corpusDir = await tempDir();
  await writeFile(
    path.join(corpusDir, "night-shift.md"),
    `---\nid: "night-shift"\ntitle: ${JSON.stringify(HOSTILE_TITLE)}\npublication: ${JSON.stringify(HOSTILE_PUBLICATION)}\nurl: "https://gazette.example/news/night-shift"\n---\n\nThe harbour night shift unloaded the ferry cargo before dawn on Tuesday.\n`,
  );
  await writeFile(
    path.join(corpusDir, "quay.md"),
    '---\nid: "quay"\ntitle: "Quay repairs begin"\npublication: "The Harbour Gazette"\n---\n\nRepairs to the quay wall began on Monday.\n',
  );
  const { ask } = createEngine(buildIndex(await loadCorpus(corpusDir)));
  answer = ask("harbour night shift ferry cargo");
  expect(answer.passages[0]?.articleTitle).toBe(HOSTILE_TITLE);
});

describe("control, direction and zero-width characters", () => {
  it("never reach a Slack reply: citations, excerpt and fallback text", () => {
    const reply = renderAnswer(answer);
    const shown = strings(reply).map(unfenced);
    expect(shown.filter((s) => UNSAFE.test(s))).toEqual([]);
    // What is left still names the article.
    expect(JSON.stringify(reply.blocks)).toContain("night");
    expect(reply.text).toContain("isolated");
  });

  it("never reach the operator's terminal", () => {
    const text = renderAnswerText(answer, { ansi: false });
    expect(text).not.toMatch(UNSAFE);
    expect(text).toContain("Harbour etadpu nightshift");
  });

  it("are taken out of what an import writes", async () => {
    const corpusDir = await tempDir();
    const writer = await createCorpusWriter(corpusDir);
    const result = await writer.write({
      id: "night-shift",
      title: HOSTILE_TITLE,
      publication: HOSTILE_PUBLICATION,
      byline: "Ana\u202E Ruiz",
      url: "https://gazette.example/news/night-shift",
      paragraphs: [
        "The night shift \u202Edegnahc\u202C unloaded the cargo \u001b[2Kbefore dawn, \u200Fمجلس\u200F, 👩🏽\u200D💻.",
        "\u202E\u202C",
      ],
      source: "test",
    });
    const file = await readFile(result.file, "utf8");
    expect(file).not.toMatch(QUOTE_UNSAFE);
    expect(file.split("\n---\n")[0]).not.toMatch(UNSAFE);
    expect(result.article.title).toBe("Harbour etadpu nightshift  [31mRED [0m  2Jisolated end");
    expect(result.article.byline).toBe("Ana Ruiz");
    // A paragraph is quoted verbatim but for controls and overrides: marks and joiners stay.
    expect(result.article.paragraphs).toEqual([
      "The night shift degnahc unloaded the cargo  [2Kbefore dawn, \u200Fمجلس\u200F, 👩🏽\u200D💻.",
    ]);
    expect((await loadCorpus(corpusDir)).articles[0]!.publication).toBe("The Gazette Harbour ]0;owned");
  });
});
