/**
 * `npm start` as a real process in HTTP mode: environment in, signed request answered from the corpus,
 * SIGTERM → exit 0; a rejected token stops start-up with one sentence.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { repoRoot, tempDir } from "../support/paths.js";
import { TEST_APP_TOKEN, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../support/slack-app-harness.js";
import { commandFields, createSlackSender } from "../support/slack-signer.js";
import { type SlackStandIn, startSlackStandIn } from "../support/slack-stand-in.js";

interface Running {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exit: Promise<number | null>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startMain(standIn: SlackStandIn, env: Record<string, string> = {}): Promise<Running> {
  const cacheDir = await tempDir("newsdesk-slack-main-");
  cleanups.push(() => rm(cacheDir, { recursive: true, force: true }));
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? "",
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      // Set, even empty, so a developer's .env cannot switch the mode (dotenv never overrides).
      SLACK_APP_TOKEN: "",
      SLACK_API_URL: standIn.apiUrl,
      PORT: "0",
      CORPUS_DIR: path.join(repoRoot, "test/fixtures/slack"),
      CACHE_DIR: cacheDir,
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout!.on("data", (d) => stdout.push(...String(d).split("\n").filter(Boolean)));
  child.stderr!.on("data", (d) => stderr.push(String(d)));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    await exit;
  });
  return { child, stdout, stderr, exit };
}

async function listeningPort(running: Running, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const line of running.stdout) {
      if (!line.startsWith("{")) continue;
      const entry = JSON.parse(line) as { msg?: string; port?: number };
      if (entry.msg === "slack app listening" && entry.port) return entry.port;
    }
    if (running.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`app did not start: ${running.stderr.join("")}${running.stdout.join("\n")}`);
}

describe("main process in Slack HTTP mode", () => {
  it("answers a signed /ask from the corpus, then exits 0 on SIGTERM; no token in its logs", async () => {
    const standIn = await startSlackStandIn();
    cleanups.push(() => standIn.close());
    const running = await startMain(standIn);
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
  });

  it("in Socket Mode connects over the stand-in's WebSocket, answers a command envelope, exits 0 on SIGTERM", async () => {
    const standIn = await startSlackStandIn();
    cleanups.push(() => standIn.close());
    const running = await startMain(standIn, { SLACK_APP_TOKEN: TEST_APP_TOKEN });
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
  });

  it("a token Slack rejects stops start-up with one sentence and exit code 1", async () => {
    const standIn = await startSlackStandIn();
    cleanups.push(() => standIn.close());
    standIn.override("auth.test", () => ({ body: { ok: false, error: "invalid_auth" } }));
    const running = await startMain(standIn);
    expect(await running.exit).toBe(1);
    expect(running.stderr.join("")).toMatch(/Slack rejected SLACK_BOT_TOKEN \(invalid_auth\)/);
  });

  it("a malformed environment names the variable", async () => {
    const standIn = await startSlackStandIn();
    cleanups.push(() => standIn.close());
    const running = await startMain(standIn, { SLACK_BOT_TOKEN: "xoxp-user-token" });
    expect(await running.exit).toBe(1);
    expect(running.stderr.join("")).toMatch(/^SLACK_BOT_TOKEN must be a token starting with "xoxb-"/);
  });
});
