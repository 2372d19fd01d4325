import { writeFile } from "node:fs/promises";
import path from "node:path";
import { TEST_SIGNING_SECRET } from "../support/slack-app-harness.js";
import { createSlackSender, mentionEvent } from "../support/slack-signer.js";

/** A sources file polling the hostile site: deep pages, the big feed, the sitemap tree. */
export async function writeHostileSources(dir: string, origin: string): Promise<string> {
  const file = path.join(dir, "sources.yml");
  const entry = (name: string, url: string, kind: string) => [
    `  - name: ${name}`,
    `    url: ${origin}${url}`,
    `    kind: ${kind}`,
    "    allow_internal: true",
  ];
  await writeFile(
    file,
    [
      "sources:",
      ...entry("Deep page", "/deep.html", "page"),
      ...entry("Deeper page", "/deeper.html", "page"),
      ...entry("Big feed", "/feed.xml", "feed"),
      ...entry("Sitemap tree", "/sitemap.xml", "sitemap"),
      "",
    ].join("\n"),
  );
  return file;
}

/**
 * Sends a signed mention every `gapMs` for `durationMs` and returns each acknowledgement's time, ms:
 * the HTTP response to an event is the ack Slack waits 3 s for.
 */
export async function ackTimes(port: number, durationMs: number, gapMs = 20): Promise<number[]> {
  const send = createSlackSender(`http://127.0.0.1:${port}/slack/events`, TEST_SIGNING_SECRET);
  const times: number[] = [];
  const end = Date.now() + durationMs;
  while (Date.now() < end) {
    const started = performance.now();
    const response = await send.event(mentionEvent("Who won the county chess league?"));
    if (response.status !== 200) throw new Error(`ack was HTTP ${response.status}: ${response.text}`);
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  return times;
}
