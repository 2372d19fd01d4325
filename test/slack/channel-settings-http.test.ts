/**
 * Channel settings over signed HTTP, against the Web API stand-in, with the real engine over a small
 * corpus of desks (Politics, Business, Transport) and a real embedded store.
 */
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/corpus/types.js";
import { ACTION_IDS } from "../../src/slack/answer-blocks.js";
import { deskHarness } from "../support/desk-harness.js";
import { injectedMentions, slackLimitProblems } from "../support/slack-reply-checks.js";
import { buttonClick, commandFields, eventCallback, mentionEvent, nextTs } from "../support/slack-signer.js";
import { STAND_IN_BOT_USER_ID } from "../support/slack-stand-in.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";

type Block = {
  type: string;
  text?: { text: string };
  elements?: Array<{ text?: string; action_id?: string; value?: string }>;
};
type Reply = { text: string; blocks: Block[]; response_type?: string };

const texts = (r: Reply) =>
  r.blocks.flatMap((b) =>
    b.type === "section" ? [b.text!.text] : (b.elements ?? []).map((e) => e.text ?? ""),
  );
const citations = (r: Reply) => texts(r).filter((t) => /^\[\d+\]/.test(t));
const footer = (r: Reply) => {
  const last = r.blocks[r.blocks.length - 1]!;
  return last.type === "context" ? (last.elements![0]!.text ?? "") : "";
};

describe("/ask settings with anyone allowed", () => {
  const h = useSlackAppHarness(deskHarness());
  const command = async (text: string, fields: Record<string, string> = {}) => {
    const res = await h.send.command(commandFields(text, h.standIn.responseUrl(), fields));
    expect(res.status).toBe(200);
    return res.json as unknown as Reply;
  };
  const politics = { channel_id: "C0POLITICS", channel_name: "politics" };

  it("shows the defaults, then scopes every answer in the channel and says so in the footer", async () => {
    const shown = await command("settings", politics);
    expect(shown.text).toContain("Scope: the whole archive");
    expect(shown.text).toContain("Who may change them: anyone in the channel");

    const before = await command("harbour ferry", politics);
    expect(citations(before).some((c) => c.includes("Harbour Business Weekly"))).toBe(true);

    const set = await command("settings section:Politics", politics);
    expect(set.text).toContain("Updated section for this channel.");
    expect(set.text).toContain("Scope: section Politics");

    const scoped = await command("harbour ferry", politics);
    expect(citations(scoped).length).toBeGreaterThan(0);
    expect(citations(scoped).every((c) => c.includes("Council passes budget"))).toBe(true);
    expect(footer(scoped)).toBe("#politics scope: section Politics — `/ask settings`");
    expect(scoped.text).not.toContain("Harbour Business Weekly");

    // Another channel is not scoped, and its replies carry no footer.
    const elsewhere = await command("harbour ferry", { channel_id: "C0ELSEWHERE" });
    expect(citations(elsewhere).some((c) => c.includes("Harbour Business Weekly"))).toBe(true);
    expect(footer(elsewhere)).not.toContain("scope");
  });

  it("a question's own filters narrow within the scope, never widen it", async () => {
    await command("settings reset", politics);
    await command('settings section:Politics byline:"Ann Lee"', politics);
    const narrower = await command("harbour ferry section:Business", politics);
    expect(citations(narrower)).toEqual([]);
    expect(footer(narrower)).toBe("#politics scope: section Politics · byline Ann Lee — `/ask settings`");
    // The byline filter alone works in questions too.
    const byline = await command('harbour ferry byline:"Tom Reyes"', { channel_id: "C0ELSEWHERE" });
    expect(citations(byline).length).toBeGreaterThan(0);
    // Ann Lee's articles (the budget, the timetable) are left out.
    expect(citations(byline).some((c) => c.includes("Harbour Business Weekly"))).toBe(true);
    expect(citations(byline).some((c) => /Council passes|Ferry timetable/.test(c))).toBe(false);
  });

  it("mentions in a scoped channel are answered in scope; replies:ephemeral answers only the asker", async () => {
    await command("settings reset", politics);
    await command("settings section:Politics replies:ephemeral", politics);
    const ts = nextTs();
    const res = await h.send.event(
      mentionEvent("harbour ferry", { channel: "C0POLITICS", user: "U0ASKER", ts }),
    );
    expect(res.status).toBe(200);
    await h.standIn.waitFor((calls) => calls.some((c) => c.method === "chat.postEphemeral"));
    const [call] = h.standIn.callsTo("chat.postEphemeral");
    expect(call!.args).toMatchObject({ channel: "C0POLITICS", user: "U0ASKER", thread_ts: ts });
    const reply = call!.args as unknown as Reply;
    expect(citations(reply).every((c) => c.includes("Council passes budget"))).toBe(true);
    expect(footer(reply)).toContain("#politics scope: section Politics");
    expect(h.standIn.callsTo("chat.postMessage")).toEqual([]);

    await command("settings replies:thread", politics);
    await h.send.event(mentionEvent("harbour ferry", { channel: "C0POLITICS", user: "U0ASKER" }));
    await h.standIn.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"));
    expect(footer(h.standIn.callsTo("chat.postMessage")[0]!.args as unknown as Reply)).toContain("scope");
  });

  it("follow-ups:all answers un-tagged replies in threads it answered in, and only there", async () => {
    await command("settings reset", politics);
    const thread = nextTs();
    const reply = (text: string, threadTs: string) =>
      h.send.event(
        eventCallback({
          type: "message",
          channel_type: "channel",
          channel: "C0POLITICS",
          user: "U0ASKER",
          text,
          ts: nextTs(),
          thread_ts: threadTs,
        }),
      );
    await h.send.event(mentionEvent("council budget", { channel: "C0POLITICS", ts: thread }));
    await h.standIn.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"));
    // follow-ups:mentions (the default): a plain reply is left alone.
    h.standIn.calls.length = 0;
    await reply("who led the opposition?", thread);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.standIn.callsTo("chat.postMessage")).toEqual([]);

    await command("settings follow-ups:all", politics);
    const answered = nextTs();
    await h.send.event(mentionEvent("council budget", { channel: "C0POLITICS", ts: answered }));
    await h.standIn.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"));
    h.standIn.calls.length = 0;
    await reply("who led the opposition?", answered);
    await h.standIn.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"));
    const [followUp] = h.standIn.callsTo("chat.postMessage");
    expect(followUp!.args).toMatchObject({ channel: "C0POLITICS", thread_ts: answered });
    expect(String(followUp!.args.text)).toContain("Priya Nair");

    // A thread Newsdesk never answered in, and a bot's own reply, are left alone.
    h.standIn.calls.length = 0;
    await reply("who led the opposition?", nextTs());
    await h.send.event(
      eventCallback({
        type: "message",
        channel_type: "channel",
        channel: "C0POLITICS",
        user: STAND_IN_BOT_USER_ID,
        bot_id: "BNEWSBOT",
        text: "who led the opposition?",
        ts: nextTs(),
        thread_ts: answered,
      }),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(h.standIn.callsTo("chat.postMessage")).toEqual([]);
  });

  it("an un-tagged follow-up (follow-ups:all) in a scoped channel is answered in scope, with the footer", async () => {
    await command("settings reset", politics);
    await command("settings section:Politics follow-ups:all", politics);
    const thread = nextTs();
    await h.send.event(mentionEvent("council budget", { channel: "C0POLITICS", ts: thread }));
    await h.standIn.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"));
    h.standIn.calls.length = 0;
    await h.send.event(
      eventCallback({
        type: "message",
        channel_type: "channel",
        channel: "C0POLITICS",
        user: "U0ASKER",
        text: "what about the harbour ferry?",
        ts: nextTs(),
        thread_ts: thread,
      }),
    );
    await h.standIn.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"));
    const [followUp] = h.standIn.callsTo("chat.postMessage");
    expect(followUp!.args).toMatchObject({ channel: "C0POLITICS", thread_ts: thread });
    const reply = followUp!.args as unknown as Reply;
    expect(citations(reply).length).toBeGreaterThan(0);
    // In scope: the Business Weekly's and the Transport desk's ferry stories are left out.
    expect(citations(reply).every((c) => c.includes("Council passes budget"))).toBe(true);
    expect(footer(reply)).toBe("#politics scope: section Politics — `/ask settings`");
  });

  it("settings text with mrkdwn, broadcasts and mentions is kept as words and pings nobody", async () => {
    const channel = { channel_id: "C0HOSTILE", channel_name: "hostile" };
    const set = await command("settings section:<!channel> byline:<@U0BOSS|boss> from:*bold*_x_", channel);
    expect(set.text).toContain("Updated");
    expect(injectedMentions(set)).toEqual([]);
    expect(slackLimitProblems(set)).toEqual([]);
    const shown = await command("settings", channel);
    expect(injectedMentions(shown)).toEqual([]);
    expect(shown.text).toMatch(/section @channel/);
    const answer = await command("harbour ferry", channel);
    expect(injectedMentions(answer)).toEqual([]);
    expect(footer(answer)).toContain("@channel");
    expect(footer(answer)).not.toContain("<!channel>");
  });

  it("bad settings get one sentence naming the fix, and change nothing", async () => {
    const channel = { channel_id: "C0BAD" };
    await command("settings section:Politics", channel);
    for (const [text, expected] of [
      ["settings colour:blue", /"colour:" is not a setting; write from:, section:/],
      ["settings politics", /"politics" is not a setting/],
      ["settings replies:loud", /replies: is thread .* or ephemeral/],
      ["settings follow-ups:some", /follow-ups: is mentions/],
      ["settings after:2024", /after: is a filter of questions, not of a channel/],
      ["settings desk:#research", /desk: needs a channel Slack links/],
      [`settings section:${"x".repeat(81)}`, /at most 80 characters/],
      ["settings section:", /section: needs a value/],
    ] as const) {
      const reply = await command(text, channel);
      expect(reply.blocks).toHaveLength(1);
      expect(reply.text).toMatch(expected);
    }
    expect((await command("settings", channel)).text).toContain("Scope: section Politics");
  });

  it("desk:#channel takes the channel Slack escaped; none clears it", async () => {
    const channel = { channel_id: "C0DESKSET" };
    const set = await command("settings desk:<#C0RESEARCH|research>", channel);
    expect(set.text).toContain("Research desk: <#C0RESEARCH>");
    const cleared = await command("settings desk:none", channel);
    expect(cleared.text).toContain("Research desk: none");
  });
});

/** A story of 18 days in the Courts section, the same words in other sections, and other news. */
function storyArticles(): Article[] {
  const articles: Article[] = [];
  for (let day = 1; day <= 18; day++) {
    articles.push({
      id: `massimov-${day}`,
      title: `Massimov trial, day ${day}`,
      publication: "Bayside Courier",
      published: `2024-05-${String(day).padStart(2, "0")}`,
      section: "Courts",
      paragraphs: [
        `Day ${day} of the Massimov trial heard from witness number ${day}.`,
        `The Massimov trial resumes tomorrow, the judge said after day ${day}.`,
      ],
      source: `massimov-${day}.md`,
    });
  }
  for (let n = 1; n <= 3; n++) {
    articles.push({
      id: `massimov-opinion-${n}`,
      title: `What the Massimov trial means, part ${n}`,
      publication: "Bayside Courier",
      published: `2024-06-0${n}`,
      section: "Opinion",
      paragraphs: ["The Massimov trial is about trust.", "The Massimov trial will be remembered."],
      source: `massimov-opinion-${n}.md`,
    });
  }
  for (let n = 1; n <= 20; n++) {
    articles.push({
      id: `other-${n}`,
      title: `Harbour news ${n}`,
      publication: "Bayside Courier",
      published: `2024-04-${String(n).padStart(2, "0")}`,
      section: "Transport",
      paragraphs: [`The harbour ferry ran ${n} extra crossings.`, "Passengers welcomed the change."],
      source: `other-${n}.md`,
    });
  }
  return articles;
}

describe("a scoped channel's timelines", () => {
  const h = useSlackAppHarness(deskHarness({}, 0, storyArticles()));
  const courts = { channel_id: "C0COURTS", channel_name: "courts" };
  const scope = "#courts scope: section Courts — `/ask settings`";
  const command = async (text: string) => {
    const res = await h.send.command(commandFields(text, h.standIn.responseUrl(), courts));
    expect(res.status).toBe(200);
    return res.json as unknown as Reply;
  };
  const lines = (r: Reply) => texts(r).filter((t) => /^\*\d{1,2} \w{3} \d{4}\*/.test(t));
  const button = (r: Reply, actionId: string) =>
    r.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId)!;
  /** Presses a button of an ephemeral reply in the channel; what came back by its response URL. */
  const press = async (actionId: string, value: string) => {
    const responseUrl = h.standIn.responseUrl();
    await h.send.action(buttonClick({ actionId, value, responseUrl, channel: courts.channel_id }));
    const id = responseUrl.split("/").pop();
    await h.standIn.waitFor((calls) => calls.some((c) => c.responseId === id));
    return h.standIn.callsTo("response_url").find((c) => c.responseId === id)!.args as unknown as Reply;
  };

  it("/ask timeline, its More page and the Timeline button each end with the scope footer", async () => {
    await command("settings section:Courts");
    const first = await command("timeline Massimov trial");
    expect(texts(first)[0]).toBe("*Timeline:* Massimov trial");
    // The Courts desk's days only: the Opinion pieces on the trial are out of scope.
    expect(lines(first)).toHaveLength(15);
    expect(JSON.stringify(first)).not.toContain("What the Massimov trial means");
    expect(footer(first)).toBe(scope);

    const more = await press(ACTION_IDS.more, button(first, ACTION_IDS.more).value!);
    expect(texts(more)[0]).toBe("*More of the timeline:* Massimov trial");
    expect(lines(more)).toHaveLength(3);
    expect(lines(more)[0]).toMatch(/^\*16 May 2024\*/);
    expect(footer(more)).toBe(scope);

    const answer = await command("Massimov trial");
    const timeline = await press(ACTION_IDS.timeline, button(answer, ACTION_IDS.timeline).value!);
    expect(texts(timeline)[0]).toBe("*Timeline:* Massimov trial");
    expect(lines(timeline)).toHaveLength(15);
    expect(footer(timeline)).toBe(scope);
  });

  it("a scoped timeline that finds nothing says so, and is scoped too", async () => {
    await command("settings section:Courts");
    const none = await command("timeline harbour ferry crossings");
    expect(lines(none)).toEqual([]);
    expect(footer(none)).toBe(scope);
  });
});

describe("/ask settings changed by several users at once", () => {
  // Every read of the settings waits, so concurrent changes all read the same revision before any
  // writes: without the revision check, all but the last change would be lost.
  const h = useSlackAppHarness(deskHarness({}, 150));
  const command = async (text: string, fields: Record<string, string> = {}) => {
    const res = await h.send.command(commandFields(text, h.standIn.responseUrl(), fields));
    expect(res.status).toBe(200);
    return res.json as unknown as Reply;
  };

  it("concurrent changes by two users all land; none undoes another", async () => {
    const channel = { channel_id: "C0RACE", channel_name: "race" };
    const changes = [
      ["U0ONE", "settings section:Politics"],
      ["U0TWO", "settings replies:ephemeral"],
      ["U0ONE", "settings follow-ups:all"],
      ["U0TWO", 'settings byline:"Ann Lee"'],
      ["U0ONE", "settings from:Courier"],
      ["U0TWO", "settings desk:C0RESEARCH"],
    ] as const;
    const replies = await Promise.all(
      changes.map(([user, text]) => command(text, { ...channel, user_id: user })),
    );
    for (const reply of replies) expect(reply.text).toMatch(/^Updated /);
    const shown = await command("settings", channel);
    expect(shown.text).toContain("Scope: from Courier · section Politics · byline Ann Lee");
    expect(shown.text).toContain("only the asker sees them");
    expect(shown.text).toContain("every reply in a thread I answered in");
    expect(shown.text).toContain("<#C0RESEARCH>");
  });
});

describe("/ask settings limited to SETTINGS_USERS and SETTINGS_USERGROUP", () => {
  const h = useSlackAppHarness(deskHarness({ SETTINGS_USERS: "U0EDITOR", SETTINGS_USERGROUP: "S0EDITORS" }));
  const command = async (text: string, user: string) => {
    const res = await h.send.command(
      commandFields(text, h.standIn.responseUrl(), { channel_id: "C0GUARDED", user_id: user }),
    );
    return res.json as unknown as Reply;
  };

  it("refuses others with a sentence naming who can; lets the listed user and the group's members change", async () => {
    h.standIn.override("usergroups.users.list", (call) =>
      call.args.usergroup === "S0EDITORS" ? { body: { ok: true, users: ["U0GROUPED"] } } : undefined,
    );
    const refused = await command("settings section:Politics", "U0REPORTER");
    expect(refused.text).toBe(
      "Only <@U0EDITOR>, members of the user group set in SETTINGS_USERGROUP (S0EDITORS) may change this channel's settings; ask one of them.",
    );
    expect((await command("settings", "U0REPORTER")).text).toContain("Scope: the whole archive");
    expect((await command("settings section:Politics", "U0EDITOR")).text).toMatch(/^Updated section/);
    expect((await command("settings replies:ephemeral", "U0GROUPED")).text).toMatch(/^Updated replies/);
    // Anyone may still look.
    const shown = await command("settings", "U0REPORTER");
    expect(shown.text).toContain("Scope: section Politics");
    expect(shown.text).toContain("only the asker sees them");
  });
});

describe("/ask settings when Slack cannot list SETTINGS_USERGROUP", () => {
  const h = useSlackAppHarness(deskHarness({ SETTINGS_USERS: "U0EDITOR", SETTINGS_USERGROUP: "S0EDITORS" }));
  const command = async (text: string, user: string) => {
    const res = await h.send.command(
      commandFields(text, h.standIn.responseUrl(), { channel_id: "C0GROUPDOWN", user_id: user }),
    );
    expect(res.status).toBe(200);
    return res.json as unknown as Reply;
  };

  it("refuses a change with one sentence saying the group could not be read, never lets it through", async () => {
    let failing = true;
    h.standIn.override("usergroups.users.list", () =>
      failing
        ? { body: { ok: false, error: "missing_scope" } }
        : { body: { ok: true, users: ["U0GROUPED"] } },
    );
    for (const user of ["U0GROUPED", "U0REPORTER"]) {
      const refused = await command("settings section:Politics", user);
      expect(refused.text).toBe(
        "I could not check the user group in SETTINGS_USERGROUP (missing_scope); please try again in a moment.",
      );
      expect(refused.blocks).toHaveLength(1);
      expect(injectedMentions(refused)).toEqual([]);
    }
    expect((await command("settings", "U0REPORTER")).text).toContain("Scope: the whole archive");
    // A user named in SETTINGS_USERS needs no group: allowed without asking Slack.
    expect((await command("settings replies:ephemeral", "U0EDITOR")).text).toMatch(/^Updated replies/);
    // A failure is not remembered: once Slack answers, the group's members may change, others not.
    failing = false;
    expect((await command("settings section:Politics", "U0GROUPED")).text).toMatch(/^Updated section/);
    expect((await command("settings section:Business", "U0REPORTER")).text).toMatch(/^Only <@U0EDITOR>/);
    expect((await command("settings", "U0REPORTER")).text).toContain("Scope: section Politics");
  });
});
