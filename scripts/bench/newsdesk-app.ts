import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "./paths.js";

/** Starts the project's HTTP-mode Slack app on a free port against the Web API stand-in; returns the port. */
export async function startNewsdeskForBench(_options: {
  apiUrl: string;
  signingSecret: string;
}): Promise<number> {
  const file = path.join(repoRoot, "src/slack/start-slack-app.ts");
  if (!existsSync(file))
    throw new Error("the Slack app (src/slack/start-slack-app.ts) is not on this branch yet");
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  throw new Error(
    `the Slack app's start function is not wired into the bench yet (exports: ${Object.keys(mod)})`,
  );
}
