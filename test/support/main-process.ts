import { type ChildProcess, spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { repoRoot, tempDir } from "./paths.js";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "./slack-app-harness.js";
import type { SlackStandIn } from "./slack-stand-in.js";

/** `npm start` as a real process, its output collected line by line. */
export interface RunningMain {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exit: Promise<number | null>;
}

/**
 * Starts src/main.ts in Slack HTTP mode against the stand-in (the fixture corpus, a fresh cache folder,
 * port 0); `env` overrides any variable. Each clean-up it needs is pushed onto `cleanups`.
 */
export async function startMain(
  standIn: SlackStandIn,
  cleanups: Array<() => Promise<void>>,
  env: Record<string, string> = {},
): Promise<RunningMain> {
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
      // The embedded store of this process alone (the repository's .data/ would be shared by tests).
      DATA_DIR: path.join(cacheDir, "data"),
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

/** The port the app logged it listens on, or undefined before that line. */
export function loggedPort(running: RunningMain): number | undefined {
  for (const line of running.stdout) {
    if (!line.startsWith("{")) continue;
    const entry = JSON.parse(line) as { msg?: string; port?: number };
    if (entry.msg === "slack app listening" && entry.port) return entry.port;
  }
  return undefined;
}

/** Waits for the app to listen; throws with its output when it exits or takes too long. */
export async function listeningPort(running: RunningMain, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const port = loggedPort(running);
    if (port) return port;
    if (running.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`app did not start: ${running.stderr.join("")}${running.stdout.join("\n")}`);
}
