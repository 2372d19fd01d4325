import { describe, expect, it } from "vitest";
import type { Answer, Passage, TimelineEntry } from "../../src/answer/types.js";
import { decodeFeedbackValue, decodePageValue } from "../../src/slack/action-values.js";
import {
  ACTION_IDS,
  MAX_PASSAGES_PER_MESSAGE,
  NOT_FOUND_SENTENCE,
  renderAnswer,
  renderUsage,
  type SlackReply,
} from "../../src/slack/answer-blocks.js";
import { renderTimeline } from "../../src/slack/timeline-blocks.js";
import { makePassage } from "../support/fake-answers.js";
import { injectedMentions, slackLimitProblems } from "../support/slack-reply-checks.js";

function answer(overrides: Partial<Answer> = {}): Answer {
  return {
    question: "How long was the sentence?",
    found: true,
    passages: [makePassage()],
    hasMore: false,
    ...overrides,
  };
}

type Block = { type: string; text?: { text: string }; elements?: Array<Record<string, unknown>> };
const blocksOf = (reply: SlackReply) => reply.blocks as unknown as Block[];
const sections = (reply: SlackReply) =>
  blocksOf(reply)
    .filter((b) => b.type === "section")
    .map((b) => b.text!.text);
const contexts = (reply: SlackReply) =>
  blocksOf(reply)
    .filter((b) => b.type === "context")
    .map((b) => (b.elements![0] as { text: string }).text);
const buttons = (reply: SlackReply) =>
  blocksOf(reply)
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements as Array<{ action_id: string; value: string; text: { text: string } }>);

describe("renderAnswer: passages and citations", () => {
  it("restates the question, bolds matched spans and cites [rank] <url|title> · publication · ¶", () => {
    const reply = renderAnswer(answer({ passages: [makePassage({ paragraph: 4 })] }));
    expect(sections(reply)[0]).toBe("*You asked:* How long was the sentence?");
    expect(sections(reply)[1]).toBe("Massimov was sentenced to *18 years* in prison.");
    expect(contexts(reply)).toContain(
      "[1] <https://example.com/massimov|Massimov sentenced> · The Diplomat · ¶4",
    );
    expect(reply.unfurl_links).toBe(false);
    expect(reply.unfurl_media).toBe(false);
  });

  it("uses the plain title without a URL, and notes corrections", () => {
    const reply = renderAnswer(
      answer({ passages: [makePassage({ url: null, corrected: "2024-05-02", paragraph: 2 })] }),
    );
    expect(contexts(reply)).toContain("[1] Massimov sentenced · The Diplomat · ¶2 · Corrected 2 May 2024");
  });

  it("shows the article's date as a date, whatever form the source gave, and the correction's", () => {
    const reply = renderAnswer(
      answer({
        passages: [
          makePassage({
            url: null,
            published: "2024-05-14T18:32:00+01:00",
            corrected: "2024-06-14",
            paragraph: 3,
          }),
          makePassage({ url: null, published: "2022-06-12", paragraph: 5, rank: 2 }),
        ],
      }),
    );
    expect(contexts(reply)).toContain(
      "[1] Massimov sentenced · The Diplomat · 14 May 2024 · ¶3 · Corrected 14 Jun 2024",
    );
    expect(contexts(reply)).toContain("[2] Massimov sentenced · The Diplomat · 12 Jun 2022 · ¶5");
    expect(reply.text).toContain("Massimov sentenced, The Diplomat, 14 May 2024, ¶3, Corrected 14 Jun 2024");
  });

  it("says which filters the answer applied", () => {
    const reply = renderAnswer(
      answer({ passages: [makePassage()], filters: { publications: ["cnn.com"], after: "2024-01-01" } }),
    );
    expect(contexts(reply)).toContain("Only articles from cnn.com, published on or after 1 Jan 2024.");
  });

  it("refuses non-http URLs (javascript:, slack://) and keeps the title plain", () => {
    const reply = renderAnswer(answer({ passages: [makePassage({ url: "javascript:alert(1)" })] }));
    expect(contexts(reply)[0]).toBe("[1] Massimov sentenced · The Diplomat · ¶1");
  });

  it("keeps a URL with | and > from breaking out of the link", () => {
    const reply = renderAnswer(answer({ passages: [makePassage({ url: "https://x.test/a|b>c?d=1&e=2" })] }));
    const cite = contexts(reply)[0]!;
    expect(cite).toContain("<https://x.test/a%7Cb%3Ec?d=1&amp;e=2|Massimov sentenced>");
  });

  it("the fallback text carries the question, every excerpt and its citation", () => {
    const passages = [
      makePassage(),
      makePassage({ rank: 2, articleTitle: "Appeal lost", paragraph: 7, url: null }),
    ];
    const reply = renderAnswer(answer({ passages }));
    expect(reply.text).toContain("You asked: How long was the sentence?");
    expect(reply.text).toContain(
      "[1] “Massimov was sentenced to 18 years in prison.” — Massimov sentenced, The Diplomat, ¶1 https://example.com/massimov",
    );
    expect(reply.text).toContain(
      "[2] “Massimov was sentenced to 18 years in prison.” — Appeal lost, The Diplomat, ¶7",
    );
  });

  it("says “More for” on later pages", () => {
    const reply = renderAnswer(answer({ passages: [makePassage({ rank: 4 })] }));
    expect(sections(reply)[0]).toMatch(/^\*More for:\*/);
  });
});

describe("renderAnswer: buttons", () => {
  it("offers Share only when asked, More only when there is more, and Timeline and 👍/👎 always", () => {
    const plain = renderAnswer(answer());
    expect(buttons(plain).map((b) => b.action_id)).toEqual([
      ACTION_IDS.timeline,
      ACTION_IDS.feedbackUp,
      ACTION_IDS.feedbackDown,
    ]);
    const full = renderAnswer(answer({ hasMore: true }), { share: true });
    expect(buttons(full).map((b) => b.action_id)).toEqual([
      ACTION_IDS.share,
      ACTION_IDS.more,
      ACTION_IDS.timeline,
      ACTION_IDS.feedbackUp,
      ACTION_IDS.feedbackDown,
    ]);
    // The Timeline button asks for the question's story from its first line, as of the day asked.
    const dated = renderAnswer(answer({ asked: "2024-06-14" }));
    const timeline = buttons(dated).find((b) => b.action_id === ACTION_IDS.timeline)!;
    expect(decodePageValue(timeline.value)).toEqual({
      question: "How long was the sentence?",
      offset: 0,
      asked: "2024-06-14",
      timeline: true,
    });
  });

  it("More carries the question and the next offset; Share the current one; feedback the first passage", () => {
    const passages = [makePassage({ rank: 4 }), makePassage({ rank: 5, articleId: "appeal", paragraph: 3 })];
    const reply = renderAnswer(answer({ passages, hasMore: true }), { share: true });
    const byId = Object.fromEntries(buttons(reply).map((b) => [b.action_id, b.value]));
    expect(decodePageValue(byId[ACTION_IDS.more]!)).toEqual({
      question: "How long was the sentence?",
      offset: 5,
    });
    expect(decodePageValue(byId[ACTION_IDS.share]!)).toEqual({
      question: "How long was the sentence?",
      offset: 3,
    });
    expect(decodeFeedbackValue(byId[ACTION_IDS.feedbackDown]!)).toEqual({
      question: "How long was the sentence?",
      vote: "down",
      passage: "massimov#1",
      rank: 4,
    });
  });

  it("cuts a 2 000-character question (full of characters JSON escapes) to fit a button value", () => {
    const question = `${'"\\\u0001'.repeat(600)}tail`;
    const reply = renderAnswer(answer({ question, hasMore: true }), { share: true });
    for (const b of buttons(reply)) expect(b.value.length).toBeLessThanOrEqual(2000);
    const more = decodePageValue(buttons(reply).find((b) => b.action_id === ACTION_IDS.more)!.value)!;
    expect(question.startsWith(more.question)).toBe(true);
    expect(more.question.length).toBeGreaterThan(100);
  });
});

describe("renderAnswer: not found", () => {
  it("one sentence plus the engine's hint, no passages, no buttons", () => {
    const reply = renderAnswer(
      answer({ found: false, passages: [], hint: "Close terms in the archive: “Massimov”, “treason”." }),
    );
    expect(sections(reply)).toEqual(["*You asked:* How long was the sentence?", NOT_FOUND_SENTENCE]);
    expect(contexts(reply)).toEqual(["Close terms in the archive: “Massimov”, “treason”."]);
    expect(buttons(reply)).toEqual([]);
    expect(reply.text).toContain(NOT_FOUND_SENTENCE);
    expect(reply.text).toContain("Massimov");
  });

  it("a found:false answer never shows a passage even if the engine attached some", () => {
    const reply = renderAnswer(answer({ found: false }));
    expect(reply.text).not.toContain("18 years");
  });
});

describe("renderAnswer: escaping", () => {
  const hostile = "<!channel> <!here> <!everyone> <!subteam^S123|@team> <@U0BADBAD> & <https://evil|click>";

  it("escapes & < > in the question so no broadcast or mention survives", () => {
    const reply = renderAnswer(answer({ question: `${hostile} sentence?` }));
    expect(injectedMentions(reply)).toEqual([]);
    expect(sections(reply)[0]).toContain("&lt;!channel&gt; &lt;!here&gt;");
    expect(sections(reply)[0]).toContain("&lt;@U0BADBAD&gt; &amp; &lt;https://evil|click&gt;");
  });

  it("escapes article text, titles, publications and hints the same way", () => {
    const passage = makePassage({
      articleTitle: `Title ${hostile}`,
      publication: "<!here> Times",
      url: null,
      excerptSpans: [
        { text: `Quote ${hostile} `, match: false },
        { text: "<@U0MATCH>", match: true },
      ],
    });
    const found = renderAnswer(answer({ passages: [passage], hasMore: true }), { share: true });
    const notFound = renderAnswer(answer({ found: false, passages: [], hint: hostile }));
    for (const reply of [found, notFound]) {
      expect(injectedMentions(reply)).toEqual([]);
      expect(JSON.stringify(reply.blocks)).not.toMatch(/<!|<@/);
    }
    expect(sections(found)[1]).toContain("*&lt;@U0MATCH&gt;*");
  });

  it("neutralises mrkdwn formatting in article text but keeps the visible characters", () => {
    const passage = makePassage({
      excerptSpans: [
        { text: "a *bold* _it_ ~strike~ `code` claim ", match: false },
        { text: "term", match: true },
      ],
    });
    const text = sections(renderAnswer(answer({ passages: [passage] })))[1]!;
    expect(text).not.toMatch(/(^|[^\u200B])\*bold/);
    expect(text.replace(/\u200B/g, "")).toBe("a *bold* _it_ ~strike~ `code` claim *term*");
  });
});

describe("renderAnswer: Slack limits by design", () => {
  it("many long passages full of & stay within 50 blocks and 3 000 characters a section", () => {
    const huge = "&".repeat(5000);
    const passages: Passage[] = Array.from({ length: 40 }, (_, i) =>
      makePassage({
        rank: i + 1,
        articleTitle: huge,
        publication: huge,
        corrected: huge,
        url: `https://example.com/${huge}`,
        excerptSpans: [
          { text: huge, match: false },
          { text: huge, match: true },
        ],
      }),
    );
    const reply = renderAnswer(answer({ question: huge, passages, hasMore: true }), { share: true });
    expect(slackLimitProblems(reply)).toEqual([]);
    expect(sections(reply).length).toBe(1 + MAX_PASSAGES_PER_MESSAGE);
    expect(reply.text.length).toBeLessThanOrEqual(4000);
    expect(reply.text).toMatch(/more in the message\.$/);
  });

  it("notes when the engine cut the question and when the display shortens it", () => {
    const question = "q".repeat(2000);
    const reply = renderAnswer(answer({ question, truncated: { originalLength: 20480, limit: 2000 } }));
    expect(contexts(reply)[0]).toContain(
      "Your question had 20480 characters; only the first 2000 were used.",
    );
    expect(contexts(reply)[0]).toContain("shown shortened to 500 characters");
    expect(slackLimitProblems(reply)).toEqual([]);
  });

  it("usage is short and valid", () => {
    const reply = renderUsage();
    expect(reply.text).toContain("/ask");
    expect(slackLimitProblems(reply)).toEqual([]);
  });
});

describe("renderAnswer: honesty", () => {
  it("says a swapped name, in the blocks and the fallback text", () => {
    // The engine read the question's "Atlantis" as the corpus word "Atlanta": the reader must see it.
    const reply = renderAnswer(answer({ corrections: [{ from: "Atlantis", to: "Atlanta" }] }));
    expect(contexts(reply)).toContain("Showing results for *Atlanta* — no article mentions *Atlantis*");
    expect(reply.text).toContain("Showing results for Atlanta — no article mentions Atlantis.");
  });

  it("a swapped name written by a user cannot mention or format", () => {
    const reply = renderAnswer(answer({ corrections: [{ from: "<!channel>", to: "Atlanta" }] }));
    expect(injectedMentions(reply)).toEqual([]);
  });

  it("low confidence says the passages may not answer; high marks the first citation", () => {
    // Both verdicts are shown: a reader must tell a sure answer from the closest passages.
    const low = renderAnswer(answer({ confidence: "low" }));
    expect(contexts(low)).toContain("_Closest passages — they may not answer your question_");
    expect(low.text).toContain("Closest passages — they may not answer your question:");
    expect(JSON.stringify(low)).not.toContain("Best match");
    const high = renderAnswer(answer({ confidence: "high" }));
    expect(JSON.stringify(high.blocks)).not.toContain("Closest passages");
    expect(high.text).not.toContain("Closest passages");
    const citations = contexts(high).filter((c) => /^\[\d+\]/.test(c));
    expect(citations[0]).toMatch(/^\[1\] \*Best match\* · /);
    expect(citations.slice(1).some((c) => c.includes("Best match"))).toBe(false);
    expect(high.text).toContain("[1] Best match: “");
  });
});

describe("renderAnswer: the rough edges of issue 22", () => {
  it("shows a correction's note beside Corrected …, in the blocks and the fallback text", () => {
    const reply = renderAnswer(
      answer({
        passages: [
          makePassage({ corrected: "2026-12-07", correction: "An earlier version misstated the *term*." }),
        ],
      }),
    );
    const citation = contexts(reply).find((c) => c.startsWith("[1]"))!;
    expect(citation).toContain("Corrected 7 Dec 2026: An earlier version misstated the");
    // The note is the newsroom's text: escaped, never bold by accident.
    expect(citation).not.toContain("*term*");
    expect(reply.text).toContain("Corrected 7 Dec 2026: An earlier version misstated the");
  });

  it("heads a bad filter as a bad filter, not as nothing found", () => {
    const reply = renderAnswer(
      answer({
        found: false,
        passages: [],
        badFilter: true,
        hint: "That date range is empty: after:2024-01-01 starts later than before:2020-12-31 ends.",
      }),
    );
    expect(sections(reply)).toContain("A filter in your question cannot be used.");
    expect(sections(reply)).not.toContain(NOT_FOUND_SENTENCE);
    expect(contexts(reply).join("\n")).toContain("That date range is empty");
    expect(reply.text).not.toContain(NOT_FOUND_SENTENCE);
  });

  it("says how many undated articles a date filter left out", () => {
    const reply = renderAnswer(answer({ filters: { after: "2024-06-01" }, undatedLeftOut: 2 }));
    expect(contexts(reply).join("\n")).toContain(
      "2 matching articles have no date and were left out: nothing says when they were published.",
    );
  });
});

describe("renderTimeline", () => {
  const entry = (over: Partial<TimelineEntry> = {}): TimelineEntry => ({
    articleId: "massimov",
    articleTitle: "Massimov sentenced",
    publication: "The Diplomat",
    url: "https://example.com/massimov",
    published: "2023-04-27",
    corrected: null,
    paragraph: 2,
    text: "Massimov was sentenced to 18 years in prison.",
    excerpt: "**Massimov** was sentenced to 18 years in prison.",
    excerptSpans: [
      { text: "Massimov", match: true },
      { text: " was sentenced to 18 years in prison.", match: false },
    ],
    updates: 0,
    ...over,
  });
  const timelineAnswer = (entries: TimelineEntry[], over: Partial<Answer> = {}): Answer => ({
    question: "Massimov",
    found: entries.length > 0,
    passages: [],
    hasMore: false,
    timeline: {
      entries,
      offset: 0,
      total: entries.length,
      undated: entries.filter((e) => !e.published).length,
    },
    ...over,
  });

  it("one section per line: date, linked headline, publication, ¶, updates, then the passage quoted", () => {
    const reply = renderTimeline(
      timelineAnswer([entry({ updates: 1 }), entry({ articleId: "x", published: null, url: null })]),
    );
    expect(sections(reply)[0]).toBe("*Timeline:* Massimov");
    expect(sections(reply)[1]).toBe(
      "*27 Apr 2023* · <https://example.com/massimov|Massimov sentenced> · The Diplomat · ¶2 (+1 update that day)\n>*Massimov* was sentenced to 18 years in prison.",
    );
    expect(contexts(reply)).toContain("*Without a date*");
    expect(sections(reply)[2]).toMatch(/^_undated_ · Massimov sentenced · The Diplomat · ¶2\n>/);
    expect(contexts(reply)[0]).toBe(
      "2 articles cover it, oldest first; 1 without a date at the end (1–2 of 2).",
    );
    expect(reply.text).toContain("27 Apr 2023 — Massimov sentenced, The Diplomat, ¶2");
  });

  it("15 long, hostile lines stay within Block Kit's limits; More carries the next offset and the timeline flag", () => {
    const hostile = entry({
      articleTitle: `<!channel> ${"&".repeat(400)}`,
      publication: "*bold* <@U123>",
      excerptSpans: [{ text: `${"<!here> ".repeat(300)}`, match: false }],
      correction: "x".repeat(2000),
      corrected: "2023-05-01",
    });
    const entries = Array.from({ length: 15 }, () => hostile);
    const reply = renderTimeline(
      timelineAnswer(entries, {
        hasMore: true,
        asked: "2024-06-14",
        timeline: { entries, offset: 0, total: 40, undated: 0 },
      }),
      { share: true },
    );
    expect(slackLimitProblems(reply)).toEqual([]);
    expect(injectedMentions(reply)).toEqual([]);
    const more = buttons(reply).find((b) => b.action_id === ACTION_IDS.more)!;
    expect(decodePageValue(more.value)).toEqual({
      question: "Massimov",
      offset: 15,
      asked: "2024-06-14",
      timeline: true,
    });
    expect(buttons(reply).map((b) => b.action_id)).toEqual([ACTION_IDS.share, ACTION_IDS.more]);
  });

  it("no story: one clear sentence and the reason, no lines", () => {
    const reply = renderTimeline(
      timelineAnswer([], {
        hint: "Those words are in 96% of the articles, so they name no one story; add a name, a place or an event.",
        timeline: { entries: [], offset: 0, total: 0, undated: 0, noStory: true },
      }),
    );
    expect(sections(reply)).toEqual(["*Timeline:* Massimov", "No one story."]);
    expect(contexts(reply)[0]).toContain("name no one story");
  });
});
