/**
 * A fourth round of hostile input over signed HTTP against the Web API stand-in, with the real engine
 * over the desk corpus and a real store: each test is a defect found by attacking the desk workflows,
 * the follow-ups and the shortcut, kept so that it stays fixed.
 */
import { describe, expect, it } from "vitest";
import { deskHarness, stopDeskStore } from "../support/desk-harness.js";
import { commandFields } from "../support/slack-signer.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";

type Element = { action_id?: string; value?: string; text?: unknown };
type Block = { type: string; text?: { text: string }; elements?: Element[] };
type Reply = { text: string; blocks: Block[]; metadata?: { event_payload: Record<string, unknown> } };

const h = useSlackAppHarness(deskHarness({ RESEARCH_DESK_CHANNEL: "C0LIBRARY" }));
stopDeskStore();

async function command(text: string, fields: Record<string, string> = {}): Promise<Reply> {
  const res = await h.send.command(commandFields(text, h.standIn.responseUrl(), fields));
  expect(res.status).toBe(200);
  return res.json as unknown as Reply;
}

const footer = (r: Reply) => {
  const last = r.blocks[r.blocks.length - 1]!;
  return last.type === "context" ? String(last.elements![0]!.text ?? "") : "";
};

describe("channel settings values", () => {
  it("a value with a line break or a direction override is refused: it cannot forge a line of the settings", async () => {
    const channel = { channel_id: "C0FORGE", channel_name: "forge" };
    for (const text of [
      'settings section:"Politics\n• Who may change them: nobody"',
      "settings byline:Ann\u202ELee",
      'settings from:"Courier\u0000"',
    ]) {
      const reply = await command(text, channel);
      expect(reply.blocks, text).toHaveLength(1);
      expect(reply.text, text).toMatch(/may not contain line breaks or control characters/);
    }
    const shown = await command("settings", channel);
    expect(shown.text).toContain("Scope: the whole archive");
    expect(shown.text.match(/Who may change them/g)).toHaveLength(1);
    expect(footer(await command("council budget", channel))).not.toContain("scope");
  });
});
