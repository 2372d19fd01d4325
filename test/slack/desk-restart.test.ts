/**
 * Desk settings and feedback outlive the process: `npm start` as a real process, changed over signed
 * HTTP, killed with SIGKILL (no shutdown of any kind), started again on the same data folder.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeFeedbackValue } from "../../src/slack/action-values.js";
import { ACTION_IDS } from "../../src/slack/answer-blocks.js";
import { openStore } from "../../src/store/index.js";
import { CHESS_GAP } from "../store/store-fixture.js";
import { listeningPort, startMain } from "../support/main-process.js";
import { repoRoot, tempDir } from "../support/paths.js";
import { TEST_SIGNING_SECRET } from "../support/slack-app-harness.js";
import { buttonClick, commandFields, createSlackSender } from "../support/slack-signer.js";
import { startSlackStandIn } from "../support/slack-stand-in.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The 👎 button's value of a reply, and the passage it votes on. */
function firstPassageVote(reply: unknown): { value: string; passage: string } {
  const blocks = (
    reply as { blocks: Array<{ type: string; elements?: Array<{ action_id?: string; value?: string }> }> }
  ).blocks;
  const value = blocks
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === ACTION_IDS.feedbackDown)!.value!;
  return { value, passage: decodeFeedbackValue(value)!.passage! };
}

const politics = { channel_id: "C0POLITICS", channel_name: "politics" };

describe("desk workflows across a SIGKILL", () => {
  it("keeps a channel's settings and readers' votes", async () => {
    const standIn = await startSlackStandIn();
    cleanups.push(() => standIn.close());
    const dataDir = await tempDir("nd-desk-restart-");
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = { DATA_DIR: dataDir, CORPUS_DIR: path.join(repoRoot, "test/fixtures/desk") };
    const start = async () => {
      const running = await startMain(standIn, cleanups, env);
      const port = await listeningPort(running, 60_000);
      return {
        running,
        send: createSlackSender(`http://127.0.0.1:${port}/slack/events`, TEST_SIGNING_SECRET),
      };
    };

    const first = await start();
    const set = await first.send.command(
      commandFields("settings section:Politics replies:ephemeral", standIn.responseUrl(), politics),
    );
    expect(String(set.json?.text)).toContain("Updated section, replies");
    const question = "harbour ferry hull repairs";
    const asked = await first.send.command(commandFields(question, standIn.responseUrl()));
    const down = firstPassageVote(asked.json);
    const responseUrl = standIn.responseUrl();
    await first.send.action(
      buttonClick({ actionId: ACTION_IDS.feedbackDown, value: down.value, responseUrl, user: "U0ALICE" }),
    );
    await standIn.waitFor(
      (calls) => calls.some((c) => c.responseId === responseUrl.split("/").pop()),
      20_000,
    );
    first.running.child.kill("SIGKILL");
    await first.running.exit;

    const second = await start();
    const shown = await second.send.command(commandFields("settings", standIn.responseUrl(), politics));
    expect(String(shown.json?.text)).toContain("Scope: section Politics");
    expect(String(shown.json?.text)).toContain("only the asker sees them");
    const answer = await second.send.command(commandFields("harbour ferry", standIn.responseUrl(), politics));
    expect(String(answer.json?.text)).toContain("Council passes budget");
    expect(String(answer.json?.text)).not.toContain("Harbour Business Weekly");
    const again = await second.send.command(commandFields(question, standIn.responseUrl()));
    expect(firstPassageVote(again.json).passage).not.toBe(down.passage);
    second.running.child.kill("SIGTERM");
    expect(await second.running.exit).toBe(0);
  }, 120_000);

  it("purges votes and gaps past FEEDBACK_RETENTION_DAYS as it starts, and keeps the recent ones", async () => {
    const standIn = await startSlackStandIn();
    cleanups.push(() => standIn.close());
    const dataDir = await tempDir("nd-desk-retention-");
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const DAY = 86_400_000;
    const seeded = openStore({ dataDir, logger: pino({ level: "silent" }) });
    await seeded.init();
    const gap = CHESS_GAP;
    const at = { old: Date.now() - 40 * DAY, recent: Date.now() - 20 * DAY };
    for (const when of [at.old, at.recent]) {
      await seeded.feedback.add({
        ...gap,
        user: "U1",
        articleId: "council-budget-vote",
        paragraph: 2,
        rank: 1,
        vote: "down",
        at: when,
      });
      await seeded.feedback.addUnanswered({ ...gap, at: when });
    }
    await seeded.stop();

    const env = {
      DATA_DIR: dataDir,
      CORPUS_DIR: path.join(repoRoot, "test/fixtures/desk"),
      FEEDBACK_RETENTION_DAYS: "30",
    };
    const running = await startMain(standIn, cleanups, env);
    await listeningPort(running, 60_000);
    const store = openStore({ dataDir, logger: pino({ level: "silent" }) });
    await store.init();
    try {
      // The default (180 days) would keep both: 30 days reached the purge, at start, not a minute on.
      await vi.waitFor(
        async () => expect((await store.feedback.list()).map((r) => r.at)).toEqual([at.recent]),
        { timeout: 10_000, interval: 50 },
      );
      expect((await store.feedback.listUnanswered()).map((r) => r.at)).toEqual([at.recent]);
    } finally {
      await store.stop();
    }
    running.child.kill("SIGTERM");
    expect(await running.exit).toBe(0);
  }, 120_000);
});
