import { describe, expect, it } from "vitest";
import { ASK_FILTER_KEYS } from "../../src/answer/ask-filters.js";
import type { ArchiveOverview } from "../../src/answer/index.js";
import { renderUsage } from "../../src/slack/answer-blocks.js";
import {
  HOME_MAX_BLOCKS,
  HOME_MAX_EXAMPLES,
  HOME_MAX_RECENT,
  renderHomeView,
  type SourceLine,
} from "../../src/slack/home-view.js";
import { injectedMentions, slackLimitProblems } from "../support/slack-reply-checks.js";

const big: ArchiveOverview = {
  articles: 25_888,
  publicationCount: 4_000,
  publications: Array.from({ length: 5 }, (_, i) => `<!channel> Publication ${i} ${"x".repeat(300)}`),
  newest: { title: `*bold* <@U123> ${"long ".repeat(400)}`, publication: "Courier", published: "2024-06-01" },
  stories: ["a", "b"],
  examples: Array.from({ length: 9 }, (_, i) => `What's the latest on ${"y".repeat(3000)} ${i}?`),
};
const sources = (n: number): SourceLine[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `source ${i} <!here>`,
    state: i % 7 === 0 ? "failing" : "ok",
    lastSuccessAt: i % 3 === 0 ? null : "2026-12-07T10:00:00.000Z",
    lastError: i % 7 === 0 ? `HTTP 500 ${"e".repeat(5000)}` : null,
  }));

type Block = { type: string; text?: { text: string }; elements?: Array<{ text?: unknown; value?: string }> };

describe("the Home view", () => {
  it("stays within Block Kit's limits for any archive, any number of sources and long questions", () => {
    for (const n of [0, 1, 19, 20, 21, 500]) {
      const view = renderHomeView({
        overview: big,
        sources: sources(n),
        recent: Array(50).fill("q".repeat(5000)),
      });
      expect(view.blocks.length).toBeLessThanOrEqual(HOME_MAX_BLOCKS);
      expect(slackLimitProblems(view, { maxBlocks: HOME_MAX_BLOCKS })).toEqual([]);
      for (const b of view.blocks as Block[]) {
        for (const e of b.elements ?? []) {
          const label = (e.text as { text?: string; type?: string } | string | undefined) ?? "";
          const text = typeof label === "string" ? label : (label.text ?? "");
          expect(text.length).toBeLessThanOrEqual(b.type === "actions" ? 75 : 3000);
          expect((e.value ?? "").length).toBeLessThanOrEqual(2000);
        }
        if (b.type === "header") expect(b.text!.text.length).toBeLessThanOrEqual(150);
      }
      expect(injectedMentions({ blocks: view.blocks })).toEqual([]);
    }
  });

  it("says when there are more sources than it lists, failing ones first", () => {
    const view = renderHomeView({ overview: big, sources: sources(500), recent: [] });
    const text = JSON.stringify(view.blocks);
    expect(text).toContain("…and 480 more");
    const firstSource = (view.blocks as Block[]).find(
      (b) => b.type === "context" && JSON.stringify(b).includes("source"),
    );
    expect(JSON.stringify(firstSource)).toMatch(/failing/);
  });

  it("a user with no history and an archive still loading get sentences, not empty blocks", () => {
    const view = renderHomeView({ recent: [] });
    const text = JSON.stringify(view.blocks);
    expect(text).toContain("The archive is loading");
    expect(text).toContain("You have not asked anything yet");
    expect(text).not.toContain("Try asking");
  });

  it("says a source another replica polls is polled there, not that its first poll is under way", () => {
    const standby = { name: "Wire", state: "standby" as const, lastSuccessAt: null, lastError: null };
    const text = JSON.stringify(renderHomeView({ overview: big, sources: [standby], recent: [] }).blocks);
    expect(text).toContain("*Wire* — polled by another replica");
    expect(text).not.toContain("first poll under way");
  });

  it("offers up to HOME_MAX_EXAMPLES examples and HOME_MAX_RECENT recent questions, each its own cap", () => {
    const recent = Array.from({ length: 20 }, (_, i) => `recent ${i}?`);
    const view = renderHomeView({ overview: big, recent });
    const row = (id: string) =>
      (view.blocks as Array<Block & { block_id?: string }>).find((b) => b.block_id === id)!.elements!;
    expect(row("newsdesk_home_examples")).toHaveLength(Math.min(HOME_MAX_EXAMPLES, big.examples.length));
    expect(row("newsdesk_home_recent")).toHaveLength(HOME_MAX_RECENT);
  });

  it("its filter line, like /ask help, names every filter the parser reads", () => {
    const home = JSON.stringify(renderHomeView({ overview: big, recent: [] }).blocks);
    const help = renderUsage().text;
    for (const key of ASK_FILTER_KEYS) {
      expect(home).toContain(`${key}:`);
      expect(help).toContain(`${key}:`);
    }
  });

  it("shows a repeated question once", () => {
    const view = renderHomeView({ overview: big, recent: ["a?", "b?", "a?"] });
    const recent = (view.blocks as Array<Block & { block_id?: string }>).find(
      (b) => b.block_id === "newsdesk_home_recent",
    )!;
    expect(recent.elements!.map((e) => e.value)).toEqual(["a?", "b?"]);
  });
});
