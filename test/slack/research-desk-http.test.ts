/**
 * "Ask the research desk" over signed HTTP against the Web API stand-in: the button on low-confidence
 * and not-found answers, the desk's post, the asker told where it went and mentioned in the thread.
 */
import { describe, expect, it } from "vitest";
import { LOW_CONFIDENCE_SENTENCE } from "../../src/answer/index.js";
import { decodeDeskValue } from "../../src/slack/action-values.js";
import { ACTION_IDS } from "../../src/slack/answer-blocks.js";
import { deskHarness } from "../support/desk-harness.js";
import { injectedMentions } from "../support/slack-reply-checks.js";
import { buttonClick, commandFields, eventCallback, nextTs } from "../support/slack-signer.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";

type Element = { action_id?: string; value?: string; text?: unknown };
type Reply = { text: string; blocks: Array<{ type: string; text?: { text: string }; elements?: Element[] }> };

const h = useSlackAppHarness(deskHarness({ RESEARCH_DESK_CHANNEL: "C0LIBRARY" }));

async function ask(text: string, fields: Record<string, string> = {}): Promise<Reply> {
  const res = await h.send.command(commandFields(text, h.standIn.responseUrl(), fields));
  return res.json as unknown as Reply;
}
const deskButton = (reply: Reply) =>
  reply.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === ACTION_IDS.askDesk);

async function press(value: string, fields: { channel?: string; user?: string } = {}) {
  const responseUrl = h.standIn.responseUrl();
  await h.send.action(buttonClick({ actionId: ACTION_IDS.askDesk, value, responseUrl, ...fields }));
  const id = responseUrl.split("/").pop();
  await h.standIn.waitFor((calls) => calls.some((c) => c.responseId === id));
  return h.standIn.callsTo("response_url").find((c) => c.responseId === id)!.args as unknown as Reply;
}

function threadReply(
  channel: string,
  threadTs: string,
  user: string,
  text = "Found it: the minutes of 5 March.",
) {
  return h.send.event(
    eventCallback({
      type: "message",
      channel_type: "channel",
      channel,
      user,
      text,
      ts: nextTs(),
      thread_ts: threadTs,
    }),
  );
}

describe("Ask the research desk", () => {
  it("a not-found answer offers it; the desk gets the question, who, where and when; the asker is told", async () => {
    const reply = await ask("Who won the chess championship?", { channel_id: "C0SPORT", user_id: "U0ASKER" });
    const button = deskButton(reply)!;
    expect(button).toBeDefined();
    expect(decodeDeskValue(button.value!)).toMatchObject({
      question: "Who won the chess championship?",
      tried: [],
    });
    const told = await press(button.value!, { channel: "C0SPORT", user: "U0ASKER" });
    expect(told.text).toBe("Sent to <#C0LIBRARY>. You will be mentioned in its thread when someone answers.");
    const [post] = h.standIn.callsTo("chat.postMessage");
    expect(post!.args.channel).toBe("C0LIBRARY");
    const blocks = (post!.args as unknown as Reply).blocks;
    expect(blocks[0]!.text!.text).toMatch(
      /^\*Question for the research desk\* from <@U0ASKER> in <#C0SPORT>, asked \d{1,2} \w{3} \d{4}:$/,
    );
    expect(blocks[1]!.text!.text).toBe("Who won the chess championship?");
    expect(JSON.stringify(blocks)).toContain("No passage of the archive matched it.");
    expect(injectedMentions(post!.args as Reply, ["U0ASKER"])).toEqual([]);
  });

  it("a low-confidence answer offers it with the passages tried; a channel's own desk wins over the default", async () => {
    const fields = { channel_id: "C0POLITICS", channel_name: "politics" };
    await ask("settings desk:<#C0RESEARCH|research>", fields);
    const reply = await ask("ferry", fields);
    expect(reply.text).toContain(LOW_CONFIDENCE_SENTENCE);
    // A confident answer does not offer it.
    expect(deskButton(await ask("who paid for the dry dock", fields))).toBeUndefined();
    const value = decodeDeskValue(deskButton(reply)!.value!)!;
    expect(value.tried.length).toBeGreaterThan(0);
    await press(deskButton(reply)!.value!, { channel: "C0POLITICS" });
    const [post] = h.standIn.callsTo("chat.postMessage");
    expect(post!.args.channel).toBe("C0RESEARCH");
    expect(JSON.stringify(post!.args.blocks)).toContain("Passages tried:\\n[1] ");
  });

  it("mentions the asker in the desk thread when someone answers there, once; not for the asker's own reply", async () => {
    const threadTs = "1710009999.000042";
    const remove = h.standIn.override("chat.postMessage", (call) =>
      call.args.channel === "C0LIBRARY"
        ? { body: { ok: true, channel: "C0LIBRARY", ts: threadTs } }
        : undefined,
    );
    const reply = await ask("Who won the sailing cup?", { channel_id: "C0SPORT", user_id: "U0ASKER" });
    await press(deskButton(reply)!.value!, { channel: "C0SPORT", user: "U0ASKER" });
    remove();
    h.standIn.calls.length = 0;
    await threadReply("C0LIBRARY", threadTs, "U0ASKER", "Anyone?");
    await new Promise((r) => setTimeout(r, 300));
    expect(h.standIn.callsTo("chat.postMessage")).toEqual([]);
    await threadReply("C0LIBRARY", threadTs, "U0LIBRARIAN");
    await h.standIn.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"));
    expect(h.standIn.callsTo("chat.postMessage")[0]!.args).toMatchObject({
      channel: "C0LIBRARY",
      thread_ts: threadTs,
      text: "<@U0ASKER> — <@U0LIBRARIAN> answered your question in this thread.",
    });
    await threadReply("C0LIBRARY", threadTs, "U0OTHERLIBRARIAN");
    // Another thread of the desk channel is not a desk thread.
    await threadReply("C0LIBRARY", "1710001111.000001", "U0LIBRARIAN");
    await new Promise((r) => setTimeout(r, 300));
    expect(h.standIn.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("a desk channel Newsdesk is not in gets one sentence saying how to fix it", async () => {
    const remove = h.standIn.override("chat.postMessage", () => ({
      body: { ok: false, error: "not_in_channel" },
    }));
    const reply = await ask("Who won the darts final?", { channel_id: "C0SPORT" });
    const told = await press(deskButton(reply)!.value!, { channel: "C0SPORT" });
    remove();
    expect(told.text).toBe(
      "I can't post in the research desk's channel; invite me there (/invite @Newsdesk) and press the button again.",
    );
    // The failed send claimed nothing: pressed again once the bot is in, it goes.
    const again = await press(deskButton(reply)!.value!, { channel: "C0SPORT" });
    expect(again.text).toBe(
      "Sent to <#C0LIBRARY>. You will be mentioned in its thread when someone answers.",
    );
    expect(h.standIn.callsTo("chat.postMessage").filter((c) => c.args.channel === "C0LIBRARY")).toHaveLength(
      2,
    );
  });

  it("a second press for the same question posts nothing more, and says it is on its way", async () => {
    // A double click, or the button of a second copy of the answer: the desk gets the question once;
    // another person pressing for the same question is a question of their own.
    const reply = await ask("Who won the rowing regatta?", { channel_id: "C0SPORT", user_id: "U0ASKER" });
    const value = deskButton(reply)!.value!;
    const [first, second] = await Promise.all([
      press(value, { channel: "C0SPORT", user: "U0ASKER" }),
      press(value, { channel: "C0SPORT", user: "U0ASKER" }),
    ]);
    const texts = [first.text, second.text].sort();
    expect(texts[0]).toBe("Sent to <#C0LIBRARY>. You will be mentioned in its thread when someone answers.");
    expect(texts[1]).toBe(
      "That question is already on its way to the research desk; you will be mentioned in its thread when someone answers.",
    );
    const posts = () => h.standIn.callsTo("chat.postMessage").filter((c) => c.args.channel === "C0LIBRARY");
    expect(posts()).toHaveLength(1);
    const other = await press(value, { channel: "C0SPORT", user: "U0EDITOR" });
    expect(other.text).toBe(
      "Sent to <#C0LIBRARY>. You will be mentioned in its thread when someone answers.",
    );
    expect(posts()).toHaveLength(2);
  });
});
