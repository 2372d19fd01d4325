import type { AddressInfo } from "node:net";
import { verifySlackRequest } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createSlackHttpServer } from "../../src/slack/http-server.js";
import { verifySlackSignature } from "../../src/slack/verify-signature.js";
import { slackSignature } from "../support/slack-signer.js";

const SECRET = "test-secret-0123456789";
const NOW = 1_800_000_000_000;
const stamp = Math.floor(NOW / 1000);
const body = "command=%2Fask&text=who+won%3F";

function headers(signature: string | undefined, timestamp: string | undefined) {
  const h: Record<string, string> = {};
  if (signature !== undefined) h["x-slack-signature"] = signature;
  if (timestamp !== undefined) h["x-slack-request-timestamp"] = timestamp;
  return h;
}

/** Bolt's own verdict on the same request, for agreement. */
function boltAccepts(signature: string | undefined, timestamp: string | undefined): boolean {
  try {
    verifySlackRequest({
      signingSecret: SECRET,
      body,
      headers: { "x-slack-signature": signature as string, "x-slack-request-timestamp": Number(timestamp) },
      nowMilliseconds: NOW,
    });
    return true;
  } catch {
    return false;
  }
}

const good = slackSignature(SECRET, stamp, body);
const CASES: Array<[string, string | undefined, string | undefined]> = [
  ["correctly signed", good, String(stamp)],
  ["signed 4 minutes ago", slackSignature(SECRET, stamp - 240, body), String(stamp - 240)],
  ["stale (5 min 1 s)", slackSignature(SECRET, stamp - 301, body), String(stamp - 301)],
  ["another secret", slackSignature("other", stamp, body), String(stamp)],
  ["v1 version", good.replace("v0=", "v1="), String(stamp)],
  ["truncated hash", good.slice(0, -2), String(stamp)],
  ["non-hex hash of the right length", `v0=${"zz".repeat(32)}`, String(stamp)],
  ["upper-case hex", good.toUpperCase().replace("V0=", "v0="), String(stamp)],
  ["timestamp not a number", good, "soon"],
  ["signature of another timestamp", slackSignature(SECRET, stamp - 60, body), String(stamp)],
  ["empty signature", "", String(stamp)],
];

describe("verifySlackSignature: one check per request, Bolt's rules", () => {
  for (const [name, signature, timestamp] of CASES) {
    it(`${name}: agrees with Bolt's verifySlackRequest`, () => {
      const ours = verifySlackSignature(headers(signature, timestamp), Buffer.from(body), SECRET, NOW);
      expect(ours.ok).toBe(boltAccepts(signature, timestamp));
    });
  }

  it("accepts only the correctly signed body and names the reason otherwise", () => {
    expect(verifySlackSignature(headers(good, String(stamp)), Buffer.from(body), SECRET, NOW)).toEqual({
      ok: true,
    });
    expect(verifySlackSignature(headers(good, String(stamp)), Buffer.from(`${body}x`), SECRET, NOW)).toEqual({
      ok: false,
      reason: "signature mismatch",
    });
    expect(verifySlackSignature(headers(undefined, String(stamp)), Buffer.from(body), SECRET, NOW)).toEqual({
      ok: false,
      reason: "no x-slack-signature header",
    });
    expect(verifySlackSignature(headers(good, undefined), Buffer.from(body), SECRET, NOW)).toEqual({
      ok: false,
      reason: "no x-slack-request-timestamp header",
    });
  });
});

describe("the HTTP server verifies before Bolt", () => {
  async function withServer(run: (url: string, seen: string[], lines: string[]) => Promise<void>) {
    const seen: string[] = [];
    const lines: string[] = [];
    const server = createSlackHttpServer({
      dispatch: async ({ body: parsed }, res) => {
        seen.push(JSON.stringify(parsed));
        res.writeHead(200).end();
      },
      logger: createLogger({ level: "info", destination: { write: (line: string) => lines.push(line) } }),
      signingSecret: SECRET,
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, seen, lines);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
  const form = { "content-type": "application/x-www-form-urlencoded" };

  it("passes a signed command on, refuses a forged one with 401 and logs why (not the signature)", async () => {
    await withServer(async (url, seen, lines) => {
      const now = Math.floor(Date.now() / 1000);
      const signed = await fetch(url, {
        method: "POST",
        body,
        headers: { ...form, ...headers(slackSignature(SECRET, now, body), String(now)) },
      });
      const forged = await fetch(url, {
        method: "POST",
        body,
        headers: { ...form, ...headers(`v0=${"ab".repeat(32)}`, String(now)) },
      });
      expect([signed.status, forged.status]).toEqual([200, 401]);
      // Dispatched once, parsed as Bolt parses a form.
      expect(seen).toEqual([JSON.stringify({ command: "/ask", text: "who won?" })]);
      expect(lines.join("")).toContain("signature mismatch");
      expect(lines.join("")).not.toContain("ab".repeat(32));
    });
  });

  it("answers Slack's unsigned ssl_check with 200 and dispatches nothing (as Bolt does)", async () => {
    await withServer(async (url, seen) => {
      const res = await fetch(url, {
        method: "POST",
        body: "ssl_check=1&token=t&command=%2Fask",
        headers: form,
      });
      expect(res.status).toBe(200);
      expect(seen).toEqual([]);
    });
  });
});
