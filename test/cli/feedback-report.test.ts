/**
 * `npm run feedback` as a real process over a real embedded store: the editors' report in text and
 * JSON, --since, and bad flags answered with one sentence.
 */
import { rmSync } from "node:fs";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFeedbackReport, type FeedbackReport } from "../../src/cli/feedback-report.js";
import { type FeedbackRow, openStore } from "../../src/store/index.js";
import { tempDir } from "../support/paths.js";
import { cleanEnv, runTs } from "../support/run-command.js";

const DAY = 86_400_000;
const JUNE = Date.parse("2026-06-01T09:00:00Z");

function vote(overrides: Partial<FeedbackRow>): FeedbackRow {
  return {
    team: "T1",
    channel: "C1",
    user: "U1",
    question: "Who runs the ferry?",
    normalizedQuestion: "who runs the ferry",
    askedDay: "2026-06-01",
    articleId: "harbour-ferry",
    paragraph: 2,
    rank: 1,
    vote: "down",
    at: JUNE,
    ...overrides,
  };
}

let dataDir = "";
beforeAll(async () => {
  dataDir = await tempDir("nd-feedback-report-");
  const store = openStore({ dataDir, logger: pino({ level: "silent" }) });
  await store.init();
  const id = await store.feedback.add(vote({ user: "U1" }));
  await store.feedback.explain(id, "T1", "U1", { kind: "out_of_date", reason: "Fares changed in May" });
  await store.feedback.add(vote({ user: "U2", question: "who runs the FERRY", at: JUNE + DAY }));
  await store.feedback.add(vote({ user: "U3", vote: "up", at: JUNE + DAY }));
  await store.feedback.add(
    vote({ user: "U2", question: "Ferry fares?", normalizedQuestion: "ferry fares", at: JUNE + 2 * DAY }),
  );
  await store.feedback.add(
    vote({
      articleId: "library",
      paragraph: 1,
      question: "Library hours?",
      normalizedQuestion: "library hours",
      at: JUNE - 40 * DAY,
    }),
  );
  for (const [at, day] of [
    [JUNE, "2026-06-01"],
    [JUNE + DAY, "2026-06-02"],
    [JUNE - 40 * DAY, "2026-04-22"],
  ] as const) {
    await store.feedback.addUnanswered({
      team: "T1",
      channel: "C1",
      question: "Chess final?",
      normalizedQuestion: "chess final",
      askedDay: day,
      at,
    });
  }
  await store.stop();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const run = (args: string[]) =>
  runTs("src/cli/feedback.ts", args, { env: cleanEnv({ DATA_DIR: dataDir, DATABASE_URL: "" }) });

describe("npm run feedback", () => {
  it("--json lists the questions voted down with their passages, the passages most voted down and the gaps", async () => {
    const { code, stdout, stderr } = await run(["--json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as FeedbackReport;
    expect(report.votes).toEqual({ up: 1, down: 4 });
    expect(report.downvotedQuestions[0]).toEqual({
      question: "Who runs the ferry?",
      normalizedQuestion: "who runs the ferry",
      downs: 2,
      passages: [
        {
          articleId: "harbour-ferry",
          paragraph: 2,
          downs: 2,
          ups: 1,
          reasons: { out_of_date: 1 },
          notes: ["Fares changed in May"],
        },
      ],
    });
    expect(report.mostDownvotedPassages[0]).toEqual({
      articleId: "harbour-ferry",
      paragraph: 2,
      downs: 3,
      ups: 1,
      questions: 2,
    });
    expect(report.notFound).toEqual([
      { question: "Chess final?", normalizedQuestion: "chess final", count: 3, lastAsked: "2026-06-02" },
    ]);
  });

  it("--since counts only feedback from that day on; the text report has the three lists", async () => {
    const { code, stdout } = await run(["--since", "2026-05"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Feedback since 2026-05-01: 1 👍, 3 👎");
    expect(stdout).toContain("Questions voted down, and their passages:");
    expect(stdout).toMatch(
      /2 👎 {2}Who runs the ferry\?\n {8}2 👎 1 👍 {2}harbour-ferry ¶2 {2}\(out of date ×1\)\n {10}“Fares changed in May”/,
    );
    expect(stdout).toContain("Passages most often voted down:\n  3 👎 1 👍  harbour-ferry ¶2  (2 questions)");
    expect(stdout).not.toContain("Library hours?");
    expect(stdout).toContain(
      "Questions that found nothing (coverage gaps):\n  2×  Chess final?  (last 2026-06-02)",
    );
  });

  it("a bad --since or an unknown flag gets one sentence and exit code 2", async () => {
    const since = await run(["--since", "last week"]);
    expect(since.code).toBe(2);
    expect(since.stderr).toBe(
      '--since needs a day such as 2026-06-01 (or 2026-06, 2026), not "last week".\n',
    );
    const flag = await run(["--everything"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^Unknown option --everything; run npm run feedback -- --help/);
  });

  it("an empty store reports empty lists", () => {
    expect(buildFeedbackReport([], [], null)).toEqual({
      since: null,
      votes: { up: 0, down: 0 },
      downvotedQuestions: [],
      mostDownvotedPassages: [],
      notFound: [],
    });
  });
});
