import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { repoRoot } from "./paths.js";

/**
 * Environment for a child process: no Slack variables (so `main` opens the shell), no corpus, cache or
 * database of the caller's, and a store folder of its own (DATA_DIR), unless `extra` sets them.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("SLACK_") && !["CORPUS_DIR", "CACHE_DIR", "DATA_DIR", "DATABASE_URL"].includes(key)) {
      env[key] = value;
    }
  }
  // A store of its own: the checkout's .data would carry one run's claimed events into the next, where
  // they read as Slack's redeliveries and are not answered.
  return { ...env, DATA_DIR: mkdtempSync(path.join(tmpdir(), "newsdesk-data-")), ...extra };
}

/** Runs a TypeScript entry point of the project with tsx, feeding `stdin`; resolves with its output. */
export function runTs(
  script: string,
  args: string[],
  options: { stdin?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, script), ...args], {
      cwd: repoRoot,
      env: options.env ?? cleanEnv(),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}
