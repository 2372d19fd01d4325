/**
 * The real process polls its sources: `/healthz` and `/ask status` show each source's last success and
 * error (a failing source beside a working one), and the working source's story becomes answerable.
 */
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import { get } from "node:http";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loggedPort, startMain } from "../support/main-process.js";
import { repoRoot, tempDir } from "../support/paths.js";
import { TEST_SIGNING_SECRET } from "../support/slack-app-harness.js";
import { commandFields, createSlackSender } from "../support/slack-signer.js";
import { startSlackStandIn } from "../support/slack-stand-in.js";
import { startNewsroom } from "./fixtures.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function healthz(port: number): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    get({ host: "127.0.0.1", port, path: "/healthz" }, (res) => {
      let text = "";
      res.on("data", (d) => {
        text += String(d);
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    }).on("error", reject);
  });
}

interface SourceView {
  name: string;
  state: string;
  lastSuccessAt: string | null;
  lastError: string | null;
}

describe("main process with SOURCES_FILE", () => {
  it("reports each source in /healthz and /ask status, and answers from the polled story", async () => {
    const site = await startNewsroom();
    cleanups.push(() => site.close());
    const standIn = await startSlackStandIn();
    cleanups.push(() => standIn.close());
    const work = await tempDir("newsdesk-main-sources-");
    cleanups.push(() => rm(work, { recursive: true, force: true }));
    const corpusDir = path.join(work, "corpus");
    await mkdir(corpusDir);
    await cp(path.join(repoRoot, "test/fixtures/slack/library.md"), path.join(corpusDir, "library.md"));
    const sourcesFile = path.join(work, "sources.yml");
    await writeFile(
      sourcesFile,
      [
        "sources:",
        "  - name: Barrier page",
        `    url: ${site.url}/news/barrier`,
        "    kind: page",
        // The test's own site is on loopback, which the bot refuses unless a source allows it.
        "    allow_internal: true",
        "  - name: Gone page",
        `    url: ${site.url}/no-such-story`,
        "    kind: page",
        "    allow_internal: true",
        "",
      ].join("\n"),
    );
    const running = await startMain(standIn, cleanups, {
      CORPUS_DIR: corpusDir,
      CACHE_DIR: path.join(work, "cache"),
      SOURCES_FILE: sourcesFile,
    });
    let port = 0;
    let sources: SourceView[] = [];
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      port ||= loggedPort(running) ?? 0;
      if (port) {
        const { body } = await healthz(port);
        sources = (body.sources ?? []) as SourceView[];
        const settled =
          sources.length === 2 && sources.every((s) => s.state === "ok" || s.state === "failing");
        if (settled) break;
      }
      if (running.child.exitCode !== null) throw new Error(`exited: ${running.stderr.join("")}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const byName = new Map(sources.map((s) => [s.name, s]));
    expect(byName.get("Barrier page")).toMatchObject({ state: "ok", lastError: null });
    expect(byName.get("Barrier page")?.lastSuccessAt).toEqual(expect.any(String));
    expect(byName.get("Gone page")).toMatchObject({ state: "failing", lastSuccessAt: null });
    expect(byName.get("Gone page")?.lastError).toMatch(/404/);

    const send = createSlackSender(`http://127.0.0.1:${port}/slack/events`, TEST_SIGNING_SECRET);
    const status = await send.command(commandFields("status", standIn.responseUrl()));
    const statusText = String(status.json?.text ?? JSON.stringify(status.json));
    expect(statusText).toContain("Gone page");
    expect(statusText).toMatch(/404/);

    // The polled story reaches the live index without a restart.
    let cited = "";
    for (let tries = 0; tries < 100 && !cited.includes("31 to 9"); tries++) {
      const res = await send.command(commandFields("harbour flood barrier vote", standIn.responseUrl()));
      cited = JSON.stringify(res.json ?? "").toLowerCase();
      if (!cited.includes("31 to 9")) await new Promise((r) => setTimeout(r, 200));
    }
    expect(cited).toContain("31 to 9");

    running.child.kill("SIGTERM");
    expect(await running.exit).toBe(0);
  }, 90_000);
});
