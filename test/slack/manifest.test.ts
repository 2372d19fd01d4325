import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ASK_FILTER_KEYS, parseAskFilters } from "../../src/answer/ask-filters.js";
import { CONFIG_VARIABLES } from "../../src/config.js";
import { BOT_SCOPES } from "../../src/slack/oauth/bot-scopes.js";
import { REDIRECT_PATH } from "../../src/slack/oauth/installer.js";
import { ASK_SUBCOMMANDS } from "../../src/slack/surfaces/slash-command.js";
import { repoRoot } from "../support/paths.js";

describe("manifest.yml", () => {
  const text = readFileSync(path.join(repoRoot, "manifest.yml"), "utf8");
  const manifest = parse(text);

  it("declares the bot, /ask, its events, interactivity, Socket Mode and the App Home messages tab", () => {
    expect(manifest.display_information.name).toBe("Newsdesk");
    expect(manifest.features.bot_user.display_name).toBeTruthy();
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({ command: "/ask", usage_hint: expect.any(String) }),
    ]);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.assistant_view.assistant_description.length).toBeGreaterThan(0);
    expect(manifest.features.assistant_view.assistant_description.length).toBeLessThanOrEqual(255);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(
      [
        "app_home_opened",
        "app_mention",
        "app_uninstalled",
        "assistant_thread_context_changed",
        "assistant_thread_started",
        "message.channels",
        "message.groups",
        "message.im",
        "tokens_revoked",
      ].sort(),
    );
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it("asks for the minimal bot scopes only", () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(
      [
        "app_mentions:read",
        "assistant:write",
        "channels:history",
        "chat:write",
        "commands",
        "groups:history",
        "im:history",
        "usergroups:read",
      ].sort(),
    );
  });

  it("asks for the same bot scopes as an OAuth install (/slack/install) does", () => {
    // A scope added to one and not the other fails here: add it to src/slack/oauth/bot-scopes.ts too.
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
  });

  it("names the OAuth redirect URL to fill in for installs in many workspaces", () => {
    expect(text).toMatch(new RegExp(`^ +# +- https://[^ ]+${REDIRECT_PATH}$`, "m"));
  });

  it('declares the message shortcut "Find our coverage" (find_coverage), and no other', () => {
    expect(manifest.features.shortcuts).toEqual([
      {
        name: "Find our coverage",
        type: "message",
        callback_id: "find_coverage",
        description: expect.any(String),
      },
    ]);
    expect(manifest.features.shortcuts[0].description.length).toBeLessThanOrEqual(150);
  });

  it("/ask's usage hint names every filter key the parser reads and every subcommand", () => {
    const hint: string = manifest.features.slash_commands[0].usage_hint;
    const [question = "", ...subcommands] = hint.split(" | ");
    // The example question's filters are all read: none is left in the question, and none is malformed.
    const parsed = parseAskFilters(question);
    expect(parsed.problem).toBeUndefined();
    expect(parsed.question).not.toContain(":");
    for (const key of ASK_FILTER_KEYS) expect(question).toMatch(new RegExp(`(^| )${key}:\\S`));
    const named = subcommands.map((s) => s.split(" ")[0]);
    expect(named.sort()).toEqual(Object.keys(ASK_SUBCOMMANDS).sort());
    // Each is what its handler picks (a subcommand the hint names is one /ask answers).
    for (const [name, picks] of Object.entries(ASK_SUBCOMMANDS)) expect(picks(name)).toBe(true);
    expect(hint.length).toBeLessThanOrEqual(1000);
  });

  it("escapes /ask's text, so desk:#channel arrives as the channel's id", () => {
    expect(manifest.features.slash_commands[0].should_escape).toBe(true);
  });

  it("stays within Slack's manifest limits", () => {
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.display_information.long_description.length).toBeGreaterThanOrEqual(174);
    expect(manifest.display_information.long_description.length).toBeLessThanOrEqual(4000);
    expect(manifest.features.slash_commands[0].description.length).toBeLessThanOrEqual(100);
    expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80);
  });
});

describe(".env.example", () => {
  it("documents every variable config.ts reads", () => {
    const example = readFileSync(path.join(repoRoot, ".env.example"), "utf8");
    expect(CONFIG_VARIABLES.length).toBe(30);
    for (const variable of CONFIG_VARIABLES) expect(example).toMatch(new RegExp(`^${variable}=`, "m"));
  });
});
