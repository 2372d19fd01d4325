/**
 * Defect 8 of issue 12, replays: the same signed request delivered again — Slack's redelivery, or a
 * captured request replayed within its signature's five minutes — is answered once, and what was
 * answered is remembered across a restart (the request keys claimed in the store).
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { pino } from "pino";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/slack/answer-blocks.js";
import { openStore, SQLITE_FILE_NAME, type Store } from "../../src/store/index.js";
import { createFakeAsk, makePassage } from "../support/fake-answers.js";
import { tempDir } from "../support/paths.js";
import { startSlackAppHarness } from "../support/slack-app-harness.js";
import { buttonClick, commandFields, dmEvent, mentionEvent } from "../support/slack-signer.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";

const passages = Array.from({ length: 5 }, (_, i) =>
  makePassage({ articleId: `story-${i + 1}`, articleTitle: `Story ${i + 1}`, paragraph: i + 2 }),
);
const ask = createFakeAsk(passages);
const cacheDir = await tempDir("newsdesk-replays-");
/** The embedded store of a folder, ready. */
async function storeIn(dataDir: string): Promise<Store> {
  const store = openStore({ dataDir, logger: pino({ level: "silent" }) });
  await store.init();
  return store;
}
const store = await storeIn(cacheDir);
afterAll(async () => {
  await store.stop();
  await rm(cacheDir, { recursive: true, force: true });
});
const h = useSlackAppHarness({ ask, store }, { clearEach: [ask.calls] });
beforeEach(() => {
  h.logs.length = 0;
});

type Reply = { blocks?: Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }> };
const posts = () => h.standIn.callsTo("chat.postMessage");

/** A DM answered: everything sent before it has been handled. */
async function settle(): Promise<void> {
  await h.send.event(dmEvent("sentence?", { channel: "D0SETTLE" }));
  await h.standIn.waitFor((calls) =>
    calls.some((c) => c.method === "chat.postMessage" && c.args.channel === "D0SETTLE"),
  );
  await h.app.idle();
}

async function buttonValue(actionId: string): Promise<string> {
  const res = await h.send.command(commandFields("How long was the sentence?", h.standIn.responseUrl()));
  const buttons = ((res.json as Reply).blocks ?? []).flatMap((b) => b.elements ?? []);
  return buttons.find((b) => b.action_id === actionId)!.value;
}

/** Sends the same signed body `times` times, one after the other; each must be acknowledged. */
async function deliver(times: number, send: () => Promise<{ status: number }>): Promise<void> {
  for (let i = 0; i < times; i++) expect((await send()).status).toBe(200);
}

describe("replayed clicks and commands are answered once", () => {
  it("a Share click delivered 3 times posts once in the channel", async () => {
    const click = buttonClick({
      actionId: ACTION_IDS.share,
      value: await buttonValue(ACTION_IDS.share),
      responseUrl: h.standIn.responseUrl(),
    });
    await deliver(3, () => h.send.action(click));
    await settle();
    expect(posts().filter((p) => p.args.channel === "C0NEWS")).toHaveLength(1);
    expect(
      h.standIn.callsTo("response_url").filter((c) => c.args.text === "Shared in the channel."),
    ).toHaveLength(1);
    expect(h.logs.filter((l) => l.msg === "slack request ignored" && l.outcome === "duplicate")).toHaveLength(
      2,
    );
  });

  it("a More click on a visible answer delivered 3 times posts the next passages once", async () => {
    const click = buttonClick({
      actionId: ACTION_IDS.more,
      value: await buttonValue(ACTION_IDS.more),
      responseUrl: h.standIn.responseUrl(),
      isEphemeral: false,
    });
    await deliver(3, () => h.send.action(click));
    await settle();
    expect(posts().filter((p) => p.args.channel === "C0NEWS")).toHaveLength(1);
  });

  it("a feedback click delivered 3 times is recorded and thanked once", async () => {
    const responseUrl = h.standIn.responseUrl();
    const click = buttonClick({
      actionId: ACTION_IDS.feedbackUp,
      value: await buttonValue(ACTION_IDS.feedbackUp),
      responseUrl,
    });
    await deliver(3, () => h.send.action(click));
    await settle();
    expect(h.logs.filter((l) => l.msg === "answer feedback")).toHaveLength(1);
    expect(
      h.standIn.callsTo("response_url").filter((c) => String(c.args.text).startsWith("Thanks")),
    ).toHaveLength(1);
  });

  it("two clicks of the same button (two trigger ids) are both answered", async () => {
    const value = await buttonValue(ACTION_IDS.feedbackDown);
    const responseUrl = h.standIn.responseUrl();
    await deliver(1, () =>
      h.send.action(buttonClick({ actionId: ACTION_IDS.feedbackDown, value, responseUrl })),
    );
    await deliver(1, () =>
      h.send.action(buttonClick({ actionId: ACTION_IDS.feedbackDown, value, responseUrl })),
    );
    await settle();
    expect(h.logs.filter((l) => l.msg === "answer feedback")).toHaveLength(2);
  });

  it("the same /ask delivered 5 times (one trigger_id) is answered once; the repeats get an empty ack", async () => {
    const fields = commandFields("How long was the sentence?", h.standIn.responseUrl());
    const replies = [];
    for (let i = 0; i < 5; i++) replies.push(await h.send.command(fields));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(replies[0]!.json).toMatchObject({ response_type: "ephemeral" });
    expect(replies.slice(1).map((r) => r.text)).toEqual(["", "", "", ""]);
    expect(ask.calls).toEqual(["How long was the sentence?"]);
  });

  it("the seen keys are in the store, bounded and without the questions asked", async () => {
    const fields = commandFields("How long was the sentence?", h.standIn.responseUrl());
    // The key is claimed before the command is acknowledged.
    await h.send.command(fields);
    const db = new Database(path.join(cacheDir, SQLITE_FILE_NAME), { readonly: true });
    const keys = (db.prepare("SELECT key FROM seen_keys").all() as Array<{ key: string }>).map((r) => r.key);
    db.close();
    expect(keys).toContain(`command:${fields.trigger_id}`);
    expect(keys.join("\n")).not.toContain("How long");
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(120);
  });
});

describe("across a restart", () => {
  it("an event, a command and a click delivered before and after a restart are answered once", async () => {
    const dir = await tempDir("newsdesk-replays-restart-");
    const restartAsk = createFakeAsk(passages);
    try {
      const firstStore = await storeIn(dir);
      const first = await startSlackAppHarness({ ask: restartAsk, store: firstStore });
      const mention = mentionEvent("sentence?");
      const command = commandFields("How long was the sentence?", first.standIn.responseUrl());
      let click: Record<string, unknown>;
      try {
        await first.send.event(mention);
        const res = await first.send.command(command);
        const value = ((res.json as Reply).blocks ?? [])
          .flatMap((b) => b.elements ?? [])
          .find((b) => b.action_id === ACTION_IDS.feedbackUp)!.value;
        click = buttonClick({
          actionId: ACTION_IDS.feedbackUp,
          value,
          responseUrl: first.standIn.responseUrl(),
        });
        await first.send.action(click);
        await first.standIn.waitFor(() => first.standIn.callsTo("chat.postMessage").length === 1);
        await first.app.idle();
      } finally {
        await first.stop();
        await firstStore.stop();
      }
      expect(restartAsk.calls).toHaveLength(2);

      const secondStore = await storeIn(dir);
      const second = await startSlackAppHarness({ ask: restartAsk, store: secondStore });
      try {
        expect((await second.send.event(mention)).status).toBe(200);
        expect((await second.send.command(command)).text).toBe("");
        expect((await second.send.action(click)).status).toBe(200);
        // A new question after them is answered: the app is up and only the repeats were dropped.
        await second.send.event(mentionEvent("sentence?", { channel: "C0AFTER" }));
        await second.standIn.waitFor(() => second.standIn.callsTo("chat.postMessage").length >= 1);
        await second.app.idle();
        expect(second.standIn.callsTo("chat.postMessage").map((c) => c.args.channel)).toEqual(["C0AFTER"]);
        expect(second.logs.filter((l) => l.outcome === "duplicate")).toHaveLength(3);
        expect(second.logs.filter((l) => l.msg === "answer feedback")).toHaveLength(0);
      } finally {
        await second.stop();
        await secondStore.stop();
      }
      expect(restartAsk.calls).toHaveLength(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
