import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_DEFAULTS, loadConfig } from "../src/config.js";
import { ConfigError } from "../src/errors.js";

const BOT = "xoxb-1-2-abc";
const APP = "xapp-1-A1-2-def";
const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe("loadConfig: mode", () => {
  it("no Slack variables → shell with defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: "shell",
      port: 3000,
      logLevel: "info",
      slackApiUrl: "https://slack.com/api/",
      corpusDir: CONFIG_DEFAULTS.corpusDir,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("bot token + app token → socket", () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP })).toMatchObject({
      mode: "socket",
      botToken: BOT,
      appToken: APP,
    });
  });

  it("bot token + signing secret → http on PORT", () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PORT: "8080" })).toMatchObject({
      mode: "http",
      botToken: BOT,
      signingSecret: SECRET,
      port: 8080,
    });
  });

  it("OAuth's three variables + signing secret → http with installs, the bot token optional", () => {
    const oauth = {
      SLACK_CLIENT_ID: "123.456",
      SLACK_CLIENT_SECRET: "cs",
      SLACK_STATE_SECRET: "s".repeat(32),
    };
    const alone = loadConfig({ ...oauth, SLACK_SIGNING_SECRET: SECRET });
    expect(alone).toMatchObject({
      mode: "http",
      signingSecret: SECRET,
      oauth: { clientId: "123.456", clientSecret: "cs", stateSecret: "s".repeat(32) },
    });
    expect(alone).not.toHaveProperty("botToken");
    expect(loadConfig({ ...oauth, SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: BOT })).toMatchObject({
      mode: "http",
      botToken: BOT,
      oauth: { clientId: "123.456" },
    });
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET })).not.toHaveProperty("oauth");
  });

  it("empty values count as unset (a copied .env.example starts shell mode)", () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: "", SLACK_APP_TOKEN: "  ", PORT: "" }).mode).toBe("shell");
  });

  it("normalises SLACK_API_URL to end in a slash, resolves dirs, lower-cases LOG_LEVEL", () => {
    const config = loadConfig({
      SLACK_API_URL: "http://127.0.0.1:9999/api",
      LOG_LEVEL: "DEBUG",
      CORPUS_DIR: "some/articles",
      CACHE_DIR: "/tmp/cache",
    });
    expect(config.slackApiUrl).toBe("http://127.0.0.1:9999/api/");
    expect(config.logLevel).toBe("debug");
    expect(config.corpusDir).toBe(path.resolve("some/articles"));
    expect(config.cacheDir).toBe("/tmp/cache");
  });

  it("uses the embedded store in DATA_DIR unless DATABASE_URL is set", () => {
    const embedded = loadConfig({ DATA_DIR: "state" });
    expect(embedded.dataDir).toBe(path.resolve("state"));
    expect(embedded.databaseUrl).toBeUndefined();
    expect(loadConfig({}).dataDir).toMatch(/\.data$/);
    const url = "postgres://newsdesk:pw@db.internal:5432/newsdesk";
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it("reads who may change settings, the default research desk and feedback retention", () => {
    expect(loadConfig({})).toMatchObject({ settingsEditors: { users: [] }, feedbackRetentionDays: 180 });
    expect(loadConfig({}).researchDesk).toBeUndefined();
    const config = loadConfig({
      SETTINGS_USERS: "U0ONE, W0TWO",
      SETTINGS_USERGROUP: "S0EDITORS",
      RESEARCH_DESK_CHANNEL: "C0RESEARCH",
      FEEDBACK_RETENTION_DAYS: "30",
    });
    expect(config).toMatchObject({
      settingsEditors: { users: ["U0ONE", "W0TWO"], usergroup: "S0EDITORS" },
      researchDesk: "C0RESEARCH",
      feedbackRetentionDays: 30,
    });
  });
});

describe("loadConfig: each bad environment names the variable and the fix", () => {
  const cases: Array<[string, Record<string, string>, string, RegExp]> = [
    ["SETTINGS_USERS with a name", { SETTINGS_USERS: "U0ONE,@ann" }, "SETTINGS_USERS", /Copy member ID/],
    [
      "SETTINGS_USERGROUP not a group id",
      { SETTINGS_USERGROUP: "@editors" },
      "SETTINGS_USERGROUP",
      /S0123ABCD/,
    ],
    [
      "RESEARCH_DESK_CHANNEL a name",
      { RESEARCH_DESK_CHANNEL: "#research" },
      "RESEARCH_DESK_CHANNEL",
      /C0123ABCD/,
    ],
    [
      "FEEDBACK_RETENTION_DAYS zero",
      { FEEDBACK_RETENTION_DAYS: "0" },
      "FEEDBACK_RETENTION_DAYS",
      /from 1 to 36500/,
    ],
    ["DATABASE_URL not a PostgreSQL URL", { DATABASE_URL: "mysql://db/x" }, "DATABASE_URL", /postgres:\/\//],
    ["DATABASE_URL not a URL", { DATABASE_URL: "localhost:5432" }, "DATABASE_URL", /DATA_DIR/],
    [
      "bot token with a user-token prefix",
      { SLACK_BOT_TOKEN: "xoxp-123", SLACK_SIGNING_SECRET: SECRET },
      "SLACK_BOT_TOKEN",
      /xoxb-/,
    ],
    [
      "app token with a bot prefix",
      { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: "xoxb-9" },
      "SLACK_APP_TOKEN",
      /xapp-/,
    ],
    ["a bare prefix", { SLACK_BOT_TOKEN: "xoxb-", SLACK_APP_TOKEN: APP }, "SLACK_BOT_TOKEN", /xoxb-/],
    ["secret without a token", { SLACK_SIGNING_SECRET: SECRET }, "SLACK_BOT_TOKEN", /SLACK_SIGNING_SECRET/],
    ["app token without a bot token", { SLACK_APP_TOKEN: APP }, "SLACK_BOT_TOKEN", /SLACK_APP_TOKEN/],
    ["bot token alone", { SLACK_BOT_TOKEN: BOT }, "SLACK_APP_TOKEN", /SLACK_SIGNING_SECRET/],
    [
      "secret with a space",
      { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: "a b" },
      "SLACK_SIGNING_SECRET",
      /Signing Secret/,
    ],
    [
      "OAuth client id without its secrets",
      { SLACK_CLIENT_ID: "123.456", SLACK_SIGNING_SECRET: SECRET },
      "SLACK_CLIENT_SECRET",
      /SLACK_CLIENT_SECRET and SLACK_STATE_SECRET must be set with SLACK_CLIENT_ID/,
    ],
    [
      "OAuth without a signing secret",
      { SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "cs", SLACK_STATE_SECRET: "s".repeat(32) },
      "SLACK_SIGNING_SECRET",
      /HTTP mode/,
    ],
    [
      "OAuth in Socket Mode",
      {
        SLACK_CLIENT_ID: "1.2",
        SLACK_CLIENT_SECRET: "cs",
        SLACK_STATE_SECRET: "s".repeat(32),
        SLACK_BOT_TOKEN: BOT,
        SLACK_APP_TOKEN: APP,
      },
      "SLACK_APP_TOKEN",
      /HTTP mode only/,
    ],
    [
      "a short state secret",
      { SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "cs", SLACK_STATE_SECRET: "short" },
      "SLACK_STATE_SECRET",
      /16 characters/,
    ],
    ["PORT not a number", { PORT: "http" }, "PORT", /0 to 65535/],
    ["PORT too large", { PORT: "70000" }, "PORT", /0 to 65535/],
    ["PORT negative", { PORT: "-1" }, "PORT", /0 to 65535/],
    ["LOG_LEVEL unknown", { LOG_LEVEL: "verbose" }, "LOG_LEVEL", /info/],
    ["SLACK_API_URL not a URL", { SLACK_API_URL: "slack.com/api" }, "SLACK_API_URL", /http/],
    ["SLACK_API_URL not http", { SLACK_API_URL: "ftp://slack.com/api/" }, "SLACK_API_URL", /http/],
  ];

  it.each(cases)("%s", (_name, env, variable, fix) => {
    const error = configError(env);
    expect(error.code).toBe("config_invalid");
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toMatch(fix);
    // One sentence: no line breaks, and it never echoes a secret back.
    expect(error.message).not.toMatch(/\n/);
    expect(error.message).not.toContain(SECRET);
  });
});
