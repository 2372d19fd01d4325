/**
 * Every way a request can fail Slack's signing check, on every kind of request (command, event,
 * interactivity): 401, and nothing asked, acked with content, or posted.
 */
import { describe, expect, it } from "vitest";
import { encodeFeedbackValue } from "../../src/slack/action-values.js";
import { ACTION_IDS } from "../../src/slack/answer-blocks.js";
import { createFakeAsk } from "../support/fake-answers.js";
import { TEST_SIGNING_SECRET } from "../support/slack-app-harness.js";
import {
  buttonClick,
  commandFields,
  mentionEvent,
  type SendOptions,
  slackSignature,
} from "../support/slack-signer.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";
import { effects, SETTLE_QUESTION, settle, useUnhandledTrap } from "./reliability-support.js";

const ask = createFakeAsk();
const h = useSlackAppHarness({ ask }, { clearEach: [ask.calls] });
useUnhandledTrap();

type Kind = "command" | "event" | "action";
const FORM = "application/x-www-form-urlencoded";

/** A fresh, well-formed request body of each kind (content type, raw body). */
function request(kind: Kind): { body: string; contentType: string } {
  if (kind === "command") {
    return {
      body: new URLSearchParams(commandFields("sentence?", h.standIn.responseUrl())).toString(),
      contentType: FORM,
    };
  }
  if (kind === "event") {
    const event = mentionEvent("sentence?");
    return { body: JSON.stringify(event), contentType: "application/json" };
  }
  const value = encodeFeedbackValue({ question: "sentence?", vote: "up", passage: "massimov#1" });
  const payload = buttonClick({
    actionId: ACTION_IDS.feedbackUp,
    value,
    responseUrl: h.standIn.responseUrl(),
  });
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: FORM };
}

const now = () => Math.floor(Date.now() / 1000);

/** Bad signing, as options for the signer or as headers to drop. */
const FORGERIES: Array<{ name: string; options: (body: string) => SendOptions; drop?: string[] }> = [
  { name: "a random signature", options: () => ({ signature: `v0=${"ab".repeat(32)}` }) },
  {
    name: "a signature made with another secret",
    options: (body) => ({ timestamp: now(), signature: slackSignature("another-secret", now(), body) }),
  },
  {
    name: "a v1= signature",
    options: (body) => ({
      signature: slackSignature(TEST_SIGNING_SECRET, now(), body).replace("v0=", "v1="),
    }),
  },
  { name: "an empty signature", options: () => ({ headers: { "x-slack-signature": "" } }) },
  { name: "no signature header", options: () => ({}), drop: ["x-slack-signature"] },
  { name: "no timestamp header", options: () => ({}), drop: ["x-slack-request-timestamp"] },
  {
    name: "no signing headers at all",
    options: () => ({}),
    drop: ["x-slack-signature", "x-slack-request-timestamp"],
  },
  {
    name: "a timestamp that is not a number",
    options: () => ({ headers: { "x-slack-request-timestamp": "soon" } }),
  },
  { name: "a stale timestamp (5 min 20 s old)", options: () => ({ timestamp: now() - 320 }) },
  { name: "a stale timestamp (a day old)", options: () => ({ timestamp: now() - 86_400 }) },
  { name: "a future timestamp (5 min 20 s ahead)", options: () => ({ timestamp: now() + 320 }) },
  { name: "a future timestamp (a day ahead)", options: () => ({ timestamp: now() + 86_400 }) },
  {
    name: "a signature of the same body with another timestamp (replayed header)",
    options: (body) => ({
      timestamp: now(),
      signature: slackSignature(TEST_SIGNING_SECRET, now() - 60, body),
    }),
  },
];

/** Sends with the signer, then strips headers by re-sending raw with fetch when needed. */
async function sendForged(kind: Kind, forgery: (typeof FORGERIES)[number]) {
  const { body, contentType } = request(kind);
  if (!forgery.drop) return h.send.raw(body, contentType, forgery.options(body));
  const signed = {
    "content-type": contentType,
    "x-slack-request-timestamp": String(now()),
    "x-slack-signature": slackSignature(TEST_SIGNING_SECRET, now(), body),
  } as Record<string, string>;
  for (const header of forgery.drop) delete signed[header];
  const res = await fetch(`${h.baseUrl}/slack/events`, { method: "POST", body, headers: signed });
  return { status: res.status, text: await res.text(), json: null };
}

describe("signatures: every forgery on every kind of request gets 401 and causes nothing", () => {
  for (const kind of ["command", "event", "action"] as const) {
    it(`${kind}: ${FORGERIES.length} forgeries → 401, empty body, nothing asked or posted`, async () => {
      for (const forgery of FORGERIES) {
        const res = await sendForged(kind, forgery);
        expect({ forgery: forgery.name, status: res.status, body: res.text }).toEqual({
          forgery: forgery.name,
          status: 401,
          body: "",
        });
      }
      await settle(h);
      expect(ask.calls.filter((q) => q !== SETTLE_QUESTION)).toEqual([]);
      expect(effects(h)).toEqual([]);
    });
  }

  it("control: the same requests correctly signed, 4 minutes old or 4 minutes ahead, are handled", async () => {
    for (const skew of [-240, 0, 240]) {
      for (const kind of ["command", "event", "action"] as const) {
        const { body, contentType } = request(kind);
        const res = await h.send.raw(body, contentType, { timestamp: now() + skew });
        expect({ kind, skew, status: res.status }).toEqual({ kind, skew, status: 200 });
      }
    }
    await settle(h);
    // 3 commands and 3 mentions asked; 3 feedback clicks acknowledged through response_url.
    expect(ask.calls.filter((q) => q === "sentence?")).toHaveLength(6);
    expect(h.standIn.callsTo("chat.postMessage").filter((c) => c.args.channel === "C0NEWS")).toHaveLength(3);
    expect(h.standIn.callsTo("response_url")).toHaveLength(3);
  });

  it("logs the rejection without the signature or the secret", async () => {
    await sendForged("event", FORGERIES[0]!);
    await sendForged("event", FORGERIES[10]!);
    const text = h.logText();
    expect(text).not.toContain(TEST_SIGNING_SECRET);
    expect(text).not.toContain("ab".repeat(32));
  });
});
