/**
 * Articles whose own text carries <, &, <!here>, mentions, links, Markdown and mrkdwn: through the
 * real engine and renderer, every piece reads literally — no broadcast, mention, link or formatting
 * that the article's characters could trigger.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import type { Answer, AskFn } from "../../src/answer/types.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { buildIndex } from "../../src/search/build-index.js";
import { renderAnswer, type SlackReply } from "../../src/slack/answer-blocks.js";
import { injectedMentions } from "../support/slack-reply-checks.js";
import { blockKitProblems, displayedText, literalProblems } from "./slack-text-checks.js";

let ask: AskFn;

beforeAll(async () => {
  ask = createEngine(
    buildIndex(await loadCorpus(path.join(import.meta.dirname, "fixtures/hostile-corpus"))),
  ).ask;
});

type Block = { type: string; text?: { text: string }; elements?: Array<{ text?: string }> };
const blocksOf = (reply: SlackReply) => reply.blocks as unknown as Block[];
const excerptSections = (reply: SlackReply) =>
  blocksOf(reply)
    .filter((b) => b.type === "section")
    .slice(1)
    .map((b) => b.text!.text);
const citations = (reply: SlackReply) =>
  blocksOf(reply)
    .filter((b) => b.type === "context")
    .map((b) => b.elements![0]!.text!);

const count = (text: string, char: string) => text.split(char).length - 1;

/** The excerpt section reads exactly as the article's words; the only live markup is the bold of matches. */
function expectLiteralExcerpt(section: string, spans: Answer["passages"][number]["excerptSpans"]): void {
  const source = spans.map((s) => s.text).join("");
  const bolded = spans.filter((s) => s.match && s.text.trim() !== "").length;
  expect(literalProblems(section.replace(/\*/g, ""))).toEqual([]);
  expect(count(section, "*")).toBe(count(source, "*") + 2 * bolded);
  expect(displayedText(section).replace(/\*/g, "")).toBe(source.replace(/\*/g, ""));
}

function expectSafe(reply: SlackReply): void {
  expect(blockKitProblems(reply)).toEqual([]);
  expect(injectedMentions(reply)).toEqual([]);
  const rendered = JSON.stringify(
    blocksOf(reply).map((b) => ({ ...b, elements: b.type === "actions" ? [] : b.elements })),
  );
  expect(rendered).not.toMatch(/<[!@#]|<mailto|<https:\/\/evil|<script/);
  expect(reply.text).not.toMatch(/[<>]/);
}

/** [name, question, what the reader must see verbatim (asterisks aside), excerpt budget] */
const CASES: Array<[string, string, string, number?]> = [
  [
    "broadcasts and mentions in a quote",
    "mayor wrote budget meeting moved",
    '"<!here> <!channel> <!everyone> <!subteam^S0CLERKS|@clerks>',
  ],
  [
    "Markdown, mrkdwn, code and links",
    "Markdown bold mrkdwn italics strike fenced link",
    "[a link](https://evil.example) next to <https://evil.example|click here>",
  ],
  [
    "HTML, entities and a date token",
    "treasurer note script alert escaped",
    "<script>alert('budget')</script> &amp; &lt;b&gt;escaped&lt;/b&gt;",
  ],
  ["emoji, RTL and combining marks", "ballots sign hall combining marks", "🗳️ and 🇺🇦 on ballots"],
  [
    "regex metacharacters and dollar signs",
    "transit fares route surcharge board",
    "[A-Z]+ after the board approved a $& surcharge and a (.) rule",
  ],
  [
    "JSON and a spreadsheet formula",
    "spreadsheet formula JSON export fare",
    '=SUM(A1:A9)1.2 and its JSON export read {"fare": 1.5, "route": "<A>"}',
  ],
  [
    "a 5 000-character paragraph full of & and <",
    "harbour dredging contract costs port board",
    "harbour dredging contract & its <costs> were debated again",
    300,
  ],
];

describe("article text with markup renders as literal text", () => {
  for (const [name, question, expected, maxExcerptChars = 480] of CASES) {
    it(name, () => {
      const answer = ask(question, { maxExcerptChars });
      expect(answer.found).toBe(true);
      const reply = renderAnswer(answer, { share: true });
      expectSafe(reply);
      const sections = excerptSections(reply);
      for (const [i, passage] of answer.passages.entries())
        expectLiteralExcerpt(sections[i]!, passage.excerptSpans);
      // What a reader sees (bold markers aside) is the article's characters, markup and all.
      const shown = sections.map((t) => displayedText(t).replace(/\*/g, "")).join("\n");
      expect(shown).toContain(expected);
    });
  }

  it("a headline and publication with markup, and a URL with & < > |, stay inside their citation link", () => {
    const answer = ask("mayor wrote budget meeting moved");
    const cite = citations(renderAnswer(answer)).find((c) => c.includes("gazette"))!;
    expect(cite).toBeDefined();
    const link = /^\[\d+\] (?:\*Best match\* · )?<([^|<>]+)\|([^<>]+)> · (.+) · 1 May 2024 · ¶\d+$/.exec(
      cite,
    );
    expect(link, cite).not.toBeNull();
    const [, url, title, publication] = link!;
    expect(url).toBe("https://gazette.example/council?a=1&amp;b=%3C2%3E%7Cx");
    expect(displayedText(title!)).toBe("Council <!channel> vote: *budget* & _cuts_ <@U0MAYOR>");
    expect(literalProblems(title!)).toEqual([]);
    expect(displayedText(publication!)).toBe("The <b>Gazette</b> & Co");
  });

  it("the shell shows the same article text with control characters neutralised", async () => {
    const { renderAnswerText } = await import("../../src/answer/render-text.js");
    const text = renderAnswerText(ask("mayor wrote budget meeting moved"));
    expect(text).toContain("<!here> <!channel>");
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});
