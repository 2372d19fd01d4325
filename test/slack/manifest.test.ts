import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Assistant } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ASK_FILTER_KEYS, parseAskFilters } from "../../src/answer/ask-filters.js";
import { CONFIG_VARIABLES } from "../../src/config.js";
import { BOT_SCOPES } from "../../src/slack/oauth/bot-scopes.js";
import { REDIRECT_PATH } from "../../src/slack/oauth/installer.js";
import { ASK_SUBCOMMANDS } from "../../src/slack/surfaces/slash-command.js";
import { repoRoot } from "../support/paths.js";

/** The bot scope each event subscription needs (Slack's event reference); [] for none. */
const EVENT_SCOPES: Record<string, string[]> = {
  app_mention: ["app_mentions:read"],
  "message.im": ["im:history"],
  "message.channels": ["channels:history"],
  "message.groups": ["groups:history"],
  "message.mpim": ["mpim:history"],
  app_home_opened: [],
  app_uninstalled: [],
  tokens_revoked: [],
  assistant_thread_started: ["assistant:write"],
  assistant_thread_context_changed: ["assistant:write"],
};

/**
 * The bot scopes each Web API method the code calls needs (Slack's method reference). A thread is read
 * back (conversations.replies) in the conversations Newsdesk answers in: channels, private channels, DMs.
 */
const METHOD_SCOPES: Record<string, string[]> = {
  "auth.test": [],
  "chat.postMessage": ["chat:write"],
  "chat.postEphemeral": ["chat:write"],
  "conversations.replies": ["channels:history", "groups:history", "im:history"],
  "usergroups.users.list": ["usergroups:read"],
  "views.publish": [],
  "assistant.threads.setStatus": ["assistant:write"],
  "assistant.threads.setTitle": ["assistant:write"],
  "assistant.threads.setSuggestedPrompts": ["assistant:write"],
};

/** A message listener's channel types, as the event subscriptions name them. */
const MESSAGE_EVENTS: Record<string, string> = {
  im: "message.im",
  channel: "message.channels",
  group: "message.groups",
  mpim: "message.mpim",
};

/**
 * Registers every surface (src/slack/surfaces/*.ts) on a stand-in App that records the calls, and reads
 * the event subscriptions they need: app.event(name); a message listener by the channel types its
 * module answers (MESSAGE_CHANNEL_TYPES); Bolt's Assistant takes its two events and DM thread
 * messages. `commands` when a slash command or a shortcut is handled.
 */
async function registeredSurfaces(): Promise<{ events: Set<string>; commands: boolean }> {
  const dir = path.join(repoRoot, "src/slack/surfaces");
  const events = new Set<string>();
  let commands = false;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const module = (await import(path.join(dir, file))) as {
      register?: (app: unknown, deps: unknown, installer?: unknown) => void;
      MESSAGE_CHANNEL_TYPES?: readonly string[];
    };
    if (!module.register) continue;
    const calls: Array<{ method: string; args: unknown[] }> = [];
    const app = new Proxy(
      {},
      {
        get:
          (_t, method) =>
          (...args: unknown[]) =>
            void calls.push({ method: String(method), args }),
      },
    );
    module.register(app, {}, undefined);
    for (const { method, args } of calls) {
      const name = method === "message" ? "message" : method === "event" ? String(args[0]) : undefined;
      if (name === "message") {
        expect(module.MESSAGE_CHANNEL_TYPES, `${file} exports MESSAGE_CHANNEL_TYPES`).toBeDefined();
        for (const type of module.MESSAGE_CHANNEL_TYPES ?? []) events.add(MESSAGE_EVENTS[type] ?? type);
      } else if (name !== undefined) events.add(name);
      if (method === "assistant") {
        expect(args[0]).toBeInstanceOf(Assistant);
        for (const e of ["assistant_thread_started", "assistant_thread_context_changed", "message.im"])
          events.add(e);
      }
      if (method === "command" || method === "shortcut") commands = true;
    }
    // /ask is answered by a global middleware rather than app.command (slash-command.ts says why).
    if (file === "slash-command.ts" && calls.some((c) => c.method === "use")) commands = true;
  }
  return { events, commands };
}

/** The Web API methods src/slack calls: `client.chat.postMessage(`, and the Assistant's `args.setStatus(`. */
function webApiMethodsCalled(): string[] {
  const files = readdirSync(path.join(repoRoot, "src/slack"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => readFileSync(path.join(repoRoot, "src/slack", f), "utf8"));
  const methods = new Set<string>();
  for (const text of files) {
    for (const m of text.matchAll(/(?:\bclient|\))\.([a-z]+\.[a-zA-Z]+(?:\.[a-zA-Z]+)?)\(/g))
      methods.add(m[1]!);
    for (const m of text.matchAll(/\bargs\.(setStatus|setTitle|setSuggestedPrompts)\(/g))
      methods.add(`assistant.threads.${m[1]}`);
  }
  return [...methods].sort();
}

describe("manifest.yml", () => {
  const text = readFileSync(path.join(repoRoot, "manifest.yml"), "utf8");
  const manifest = parse(text);

  it("declares the bot, /ask, interactivity, Socket Mode, the App Home tabs and the assistant view", () => {
    expect(manifest.display_information.name).toBe("Newsdesk");
    expect(manifest.features.bot_user.display_name).toBeTruthy();
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({ command: "/ask", usage_hint: expect.any(String) }),
    ]);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.assistant_view.assistant_description.length).toBeGreaterThan(0);
    expect(manifest.features.assistant_view.assistant_description.length).toBeLessThanOrEqual(255);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it("subscribes to exactly the events the surfaces listen to", async () => {
    const { events } = await registeredSurfaces();
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...events].sort());
  });

  it("asks for exactly the bot scopes its events and Web API calls need", async () => {
    const { events, commands } = await registeredSurfaces();
    const methods = webApiMethodsCalled();
    // The calls the code makes, found in its text (a sanity check that the scan sees them).
    expect(methods).toEqual(expect.arrayContaining(["chat.postMessage", "conversations.replies"]));
    const unmapped = methods.filter((m) => !(m in METHOD_SCOPES));
    // A new call fails here: add it, with the scopes Slack's docs give it, to METHOD_SCOPES.
    expect(unmapped).toEqual([]);
    const needed = new Set([
      ...(commands ? ["commands"] : []),
      ...[...events].flatMap((e) => EVENT_SCOPES[e] ?? [`<unmapped event ${e}>`]),
      ...methods.flatMap((m) => METHOD_SCOPES[m] ?? []),
    ]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
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

  it("describes every surface it enables: the assistant view and the Home tab too", () => {
    const about: string = manifest.display_information.long_description;
    for (const surface of ["/ask", "mention", "direct message", "assistant view", "Home tab"])
      expect(about).toContain(surface);
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
