import { describe, expect, it } from "vitest";
import {
  applySettingsChange,
  parseSettingsCommand,
  readSettings,
  scopeFooter,
} from "../../src/slack/channel-settings.js";

describe("channel settings (pure)", () => {
  it("reads a command's settings, quoted values and repeats included", () => {
    expect(parseSettingsCommand("settings", "settings")).toEqual({ kind: "show" });
    expect(parseSettingsCommand("settings RESET", "settings RESET")).toEqual({ kind: "reset" });
    const text =
      'settings section:Politics section:"City Hall" byline:"Ann Lee" replies:Ephemeral follow-ups:all desk:<#C0DESK|research>';
    const plain =
      'settings section:Politics section:"City Hall" byline:"Ann Lee" replies:Ephemeral follow-ups:all desk:#research';
    expect(parseSettingsCommand(text, plain)).toEqual({
      kind: "change",
      change: {
        sections: ["Politics", "City Hall"],
        bylines: ["Ann Lee"],
        replies: "ephemeral",
        followUps: "all",
        desk: "C0DESK",
      },
    });
    expect(parseSettingsCommand("settings from:none desk:none", "settings from:none desk:none")).toEqual({
      kind: "change",
      change: { publications: null, desk: null },
    });
  });

  it("applies a change over the current settings: given keys replace, none clears", () => {
    const current = {
      scope: { sections: ["Politics"], bylines: ["Ann Lee"] },
      replies: "ephemeral" as const,
      desk: "C0DESK",
    };
    expect(applySettingsChange(current, { bylines: null, desk: null, followUps: "all" }, "politics")).toEqual(
      {
        scope: { sections: ["Politics"] },
        replies: "ephemeral",
        followUps: "all",
        channelName: "politics",
      },
    );
    expect(applySettingsChange(current, { sections: null, bylines: null })).not.toHaveProperty("scope");
  });

  it("reads only well-formed fields of a stored document", () => {
    expect(readSettings(null)).toEqual({});
    expect(readSettings("text")).toEqual({});
    expect(
      readSettings({
        scope: { sections: ["Politics", 3], bylines: ["Ann Lee"], publications: [] },
        replies: "loud",
        followUps: "all",
        desk: "<!channel>",
        channelName: 5,
      }),
    ).toEqual({ scope: { bylines: ["Ann Lee"] }, followUps: "all" });
  });

  it("writes the footer with escaped values, or none without a scope", () => {
    expect(scopeFooter({})).toBeUndefined();
    expect(scopeFooter({ scope: { sections: ["<b> & *x*"] } })).toBe(
      "This channel's scope: section &lt;b&gt; &amp; \u200B*\u200Bx\u200B*\u200B — `/ask settings`",
    );
  });
});
