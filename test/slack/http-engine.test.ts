/**
 * The Slack app in HTTP mode over the real answer engine and a small fixture corpus, so rendering,
 * citations and not-found are exercised end to end (signed requests in, Web API calls out).
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { buildIndex } from "../../src/search/build-index.js";
import { decodePageValue } from "../../src/slack/action-values.js";
import { ACTION_IDS, NOT_FOUND_SENTENCE } from "../../src/slack/answer-blocks.js";
import { repoRoot } from "../support/paths.js";
import { injectedMentions, slackLimitProblems } from "../support/slack-reply-checks.js";
import { buttonClick, commandFields, mentionEvent, nextTs } from "../support/slack-signer.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";

let paragraphs: string[] = [];

const h = useSlackAppHarness(async () => {
  const corpus = await loadCorpus(path.join(repoRoot, "test/fixtures/slack"));
  paragraphs = corpus.articles.flatMap((a) => a.paragraphs);
  return { ask: createEngine(buildIndex(corpus)).ask };
});

type Block = {
  type: string;
  text?: { text: string };
  elements?: Array<{ text?: string; action_id?: string; value?: string }>;
};
type Reply = { text: string; blocks: Block[]; response_type?: string };
const sections = (r: Reply) => r.blocks.filter((b) => b.type === "section").map((b) => b.text!.text);
const contexts = (r: Reply) => r.blocks.filter((b) => b.type === "context").map((b) => b.elements![0]!.text!);
const buttons = (r: Reply) => r.blocks.filter((b) => b.type === "actions").flatMap((b) => b.elements!);

async function command(text: string): Promise<Reply> {
  const res = await h.send.command(commandFields(text, h.standIn.responseUrl()));
  expect(res.status).toBe(200);
  return res.json as unknown as Reply;
}

describe("HTTP mode with the real engine", () => {
  it("/ask quotes the matching paragraph verbatim, bolds the question's words and cites it with link and correction", async () => {
    const reply = await command("When will the harbour ferry carry passengers again?");
    expect(reply.response_type).toBe("ephemeral");
    const excerpt = sections(reply)[1]!;
    expect(excerpt).toMatch(/\*(ferry|passengers)[^*]*\*/i);
    // Verbatim: without the bold markers and the ellipses it is a piece of a paragraph of the article.
    const plain = excerpt
      .replace(/[*\u200B]/g, "")
      .replace(/^…|…$/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
    expect(paragraphs.some((p) => p.includes(plain))).toBe(true);
    // A low-confidence answer opens with a "Closest passages" note; the citation is the first "[1]" line.
    expect(contexts(reply).find((c) => c.startsWith("[1]"))).toMatch(
      /^\[1\] <https:\/\/courier\.example\/news\/harbour-ferry-suspended\|Harbour ferry suspended after &lt;hull&gt; damage &amp; storm> · Bayside Courier · 12 Feb 2024 · ¶\d+ · Corrected 14 Feb 2024: An earlier version gave the wrong date for the inspection\.$/,
    );
    expect(buttons(reply).map((b) => b.action_id)).toEqual([
      ACTION_IDS.share,
      ACTION_IDS.more,
      ACTION_IDS.timeline,
      ACTION_IDS.feedbackUp,
      ACTION_IDS.feedbackDown,
    ]);
    expect(slackLimitProblems(reply)).toEqual([]);
  });

  it("an off-topic question gets the not-found sentence and the engine's hint, no quoted passage", async () => {
    const reply = await command("Who won the chess championship?");
    expect(sections(reply)).toEqual(["*You asked:* Who won the chess championship?", NOT_FOUND_SENTENCE]);
    expect(contexts(reply)[0]).toMatch(/chess/);
    expect(reply.text).not.toContain("Bayside Courier");
  });

  it("article text with <!here>, & and mrkdwn renders literally, never as a broadcast", async () => {
    const reply = await command("water taxi notice ferry cancelled");
    const quoted = sections(reply)
      .slice(1)
      .find((t) => t.includes("ferry cancelled"));
    expect(quoted).toBeDefined();
    expect(quoted).toContain("&lt;!here&gt;");
    expect(quoted).toContain("&amp;");
    expect(quoted!.replace(/\u200B/g, "")).toContain("_timetables_");
    expect(injectedMentions(reply)).toEqual([]);
    expect(JSON.stringify(reply)).not.toMatch(/<!here>|<!channel>/);
  });

  it("a 20 KB command is cut to the engine's limit with a note", async () => {
    const reply = await command(`ferry ${"harbour ".repeat(2600)}`);
    expect(contexts(reply)[0]).toMatch(/only the first 2000 were used/);
    expect(slackLimitProblems(reply)).toEqual([]);
  });

  it("a mention is answered in its thread by chat.postMessage; More continues with the next passages", async () => {
    const ts = nextTs();
    await h.send.event(mentionEvent("ferry", { ts }));
    await h.standIn.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"));
    const post = h.standIn.callsTo("chat.postMessage")[0]!.args as unknown as Reply & { thread_ts: string };
    expect(post.thread_ts).toBe(ts);
    // A one-word question may be answered high ("Best match") or low ("Closest passages…"): either way [1] follows.
    expect(post.text).toMatch(/^You asked: ferry\n(Closest passages[^\n]*\n)?\[1\] (Best match: )?“/);
    const more = buttons(post).find((b) => b.action_id === ACTION_IDS.more)!;
    // More answers as of the mention's own day (ts 1710000000… is 9 March 2024, UTC).
    expect(decodePageValue(more.value!)).toEqual({ question: "ferry", offset: 3, asked: "2024-03-09" });

    await h.send.action(
      buttonClick({
        actionId: ACTION_IDS.more,
        value: more.value!,
        responseUrl: h.standIn.responseUrl(),
        isEphemeral: false,
        messageTs: nextTs(),
        threadTs: ts,
      }),
    );
    await h.standIn.waitFor((calls) => calls.filter((c) => c.method === "chat.postMessage").length === 2);
    const next = h.standIn.callsTo("chat.postMessage")[1]!.args as unknown as Reply & { thread_ts: string };
    expect(next.thread_ts).toBe(ts);
    expect(sections(next)[0]).toBe("*More for:* ferry");
    expect(next.text).toContain("[4] “");
    const cited = (r: Reply) => contexts(r).flatMap((c) => c.match(/^\[\d+\] .*¶\d+/g) ?? []);
    const firstPage = cited(post).map((c) => c.replace(/^\[\d+\] /, ""));
    const secondPage = cited(next).map((c) => c.replace(/^\[\d+\] /, ""));
    expect(secondPage.length).toBeGreaterThan(0);
    for (const c of secondPage) expect(firstPage).not.toContain(c);
  });

  it("/ask timeline lists the story's articles oldest first, each with date, linked headline and passage", async () => {
    const reply = await command("timeline harbour ferry");
    expect(reply.response_type).toBe("ephemeral");
    expect(sections(reply)[0]).toBe("*Timeline:* harbour ferry");
    const lines = sections(reply).slice(1);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(
      /^\*12 Feb 2024\* · <https:\/\/courier\.example\/news\/harbour-ferry-suspended\|[^>]+> · Bayside Courier · ¶\d+ · Corrected 14 Feb 2024: An earlier version gave the wrong date for the inspection\.\n>/,
    );
    expect(lines[0]).toMatch(/\*[^*\n]*(ferry|harbour)[^*\n]*\*/i);
    expect(contexts(reply)[0]).toMatch(/^\d+ articles? covers? it, oldest first/);
    expect(slackLimitProblems(reply)).toEqual([]);
    expect(injectedMentions(reply)).toEqual([]);
  });

  it("/ask timeline with no words says how to name the story; a bad filter is headed as one", async () => {
    const empty = await command("timeline");
    expect(empty.text).toContain("/ask timeline Massimov trial");
    const bad = await command("timeline ferry after:2024 before:2020");
    expect(sections(bad)).toContain("A filter in your question cannot be used.");
    expect(contexts(bad).join(" ")).toContain("That date range is empty");
  });

  it("/ask timeline of a word in every article says in one sentence that it names no story", async () => {
    // "said" is in both articles of the fixture.
    const reply = await command("timeline said");
    expect(reply.response_type).toBe("ephemeral");
    expect(sections(reply)).toEqual(["*Timeline:* said", "No one story."]);
    expect(contexts(reply)).toEqual([
      "Those words are in 100% of the articles, so they name no one story; add a name, a place or an event.",
    ]);
    expect(buttons(reply)).toEqual([]);
    expect(reply.text).toBe(
      "Timeline: said\nNo one story. Those words are in 100% of the articles, so they name no one story; add a name, a place or an event.",
    );
    expect(slackLimitProblems(reply)).toEqual([]);
  });

  it("a bad filter in a question is headed as a bad filter, not as nothing found", async () => {
    const reply = await command("ferry before:soon");
    expect(sections(reply)).toEqual([
      "*You asked:* ferry before:soon",
      "A filter in your question cannot be used.",
    ]);
    expect(contexts(reply).join(" ")).toContain('"before:soon" is not a date I can read');
  });

  it("the Timeline button under an answer answers privately with the question's story", async () => {
    const reply = await command("harbour ferry");
    const timeline = buttons(reply).find((b) => b.action_id === ACTION_IDS.timeline)!;
    expect(decodePageValue(timeline.value!)).toMatchObject({
      question: "harbour ferry",
      offset: 0,
      timeline: true,
    });
    await h.send.action(
      buttonClick({
        actionId: ACTION_IDS.timeline,
        value: timeline.value!,
        responseUrl: h.standIn.responseUrl(),
        isEphemeral: true,
      }),
    );
    await h.standIn.waitFor((calls) => calls.some((c) => c.method === "response_url"));
    const posted = h.standIn.callsTo("response_url").at(-1)!.args as unknown as Reply;
    expect(sections(posted)[0]).toBe("*Timeline:* harbour ferry");
    expect(sections(posted)[1]).toMatch(/^\*12 Feb 2024\* · </);
    expect(buttons(posted).map((b) => b.action_id)).toContain(ACTION_IDS.share);
  });
});
