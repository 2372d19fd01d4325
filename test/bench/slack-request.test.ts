import { createHmac } from "node:crypto";
import type { Request } from "autocannon";
import { describe, expect, it } from "vitest";
import {
  signedAskRequest,
  signedHeaders,
  signSlackRequest,
  slashCommandBody,
} from "../../scripts/bench/slack-request.js";

describe("Slack request signing", () => {
  it("is v0= and the hex HMAC-SHA256 of v0:timestamp:body", () => {
    const expected = createHmac("sha256", "secret").update("v0:1700000000:a=b").digest("hex");
    expect(signSlackRequest("secret", 1700000000, "a=b")).toBe(`v0=${expected}`);
  });

  it("signs with the timestamp it sends", () => {
    const headers = signedHeaders("secret", "a=b", 1_700_000_000_500);
    expect(headers["x-slack-request-timestamp"]).toBe("1700000000");
    expect(headers["x-slack-signature"]).toBe(signSlackRequest("secret", 1700000000, "a=b"));
  });

  it("form-encodes a /ask command with Slack's fields", () => {
    const body = new URLSearchParams(
      slashCommandBody({ text: "who & why?", responseUrl: "http://x/r", n: 7 }),
    );
    expect(body.get("command")).toBe("/ask");
    expect(body.get("text")).toBe("who & why?");
    expect(body.get("response_url")).toBe("http://x/r");
    for (const field of ["token", "team_id", "channel_id", "user_id", "trigger_id"])
      expect(body.get(field)).toBeTruthy();
  });

  // A warm-up and the measured run are two request makers: had each counted from 1 (as they once
  // did), the run repeated the warm-up's trigger ids, and the app acknowledged those as redeliveries.
  it("never repeats a trigger id, across request makers too", () => {
    const triggers = (maker: Request, n: number) =>
      Array.from({ length: n }, () => {
        const made = maker.setupRequest!({} as never, {} as never) as { body: string };
        return new URLSearchParams(made.body).get("trigger_id");
      });
    const warmUp = triggers(signedAskRequest(["a", "b"], "http://x/r", "s"), 50);
    const run = triggers(signedAskRequest(["a", "b"], "http://x/r", "s"), 50);
    expect(new Set([...warmUp, ...run]).size).toBe(100);
  });
});
