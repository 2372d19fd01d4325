/**
 * Nothing unauthenticated can hold the server: short header and body timeouts, a cap on connections and
 * on answers in flight (shed with a clear log line), signature headers checked before a large body is
 * read, and rejected requests logged at a bounded rate. Real sockets on loopback; only generous bounds.
 */
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { Answer, AsyncAskFn } from "../../src/answer/types.js";
import { createRateLimitedLog } from "../../src/slack/rate-limited-log.js";
import { createFakeAsk } from "../support/fake-answers.js";
import {
  type SlackAppHarness,
  startSlackAppHarness,
  TEST_SIGNING_SECRET,
} from "../support/slack-app-harness.js";
import { mentionEvent, signedHeaders } from "../support/slack-signer.js";

const apps: SlackAppHarness[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const h of apps.splice(0)) await h.stop();
});

async function start(env: Record<string, string> = {}, ask: AsyncAskFn = createFakeAsk()) {
  const h = await startSlackAppHarness({
    ask,
    env,
    httpLimits: { headersTimeoutMs: 1000, requestTimeoutMs: 2000 },
  });
  apps.push(h);
  return h;
}

/** A raw connection; resolves with all it received once the server closes it (or `within` passes). */
function rawConnection(port: number) {
  const socket = connect(port, "127.0.0.1");
  sockets.push(socket);
  let received = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    received += chunk;
  });
  socket.on("error", () => {});
  const closed = new Promise<string>((resolve) => socket.on("close", () => resolve(received)));
  const connected = new Promise<void>((resolve) => socket.on("connect", () => resolve()));
  return {
    socket,
    connected,
    received: () => received,
    closedWithin: (ms: number) =>
      Promise.race([closed, new Promise<string>((resolve) => setTimeout(() => resolve("(still open)"), ms))]),
  };
}

const portOf = (h: SlackAppHarness) => Number(new URL(h.baseUrl).port);
const WITHIN = 20_000;

describe("HTTP limits", () => {
  it("an unsigned post announcing 1 MiB gets 401 at once, without its body being read", async () => {
    const h = await start();
    const c = rawConnection(portOf(h));
    c.socket.write(
      `POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${1024 * 1024 - 10}\r\n\r\n{"a":`,
    );
    const received = await c.closedWithin(WITHIN);
    expect(received).toMatch(/^HTTP\/1\.1 401/);
    // Chunked, without a length: read only as far as an ssl_check could go, then refused.
    const d = rawConnection(portOf(h));
    d.socket.write("POST /slack/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    d.socket.write(`2000\r\n${"x".repeat(0x2000)}\r\n`);
    expect(await d.closedWithin(WITHIN)).toMatch(/^HTTP\/1\.1 401/);
    expect(h.logText()).toContain("slack request rejected: bad signature");
  });

  it("trickled headers and a signed body that never completes lose their connection within 20 s", async () => {
    const h = await start();
    const headers = rawConnection(portOf(h));
    headers.socket.write("POST /slack/events HTTP/1.1\r\nHost: x\r\n");
    const body = rawConnection(portOf(h));
    const signed = signedHeaders(TEST_SIGNING_SECRET, "{}", "application/json");
    body.socket.write(
      `POST /slack/events HTTP/1.1\r\nHost: x\r\n${Object.entries(signed)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join("")}Content-Length: 1000\r\n\r\n{"a":1`,
    );
    const [a, b] = await Promise.all([headers.closedWithin(WITHIN), body.closedWithin(WITHIN)]);
    expect(a).not.toBe("(still open)");
    expect(b).not.toBe("(still open)");
  });

  it("connections past MAX_CONNECTIONS are refused and logged; idle ones are cut; then requests are served", async () => {
    const h = await start({ MAX_CONNECTIONS: "10" });
    const idle = Array.from({ length: 10 }, () => rawConnection(portOf(h)));
    await Promise.all(idle.map((c) => c.connected));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const extra = rawConnection(portOf(h));
    expect(await extra.closedWithin(WITHIN)).toBe("");
    expect(h.logText()).toContain("connection refused: 10 connections open (MAX_CONNECTIONS)");
    // The idle ones never sent a request: the header timeout frees their slots.
    for (const c of idle) expect(await c.closedWithin(WITHIN)).not.toBe("(still open)");
    const res = await h.send.event(mentionEvent("Is the barrier built?"));
    expect(res.status).toBe(200);
  });

  it("answers past MAX_ANSWERS_IN_FLIGHT are shed with 503 and a log line; served again once below", async () => {
    const release: Array<() => void> = [];
    const fake = createFakeAsk();
    const ask: AsyncAskFn = (question, options) =>
      new Promise<Answer>((resolve) => release.push(() => resolve(fake(question, options))));
    const h = await start({ MAX_ANSWERS_IN_FLIGHT: "2" }, ask);
    expect((await h.send.event(mentionEvent("first?"))).status).toBe(200);
    expect((await h.send.event(mentionEvent("second?"))).status).toBe(200);
    const end = Date.now() + WITHIN;
    while (release.length < 2 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
    const shed = await h.send.event(mentionEvent("third?"));
    expect(shed.status).toBe(503);
    expect(h.logText()).toContain(
      "shedding load: 2 answers in flight (MAX_ANSWERS_IN_FLIGHT=2); answered 503",
    );
    for (const go of release.splice(0)) go();
    await h.app.idle();
    expect((await h.send.event(mentionEvent("fourth?"))).status).toBe(200);
  });

  it("bodies under a well-formed but false signature hold no more than the shared budget: the rest get 503", async () => {
    const MiB = 1024 * 1024;
    const h = await startSlackAppHarness({
      ask: createFakeAsk(),
      httpLimits: { headersTimeoutMs: 1000, requestTimeoutMs: 60_000, maxUnverifiedBytes: 2 * MiB },
    });
    apps.push(h);
    // Each announces and sends 1 MiB but the last byte, so its signature can never be checked.
    const strangers = Array.from({ length: 12 }, () => {
      const c = rawConnection(portOf(h));
      c.socket.write(
        "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
          `X-Slack-Request-Timestamp: ${Math.floor(Date.now() / 1000)}\r\nX-Slack-Signature: v0=${"ab".repeat(32)}\r\n` +
          `Content-Length: ${MiB}\r\n\r\n${"x".repeat(MiB - 1)}`,
      );
      return c;
    });
    // 2 MiB of budget holds at most two of them (each reads 16 KiB free, then ~1 MiB on the budget).
    const refused = () => strangers.filter((c) => /^HTTP\/1\.1 503/.test(c.received())).length;
    const end = Date.now() + WITHIN;
    while (refused() < strangers.length - 2 && Date.now() < end)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(refused()).toBeGreaterThanOrEqual(strangers.length - 2);
    expect(h.logText()).toContain("unverified request bodies hold their memory budget");
    // Slack's own small requests need no budget: answered while the strangers still hold theirs.
    expect((await h.send.event(mentionEvent("Is the barrier built?"))).status).toBe(200);
  });

  it("a flood of 300 unsigned posts writes a bounded number of log lines", async () => {
    const h = await start();
    const before = h.logs.length;
    for (let i = 0; i < 30; i++) {
      await Promise.all(
        Array.from({ length: 10 }, () =>
          fetch(`${h.baseUrl}/slack/events`, {
            method: "POST",
            body: "{}",
            headers: { "content-type": "application/json" },
          }),
        ),
      );
    }
    const lines = h.logs.slice(before).filter((line) => String(line.msg).includes("rejected"));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThanOrEqual(25);
  });

  it("the rate-limited log says how many lines it left out", () => {
    const written: string[] = [];
    const logger = { warn: (_f: unknown, m: string) => void written.push(m) } as never;
    let t = 0;
    const warn = createRateLimitedLog(logger, { perWindow: 3, windowMs: 1000, now: () => t });
    for (let i = 0; i < 10; i++) warn({}, `line ${i}`);
    t = 1500;
    warn({}, "after");
    expect(written).toEqual([
      "line 0",
      "line 1",
      "line 2",
      "7 more rejected or shed requests were not logged in the last 1 s",
      "after",
    ]);
  });
});
