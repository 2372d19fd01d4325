/**
 * Three real replicas in HTTP mode sharing one real PostgreSQL, behind a round-robin proxy, with real
 * signed HTTP: Slack's retries of one event land on different replicas and are answered once; a
 * mention in a DM (app_mention and message) is one answer; a command delivered three times, one.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTopology, type Topology } from "../../scripts/topology/start-topology.js";
import { repoRoot } from "../support/paths.js";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../support/slack-app-harness.js";
import {
  commandFields,
  createSlackSender,
  dmEvent,
  eventCallback,
  mentionEvent,
  nextTs,
  type SlackSender,
} from "../support/slack-signer.js";
import { type SlackStandIn, STAND_IN_BOT_USER_ID, startSlackStandIn } from "../support/slack-stand-in.js";

let standIn: SlackStandIn;
let topology: Topology;
let send: SlackSender;

beforeAll(async () => {
  standIn = await startSlackStandIn();
  topology = await startTopology({
    replicas: 3,
    adminUrl: inject("postgresUrl"),
    database: `replicas_${process.pid}`,
    env: {
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: standIn.apiUrl,
      CORPUS_DIR: path.join(repoRoot, "test/fixtures/slack"),
      LOG_LEVEL: "info",
    },
  });
  send = createSlackSender(`${topology.proxyUrl}/slack/events`, TEST_SIGNING_SECRET);
}, 300_000);

afterAll(async () => {
  await topology?.stop();
  await standIn?.close();
});

const posts = () => standIn.callsTo("chat.postMessage");

/** A fresh mention answered: every delivery sent before it has been handled by whichever replica got it. */
async function settle(channel: string): Promise<void> {
  for (let i = 0; i < 3; i++) await send.event(mentionEvent("harbour ferry", { channel: `${channel}${i}` }));
  await standIn.waitFor(
    () => [0, 1, 2].every((i) => posts().some((p) => p.args.channel === `${channel}${i}`)),
    30_000,
  );
}

/** Which replicas logged a line matching `pattern`. */
function replicasLogging(pattern: string): number[] {
  return topology.replicas.filter((r) => r.lines.some((l) => l.includes(pattern))).map((r) => r.index);
}

describe("three replicas, one PostgreSQL", () => {
  it("answers an event and its three retries once, though each reached another replica", async () => {
    const event = mentionEvent("harbour ferry passengers", { channel: "C0RETRY" });
    expect((await send.event(event)).status).toBe(200);
    for (let retry = 1; retry <= 3; retry++) {
      const res = await send.event(event, { headers: { "x-slack-retry-num": String(retry) } });
      expect(res.status).toBe(200);
    }
    await settle("C0SETTLEA");
    expect(posts().filter((p) => p.args.channel === "C0RETRY")).toHaveLength(1);
    // Round robin: the four deliveries reached all three replicas.
    expect(replicasLogging(event.event_id)).toHaveLength(3);
  }, 60_000);

  it("answers a mention in a DM, delivered as app_mention and as message, once", async () => {
    const ts = nextTs();
    const text = `<@${STAND_IN_BOT_USER_ID}> harbour ferry`;
    const asMention = eventCallback({
      type: "app_mention",
      channel: "D0TWICE",
      user: "U0REPORTER",
      text,
      ts,
    });
    const asMessage = dmEvent(text, { channel: "D0TWICE", ts });
    expect((await send.event(asMention)).status).toBe(200);
    expect((await send.event(asMessage)).status).toBe(200);
    await settle("C0SETTLEB");
    expect(posts().filter((p) => p.args.channel === "D0TWICE")).toHaveLength(1);
  }, 60_000);

  it("answers a command delivered three times once; the repeats get an empty ack", async () => {
    const fields = commandFields("harbour ferry", standIn.responseUrl());
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push(await send.command(fields));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(replies.filter((r) => r.text === "")).toHaveLength(2);
    expect(replies.filter((r) => r.text.includes("Bayside Courier"))).toHaveLength(1);
  }, 60_000);
});
