/**
 * The one reader of the environment. Everything else receives the frozen `Config` it returns.
 */

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { config as loadDotenvFile } from "dotenv";
import { z } from "zod";
import { ConfigError } from "./errors.js";
import {
  INGEST_DEFAULTS,
  POLL_LIMITS,
  type PollLimits,
  parseSourcesFile,
  type SourceConfig,
  SourcesFileError,
} from "./ingest/index.js";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Who may see /healthz's detailed view (index size, reload state, corpus errors): see docs/hardening.md. */
const HEALTH_DETAILS = ["loopback", "everyone", "nobody"] as const;
export type HealthDetails = (typeof HEALTH_DETAILS)[number];

/** Where the bot listens: the local shell, Slack over HTTP, or Slack over Socket Mode. */
export type Mode = "shell" | "http" | "socket";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Defaults used when a variable is unset or empty. */
export const CONFIG_DEFAULTS = Object.freeze({
  port: 3000,
  logLevel: "info" as LogLevel,
  slackApiUrl: "https://slack.com/api/",
  corpusDir: path.join(repoRoot, "corpus"),
  cacheDir: path.join(repoRoot, ".cache"),
  dataDir: path.join(repoRoot, ".data"),
  healthDetails: "loopback" as HealthDetails,
  maxConnections: 1000,
  maxAnswersInFlight: 200,
  reloadTimeoutSeconds: 600,
  shutdownTimeoutSeconds: 20,
  feedbackRetentionDays: 180,
});

interface CommonConfig {
  /** LOG_LEVEL (default "info"). */
  logLevel: LogLevel;
  /** CORPUS_DIR: folder of articles, absolute (default: the repository's corpus/; relative values resolve against the working directory). */
  corpusDir: string;
  /** CORPUS_DIR was set: beside DATABASE_URL, a folder imported into the database at start. */
  corpusDirGiven: boolean;
  /** CACHE_DIR: folder for the search index cache, absolute (default: the repository's .cache/). */
  cacheDir: string;
  /** DATA_DIR: folder of the embedded store (SQLite), absolute (default: the repository's .data/). */
  dataDir: string;
  /** DATABASE_URL: the PostgreSQL store shared by several processes; unset: the embedded store in DATA_DIR. */
  databaseUrl?: string;
  /** SLACK_API_URL: Web API base URL, always ending in "/" (default "https://slack.com/api/"). */
  slackApiUrl: string;
  /** PORT for HTTP mode (default 3000; 0 picks a free port). */
  port: number;
  /** SOURCES_FILE: the YAML file listing the sites the bot polls, absolute; unset: no polling. */
  sourcesFile?: string;
  /** The sources of SOURCES_FILE, validated (empty until `loadConfigFromEnvironment` reads the file). */
  sources: readonly SourceConfig[];
  /** HEALTH_DETAILS: who gets /healthz's detailed view (default "loopback": callers on this machine). */
  healthDetails: HealthDetails;
  /** MAX_CONNECTIONS: open HTTP connections at most; more are refused and logged (default 1000). */
  maxConnections: number;
  /** MAX_ANSWERS_IN_FLIGHT: Slack requests being answered at once; more get 503 and are logged (default 200). */
  maxAnswersInFlight: number;
  /** RELOAD_TIMEOUT_SECONDS: a corpus reload running longer is abandoned and reported (default 600). */
  reloadTimeoutSeconds: number;
  /** SHUTDOWN_TIMEOUT_SECONDS: SIGTERM/SIGINT exit after at most this long, logging what is dropped (default 20). */
  shutdownTimeoutSeconds: number;
  /**
   * What one poll of a source may cost: POLL_MAX_STORIES, POLL_MAX_FETCHES, POLL_MAX_SITEMAP_DEPTH,
   * POLL_TIMEOUT_SECONDS, PAGE_MAX_ELEMENTS, PAGE_MAX_DEPTH (defaults: POLL_LIMITS, docs/hardening.md).
   */
  pollLimits: PollLimits;
  /** POLL_STALL_SECONDS: the poller's thread is restarted when one task holds it this long (default 30). */
  pollStallSeconds: number;
  /** Who may change a channel's settings (docs/slack.md): SETTINGS_USERS and SETTINGS_USERGROUP; neither: anyone. */
  settingsEditors: { users: readonly string[]; usergroup?: string };
  /** RESEARCH_DESK_CHANNEL: the desk channel of channels that set none; unset: off until a channel sets one. */
  researchDesk?: string;
  /** FEEDBACK_RETENTION_DAYS: votes and unanswered questions are kept this long (default 180). */
  feedbackRetentionDays: number;
}

export interface ShellConfig extends CommonConfig {
  mode: "shell";
}

/** OAuth installs into many workspaces (HTTP mode): SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET. */
export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs each install's state (kept in the store), so a forged one is refused before the store is asked. */
  stateSecret: string;
}

export interface HttpConfig extends CommonConfig {
  mode: "http";
  /** SLACK_BOT_TOKEN: one workspace's token; optional beside OAuth (its workspace is served too). */
  botToken?: string;
  signingSecret: string;
  /** Set when installs into many workspaces are on. Without it, botToken is set. */
  oauth?: OAuthConfig;
}

export interface SocketConfig extends CommonConfig {
  mode: "socket";
  botToken: string;
  appToken: string;
  /** Unused in Socket Mode, kept so a later switch to HTTP needs no new variable. */
  signingSecret?: string;
}

export type SlackConfig = HttpConfig | SocketConfig;
export type Config = Readonly<ShellConfig> | Readonly<HttpConfig> | Readonly<SocketConfig>;

/** Environment as read: unset and empty (or blank) values are treated alike, as "not set". */
type Env = Record<string, string | undefined>;

const token = (variable: string, prefix: string, where: string) =>
  z.string().refine((v) => v.startsWith(prefix) && v.length > prefix.length && !/\s/.test(v), {
    error: `${variable} must be a token starting with "${prefix}"; copy it from ${where} in your Slack app settings.`,
  });

const secret = (variable: string, where: string) =>
  z
    .string()
    .refine((v) => !/\s/.test(v), {
      error: `${variable} must not contain spaces; copy it again from ${where} in your Slack app settings.`,
    })
    .optional();

const wholeNumber = (variable: string, min: number, max: number, example: number) =>
  z
    .string()
    .refine((v) => /^\d{1,9}$/.test(v) && Number(v) >= min && Number(v) <= max, {
      error: `${variable} must be a whole number from ${min} to ${max}, for example ${variable}=${example}; fix or remove it.`,
    })
    .transform(Number)
    .optional();

const schema = z.object({
  SLACK_BOT_TOKEN: token("SLACK_BOT_TOKEN", "xoxb-", "OAuth & Permissions (Bot User OAuth Token)").optional(),
  SLACK_APP_TOKEN: token(
    "SLACK_APP_TOKEN",
    "xapp-",
    "Basic Information → App-Level Tokens (scope connections:write)",
  ).optional(),
  SLACK_SIGNING_SECRET: z
    .string()
    .refine((v) => !/\s/.test(v), {
      error:
        "SLACK_SIGNING_SECRET must not contain spaces; copy the Signing Secret from Basic Information in your Slack app settings.",
    })
    .optional(),
  SLACK_CLIENT_ID: secret("SLACK_CLIENT_ID", "Basic Information → App Credentials (Client ID)"),
  SLACK_CLIENT_SECRET: secret("SLACK_CLIENT_SECRET", "Basic Information → App Credentials (Client Secret)"),
  SLACK_STATE_SECRET: z
    .string()
    .refine((v) => v.length >= 16 && !/\s/.test(v), {
      error:
        "SLACK_STATE_SECRET must be at least 16 characters without spaces; set it to a long random string (for example the output of `openssl rand -hex 32`).",
    })
    .optional(),
  PORT: z
    .string()
    .refine((v) => /^\d{1,5}$/.test(v) && Number(v) <= 65535, {
      error: "PORT must be a whole number from 0 to 65535, for example PORT=3000.",
    })
    .transform(Number)
    .optional(),
  LOG_LEVEL: z
    .string()
    .refine((v): v is LogLevel => (LOG_LEVELS as readonly string[]).includes(v.toLowerCase()), {
      error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}; for example LOG_LEVEL=info.`,
    })
    .transform((v) => v.toLowerCase() as LogLevel)
    .optional(),
  SLACK_API_URL: z
    .string()
    .refine(isHttpUrl, {
      error: "SLACK_API_URL must be an http(s) URL such as https://slack.com/api/; fix or remove it.",
    })
    .transform((v) => (v.endsWith("/") ? v : `${v}/`))
    .optional(),
  CORPUS_DIR: z
    .string()
    .transform((v) => path.resolve(v))
    .optional(),
  CACHE_DIR: z
    .string()
    .transform((v) => path.resolve(v))
    .optional(),
  DATA_DIR: z
    .string()
    .transform((v) => path.resolve(v))
    .optional(),
  DATABASE_URL: z
    .string()
    .refine(isPostgresUrl, {
      error:
        "DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/newsdesk; fix it, or remove it to use the embedded store in DATA_DIR.",
    })
    .optional(),
  SOURCES_FILE: z
    .string()
    .transform((v) => path.resolve(v))
    .optional(),
  HEALTH_DETAILS: z
    .string()
    .refine((v): v is HealthDetails => (HEALTH_DETAILS as readonly string[]).includes(v.toLowerCase()), {
      error: `HEALTH_DETAILS must be one of ${HEALTH_DETAILS.join(", ")}; for example HEALTH_DETAILS=loopback.`,
    })
    .transform((v) => v.toLowerCase() as HealthDetails)
    .optional(),
  MAX_CONNECTIONS: wholeNumber("MAX_CONNECTIONS", 10, 1_000_000, CONFIG_DEFAULTS.maxConnections),
  MAX_ANSWERS_IN_FLIGHT: wholeNumber("MAX_ANSWERS_IN_FLIGHT", 1, 100_000, CONFIG_DEFAULTS.maxAnswersInFlight),
  RELOAD_TIMEOUT_SECONDS: wholeNumber(
    "RELOAD_TIMEOUT_SECONDS",
    1,
    86_400,
    CONFIG_DEFAULTS.reloadTimeoutSeconds,
  ),
  SHUTDOWN_TIMEOUT_SECONDS: wholeNumber(
    "SHUTDOWN_TIMEOUT_SECONDS",
    1,
    3600,
    CONFIG_DEFAULTS.shutdownTimeoutSeconds,
  ),
  POLL_MAX_STORIES: wholeNumber("POLL_MAX_STORIES", 1, 1_000_000, POLL_LIMITS.maxItems),
  POLL_MAX_FETCHES: wholeNumber("POLL_MAX_FETCHES", 1, 1_000_000, POLL_LIMITS.maxFetches),
  POLL_MAX_SITEMAP_DEPTH: wholeNumber("POLL_MAX_SITEMAP_DEPTH", 0, 10, POLL_LIMITS.maxDepth),
  POLL_TIMEOUT_SECONDS: wholeNumber("POLL_TIMEOUT_SECONDS", 10, 86_400, POLL_LIMITS.pollTimeoutMs / 1000),
  POLL_STALL_SECONDS: wholeNumber("POLL_STALL_SECONDS", 5, 3600, INGEST_DEFAULTS.stallMs / 1000),
  PAGE_MAX_ELEMENTS: wholeNumber("PAGE_MAX_ELEMENTS", 100, 10_000_000, POLL_LIMITS.page.maxElements),
  PAGE_MAX_DEPTH: wholeNumber("PAGE_MAX_DEPTH", 16, 10_000, POLL_LIMITS.page.maxDepth),
  SETTINGS_USERS: z
    .string()
    .refine((v) => v.split(/[\s,]+/).every((id) => id === "" || /^[UW][A-Z0-9]{2,}$/.test(id)), {
      error:
        "SETTINGS_USERS must list Slack user ids (U… or W…) separated by commas, for example SETTINGS_USERS=U0123ABCD,U0456EFGH; copy them from each profile's ⋮ → Copy member ID.",
    })
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .optional(),
  SETTINGS_USERGROUP: z
    .string()
    .refine((v) => /^S[A-Z0-9]{2,}$/.test(v), {
      error:
        "SETTINGS_USERGROUP must be a Slack user group id starting with S, for example SETTINGS_USERGROUP=S0123ABCD; copy it from the group's page.",
    })
    .optional(),
  RESEARCH_DESK_CHANNEL: z
    .string()
    .refine((v) => /^[CG][A-Z0-9]{2,}$/.test(v), {
      error:
        "RESEARCH_DESK_CHANNEL must be a channel id starting with C or G, for example RESEARCH_DESK_CHANNEL=C0123ABCD; copy it from the channel's details.",
    })
    .optional(),
  FEEDBACK_RETENTION_DAYS: wholeNumber(
    "FEEDBACK_RETENTION_DAYS",
    1,
    36_500,
    CONFIG_DEFAULTS.feedbackRetentionDays,
  ),
});

/** Every variable this module reads (documented in .env.example). */
export const CONFIG_VARIABLES: readonly string[] = Object.freeze(Object.keys(schema.shape));

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
  } catch {
    return false;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function present(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}

/**
 * Reads and validates the configuration from `env` (pure: no file or process access).
 * @throws ConfigError naming the first bad variable and the fix, in one sentence.
 */
export function loadConfig(env: Env = process.env): Config {
  const parsed = schema.safeParse(present(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? "environment");
    throw new ConfigError(variable, issue.message, { cause: parsed.error });
  }
  const v = parsed.data;
  const common = commonConfigOf(v);
  const oauth = oauthOf(v);
  return Object.freeze(oauth ? oauthModeOf(v, common, oauth) : tokenModeOf(v, common));
}

/** The environment as the schema read it. */
type Variables = z.infer<typeof schema>;

/** Settings of every mode: folders, store, limits, sources, desks and feedback. */
function commonConfigOf(v: Variables): CommonConfig {
  return {
    logLevel: v.LOG_LEVEL ?? CONFIG_DEFAULTS.logLevel,
    corpusDir: v.CORPUS_DIR ?? CONFIG_DEFAULTS.corpusDir,
    corpusDirGiven: v.CORPUS_DIR !== undefined,
    cacheDir: v.CACHE_DIR ?? CONFIG_DEFAULTS.cacheDir,
    dataDir: v.DATA_DIR ?? CONFIG_DEFAULTS.dataDir,
    ...(v.DATABASE_URL ? { databaseUrl: v.DATABASE_URL } : {}),
    slackApiUrl: v.SLACK_API_URL ?? CONFIG_DEFAULTS.slackApiUrl,
    port: v.PORT ?? CONFIG_DEFAULTS.port,
    sources: [],
    ...(v.SOURCES_FILE ? { sourcesFile: v.SOURCES_FILE } : {}),
    healthDetails: v.HEALTH_DETAILS ?? CONFIG_DEFAULTS.healthDetails,
    maxConnections: v.MAX_CONNECTIONS ?? CONFIG_DEFAULTS.maxConnections,
    maxAnswersInFlight: v.MAX_ANSWERS_IN_FLIGHT ?? CONFIG_DEFAULTS.maxAnswersInFlight,
    reloadTimeoutSeconds: v.RELOAD_TIMEOUT_SECONDS ?? CONFIG_DEFAULTS.reloadTimeoutSeconds,
    shutdownTimeoutSeconds: v.SHUTDOWN_TIMEOUT_SECONDS ?? CONFIG_DEFAULTS.shutdownTimeoutSeconds,
    pollLimits: pollLimitsOf(v),
    pollStallSeconds: v.POLL_STALL_SECONDS ?? INGEST_DEFAULTS.stallMs / 1000,
    settingsEditors: Object.freeze({
      users: Object.freeze(v.SETTINGS_USERS ?? []),
      ...(v.SETTINGS_USERGROUP ? { usergroup: v.SETTINGS_USERGROUP } : {}),
    }),
    ...(v.RESEARCH_DESK_CHANNEL ? { researchDesk: v.RESEARCH_DESK_CHANNEL } : {}),
    feedbackRetentionDays: v.FEEDBACK_RETENTION_DAYS ?? CONFIG_DEFAULTS.feedbackRetentionDays,
  };
}

/** A poll's caps: POLL_LIMITS unless a variable sets one. */
function pollLimitsOf(v: Variables): CommonConfig["pollLimits"] {
  return Object.freeze({
    maxItems: v.POLL_MAX_STORIES ?? POLL_LIMITS.maxItems,
    maxFetches: v.POLL_MAX_FETCHES ?? POLL_LIMITS.maxFetches,
    maxDepth: v.POLL_MAX_SITEMAP_DEPTH ?? POLL_LIMITS.maxDepth,
    pollTimeoutMs: (v.POLL_TIMEOUT_SECONDS ?? POLL_LIMITS.pollTimeoutMs / 1000) * 1000,
    page: Object.freeze({
      maxElements: v.PAGE_MAX_ELEMENTS ?? POLL_LIMITS.page.maxElements,
      maxDepth: v.PAGE_MAX_DEPTH ?? POLL_LIMITS.page.maxDepth,
    }),
  });
}

/** Installs in many workspaces: HTTP mode only, so a signing secret and no app token. */
function oauthModeOf(v: Variables, common: CommonConfig, oauth: OAuthConfig): Config {
  if (v.SLACK_APP_TOKEN) {
    throw new ConfigError(
      "SLACK_APP_TOKEN",
      "SLACK_CLIENT_ID (installs in many workspaces) works in HTTP mode only, but SLACK_APP_TOKEN selects Socket Mode; remove SLACK_APP_TOKEN and set SLACK_SIGNING_SECRET.",
    );
  }
  if (!v.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      "SLACK_SIGNING_SECRET",
      "SLACK_CLIENT_ID is set but SLACK_SIGNING_SECRET is not; installs in many workspaces need HTTP mode, so copy the Signing Secret from Basic Information.",
    );
  }
  return {
    mode: "http",
    ...common,
    ...(v.SLACK_BOT_TOKEN ? { botToken: v.SLACK_BOT_TOKEN } : {}),
    signingSecret: v.SLACK_SIGNING_SECRET,
    oauth,
  };
}

/** One workspace's bot token: Socket Mode with an app token, HTTP with a signing secret; none: the shell. */
function tokenModeOf(v: Variables, common: CommonConfig): Config {
  if (!v.SLACK_BOT_TOKEN) {
    if (v.SLACK_APP_TOKEN || v.SLACK_SIGNING_SECRET) {
      const given = v.SLACK_APP_TOKEN ? "SLACK_APP_TOKEN" : "SLACK_SIGNING_SECRET";
      throw new ConfigError(
        "SLACK_BOT_TOKEN",
        `SLACK_BOT_TOKEN is missing although ${given} is set; add the bot token (xoxb-…) or remove ${given} to use the local shell.`,
      );
    }
    return { mode: "shell", ...common };
  }
  if (v.SLACK_APP_TOKEN) {
    return {
      mode: "socket",
      ...common,
      botToken: v.SLACK_BOT_TOKEN,
      appToken: v.SLACK_APP_TOKEN,
      ...(v.SLACK_SIGNING_SECRET ? { signingSecret: v.SLACK_SIGNING_SECRET } : {}),
    };
  }
  if (v.SLACK_SIGNING_SECRET) {
    return { mode: "http", ...common, botToken: v.SLACK_BOT_TOKEN, signingSecret: v.SLACK_SIGNING_SECRET };
  }
  throw new ConfigError(
    "SLACK_APP_TOKEN",
    "SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is; set one of them.",
  );
}

const OAUTH_VARIABLES = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const;

/** OAuth's three variables: all or none (one set alone is a mistake worth a sentence). */
function oauthOf(v: Partial<Record<(typeof OAUTH_VARIABLES)[number], string>>): OAuthConfig | undefined {
  const missing = OAUTH_VARIABLES.filter((name) => !v[name]);
  if (missing.length === OAUTH_VARIABLES.length) return undefined;
  if (missing.length > 0) {
    const given = OAUTH_VARIABLES.filter((name) => v[name]).join(" and ");
    throw new ConfigError(
      missing[0]!,
      `${missing.join(" and ")} must be set with ${given} to install into many workspaces; set ${missing.length > 1 ? "them" : "it"} too, or remove ${given} to serve one workspace with SLACK_BOT_TOKEN.`,
    );
  }
  return {
    clientId: v.SLACK_CLIENT_ID!,
    clientSecret: v.SLACK_CLIENT_SECRET!,
    stateSecret: v.SLACK_STATE_SECRET!,
  };
}

/**
 * Loads `.env` (if present; real environment variables win) into the process environment, then validates it.
 * @param options.path - the dotenv file (default ".env" in the working directory).
 */
export function loadConfigFromEnvironment(options: { path?: string } = {}): Config {
  loadDotenvFile({ quiet: true, ...(options.path ? { path: options.path } : {}) });
  const config = loadConfig(process.env);
  return config.sourcesFile ? Object.freeze({ ...config, sources: readSources(config.sourcesFile) }) : config;
}

/**
 * Reads and validates SOURCES_FILE.
 * @throws ConfigError naming the file, the field and the fix, in one sentence.
 */
export function readSources(file: string): SourceConfig[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? "error";
    throw new ConfigError(
      "SOURCES_FILE",
      `SOURCES_FILE names ${file}, which cannot be read (${code}); point it at your sources file (see sources.example.yml) or unset it.`,
      { cause },
    );
  }
  try {
    return parseSourcesFile(text, file);
  } catch (error) {
    if (error instanceof SourcesFileError)
      throw new ConfigError("SOURCES_FILE", error.message, { cause: error });
    throw error;
  }
}

/** True when the config starts a Slack app (narrowing helper for main). */
export function isSlackConfig(config: Config): config is Readonly<SlackConfig> {
  return config.mode !== "shell";
}
