import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runShell } from "../../src/shell/run-shell.js";
import { createFakeAsk, makePassage } from "../support/fake-answers.js";

/** The shell's clock in these tests: questions are asked on 14 June 2024 (UTC). */
const CLOCK = new Date("2024-06-14T23:30:00Z");

async function session(
  lines: string,
  ask = createFakeAsk(),
  extra: Parameters<typeof runShell>[0]["commands"] = {},
) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  const done = runShell({ ask, input, output, interactive: false, commands: extra, now: () => CLOCK });
  input.end(lines);
  await done;
  return { text, ask };
}

describe("runShell in stdin mode", () => {
  it("answers each line in order and ends at end of input", async () => {
    const { text, ask } = await session("first question\n\n   \nsecond question\n");
    expect(ask.calls).toEqual(["first question", "second question"]);
    expect(text.indexOf("Q: first question")).toBeLessThan(text.indexOf("Q: second question"));
    expect(text).toContain("**18 years**");
    expect(text).toContain("[1] Massimov sentenced · The Diplomat · ¶1 · https://example.com/massimov");
    // Not a terminal: no prompt and no ANSI codes.
    expect(text).not.toContain("newsdesk>");
    expect(text).not.toContain("\u001b[");
  });

  it("says plainly when nothing answers, with the hint", async () => {
    const { text } = await session("something unknown\n");
    expect(text).toContain("No passage in the corpus answers that.");
    expect(text).toContain("Try words like");
  });

  it("stops at \\q and ignores what follows", async () => {
    const { ask } = await session("one\n\\q\ntwo\n");
    expect(ask.calls).toEqual(["one"]);
  });

  it("shows help, pages with \\more and runs extra commands", async () => {
    const passages = [1, 2, 3, 4].map((n) => makePassage({ paragraph: n, articleId: `a${n}` }));
    const { text } = await session("q\n\\more\n\\?\n\\status\n\\nope\n", createFakeAsk(passages), {
      status: { help: "index status", run: async () => "4 articles" },
    });
    expect(text).toContain("[4] Massimov sentenced · The Diplomat · ¶4");
    expect(text).toContain("\\status   index status");
    expect(text).toContain("4 articles");
    expect(text).toContain("Unknown command \\nope");
    // Four passages, three a page: the second \more has nothing left and says so.
    expect(text).not.toContain("No more passages for that question.");
  });

  it("says when there is nothing more, and when there was no question", async () => {
    const { text, ask } = await session("\\more\nq\n\\more\n");
    expect(text).toContain("Ask a question first.");
    expect(text).toContain("No more passages for that question.");
    expect(ask.calls).toEqual(["q"]);
  });

  it("keeps going when the engine throws", async () => {
    const ask = Object.assign(
      (q: string) => {
        if (q === "boom") throw new Error("kaput");
        return { question: q, found: false, passages: [], hasMore: false };
      },
      { calls: [] as string[], options: [] },
    );
    const { text } = await session("boom\nfine\n", ask);
    expect(text).toContain("could not be answered (kaput)");
    expect(text).toContain("Q: fine");
  });

  it("neutralises control characters from questions and articles", async () => {
    const evil = makePassage({
      articleTitle: "Title\u001b[2J",
      excerptSpans: [{ text: "text\u0007", match: false }],
    });
    const { text } = await session("hi\u001b]0;pwned\u0007\n", createFakeAsk([evil]));
    expect(text).not.toMatch(/[\u0007\u001b]/);
  });
});

describe("runShell: the day of asking", () => {
  it("asks every question, and its More page, as of the clock's UTC day", async () => {
    const passages = [1, 2, 3, 4].map((n) => makePassage({ paragraph: n }));
    const { ask } = await session("first question\n\\more\n", createFakeAsk(passages));
    expect(ask.options.map((o) => o.asked)).toEqual(["2024-06-14", "2024-06-14"]);
    expect(ask.options[1]!.offset).toBe(3);
  });

  it("asks as of a fixed day when given one, and says so in its help", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
    });
    const ask = createFakeAsk();
    const done = runShell({ ask, input, output, interactive: false, now: () => CLOCK, asOf: "2022-06-16" });
    input.end("\\?\nwho won\n");
    await done;
    expect(ask.options[0]!.asked).toBe("2022-06-16");
    expect(text).toContain("asked as of 2022-06-16");
    expect(text).toContain("from:cnn.com");
  });
});

describe("runShell: dates in citations", () => {
  it("shows the article's date as a date, whatever form the source gave, and the correction's", async () => {
    const passage = makePassage({
      published: "2024-05-14T18:32:00+01:00",
      corrected: "2024-06-14",
      url: null,
    });
    const { text } = await session("when?\n", createFakeAsk([passage]));
    expect(text).toContain(
      "[1] Massimov sentenced · The Diplomat · 14 May 2024 · ¶1 · Corrected 14 Jun 2024",
    );
  });
});
