/**
 * The real Slack app (Bolt, real HTTP or WebSocket transport) against the loopback stand-in,
 * with its log lines captured for assertions.
 */
import { Writable } from "node:stream";
import type { AsyncAskFn } from "../../src/answer/types.js";
import { loadConfig, type SlackConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import {
  type SlackAppHandle,
  type StartSlackAppOptions,
  startSlackApp,
} from "../../src/slack/start-slack-app.js";
import { createSlackSender, type SlackSender } from "./slack-signer.js";
import { type SlackStandIn, startSlackStandIn } from "./slack-stand-in.js";

export const TEST_BOT_TOKEN = "xoxb-test-bot-token-0000";
export const TEST_APP_TOKEN = "xapp-1-test-app-token-0000";
export const TEST_SIGNING_SECRET = "test-signing-secret-0123456789abcdef";

export interface SlackAppHarness {
  standIn: SlackStandIn;
  app: SlackAppHandle;
  /** HTTP mode: signed requests to the app's /slack/events. */
  send: SlackSender;
  /** http://127.0.0.1:PORT of the app (HTTP mode). */
  baseUrl: string;
  logs: Array<Record<string, unknown>>;
  /** Every log line as text, for "no secret leaked" checks. */
  logText(): string;
  stop(): Promise<void>;
}

export interface HarnessOptions extends Partial<Omit<StartSlackAppOptions, "config" | "logger" | "ask">> {
  ask: AsyncAskFn;
  mode?: "http" | "socket";
  /** Runs before the app starts (e.g. to override auth.test). */
  prepare?: (standIn: SlackStandIn) => void;
  /** More environment for loadConfig (e.g. HEALTH_DETAILS). */
  env?: Record<string, string>;
}

export async function startSlackAppHarness(options: HarnessOptions): Promise<SlackAppHarness> {
  const standIn = await startSlackStandIn();
  const mode = options.mode ?? "http";
  const config = loadConfig({
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    ...(mode === "socket"
      ? { SLACK_APP_TOKEN: TEST_APP_TOKEN }
      : { SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET }),
    SLACK_API_URL: standIn.apiUrl,
    LOG_LEVEL: "debug",
    ...options.env,
  }) as Readonly<SlackConfig>;
  const logs: Array<Record<string, unknown>> = [];
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) {
        lines.push(line);
        logs.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const logger = createLogger({ level: "debug", destination });
  const { mode: _mode, ask, prepare, env: _env, ...rest } = options;
  prepare?.(standIn);
  let app: SlackAppHandle;
  try {
    app = await startSlackApp({ config, logger, ask, port: 0, host: "127.0.0.1", ...rest });
  } catch (error) {
    await standIn.close();
    throw error;
  }
  const baseUrl = `http://127.0.0.1:${app.port ?? 0}`;
  return {
    standIn,
    app,
    send: createSlackSender(`${baseUrl}/slack/events`, TEST_SIGNING_SECRET),
    baseUrl,
    logs,
    logText: () => lines.join("\n"),
    async stop() {
      await app.stop();
      await standIn.close();
    },
  };
}
