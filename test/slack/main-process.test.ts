/**
 * `npm start` as a real process in HTTP mode: environment in, signed request answered from the corpus,
 * SIGTERM → exit 0; a rejected token stops start-up with one sentence.
 */
import { afterEach, describe, expect, it } from "vitest";
import { listeningPort, startMain } from "../support/main-process.js";
import { TEST_APP_TOKEN, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../support/slack-app-harness.js";
import { commandFields, createSlackSender } from "../support/slack-signer.js";
import { startSlackStandIn } from "../support/slack-stand-in.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("main process in Slack HTTP mode", () => {
  it("answers a signed /ask from the corpus, then exits 0 on SIGTERM; no token in its logs", async () => {
    const standIn = await startSlackStandIn();
    cleanups.push(() => standIn.close());
    const running = await startMain(standIn, cleanups);
    const port = await listeningPort(running);
    const send = createSlackSender(`http://127.0.0.1:${port}/slack/events`, TEST_SIGNING_SECRET);
    const res = await send.command(commandFields("harbour ferry passengers", standIn.responseUrl()));
    expect(res.status).toBe(200);
    expect(String(res.json?.text)).toContain("Bayside Courier");
    const status = await send.command(commandFields("status", standIn.responseUrl()));
    expect(String(status.json?.text)).not.toContain("You asked");

    running.child.kill("SIGTERM");
    expect(await running.exit).toBe(0);
    const logs = running.stdout.join("\n");
    expect(logs).toContain('"surface":"command"');
    expect(logs).not.toContain(TEST_BOT_TOKEN);
  }, 90_000);

  it("in Socket Mode connects over the stand-in's WebSocket, answers a command envelope, exits 0 on SIGTERM", async () => {
    const standIn = await startSlackStandIn();
    cleanups.push(() => standIn.close());
    const running = await startMain(standIn, cleanups, { SLACK_APP_TOKEN: TEST_APP_TOKEN });
    await Promise.race([
      standIn.socketConnected(),
      running.exit.then(() => Promise.reject(new Error(`exited: ${running.stderr.join("")}`))),
    ]);
    const ack = await standIn.sendEnvelope(
      "slash_commands",
      commandFields("harbour ferry passengers", standIn.responseUrl()),
    );
    expect(String(ack.payload?.text)).toContain("Bayside Courier");
    running.child.kill("SIGTERM");
    expect(await running.exit).toBe(0);
    expect(running.stdout.join("\n")).not.toContain(TEST_APP_TOKEN);
    // A whole process start, a WebSocket handshake and an answer: generous for a loaded 2-core machine.
  }, 90_000);

  it("a token Slack rejects stops start-up with one sentence and exit code 1", async () => {
    const standIn = await startSlackStandIn();
    cleanups.push(() => standIn.close());
    standIn.override("auth.test", () => ({ body: { ok: false, error: "invalid_auth" } }));
    const running = await startMain(standIn, cleanups);
    expect(await running.exit).toBe(1);
    expect(running.stderr.join("")).toMatch(/Slack rejected SLACK_BOT_TOKEN \(invalid_auth\)/);
  });

  it("a malformed environment names the variable", async () => {
    const standIn = await startSlackStandIn();
    cleanups.push(() => standIn.close());
    const running = await startMain(standIn, cleanups, { SLACK_BOT_TOKEN: "xoxp-user-token" });
    expect(await running.exit).toBe(1);
    expect(running.stderr.join("")).toMatch(/^SLACK_BOT_TOKEN must be a token starting with "xoxb-"/);
  });
});
