/**
 * The soak's requests are what Slack sends: each kind, signed by the soak's generator, is accepted
 * and answered by the real app (so a soak's "0 errors" means answered requests, not rejected ones).
 */
import { describe, expect, it } from "vitest";
import { createTraffic, type Kind, questionsFrom } from "../../scripts/soak/traffic.js";
import { createFakeAsk } from "../support/fake-answers.js";
import { TEST_SIGNING_SECRET } from "../support/slack-app-harness.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";

const h = useSlackAppHarness({ ask: createFakeAsk() });

describe("soak traffic", () => {
  it("40 generated requests of every kind are accepted, acked and answered once each", async () => {
    const next = createTraffic(
      TEST_SIGNING_SECRET,
      questionsFrom(["Massimov sentenced to 18 years"]),
      h.standIn.responseUrl(),
    );
    const kinds: Record<Kind, number> = { command: 0, mention: 0, dm: 0, click: 0 };
    for (let i = 0; i < 40; i++) {
      const { kind, body, headers } = next();
      kinds[kind] += 1;
      const res = await fetch(`${h.baseUrl}/slack/events`, { method: "POST", body, headers });
      expect({ kind, status: res.status }).toEqual({ kind, status: 200 });
      if (kind === "command") expect(await res.text()).toContain('"blocks"');
    }
    expect(Object.values(kinds).every((n) => n > 0)).toBe(true);
    await h.standIn.waitFor(
      (calls) =>
        calls.filter((c) => c.method === "chat.postMessage").length === kinds.mention + kinds.dm &&
        calls.filter((c) => c.method === "response_url").length === kinds.click,
    );
    await h.app.idle();
    expect(h.standIn.callsTo("chat.postMessage")).toHaveLength(kinds.mention + kinds.dm);
  });
});
