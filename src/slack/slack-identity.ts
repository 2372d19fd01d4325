import { webApi } from "@slack/bolt";
import type { SlackConfig } from "../config.js";
import { NewsdeskError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/index.js";
import type { createBoltLogger } from "./bolt-logger.js";
import { createInstaller, type Installer } from "./oauth/installer.js";
import { SlackStartError } from "./slack-start-error.js";

type BoltLogger = ReturnType<typeof createBoltLogger>;

const AUTH_ERRORS = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
]);

/** Installs in many workspaces (OAuth), when configured; they live in the store. */
export function installerFor(
  options: { config: Readonly<SlackConfig>; store?: Store | undefined; logger: Logger },
  clientOptions: webApi.WebClientOptions,
  boltLogger: BoltLogger,
  identity: BotIdentity | undefined,
): Installer | undefined {
  const { config } = options;
  if (config.mode !== "http" || !config.oauth) return undefined;
  if (!options.store)
    throw new NewsdeskError(
      "internal_invariant",
      "Installs in many workspaces need the store; main.ts opens it.",
    );
  return createInstaller({
    oauth: config.oauth,
    store: options.store,
    logger: options.logger,
    boltLogger,
    slackApiUrl: config.slackApiUrl,
    clientOptions,
    ...(identity && config.botToken
      ? {
          single: {
            teamId: identity.teamId,
            botToken: config.botToken,
            botId: identity.botId,
            botUserId: identity.botUserId,
          },
        }
      : {}),
  });
}

/** Who the bot is in its token's workspace (auth.test), as the app needs it. */
export interface BotIdentity {
  botUserId: string;
  botId: string;
  team: string | undefined;
  teamId: string;
}

/** The bot token's identity; rejects with SlackStartError (one sentence) when Slack refuses it. */
export async function whoAmI(
  botToken: string,
  slackApiUrl: string,
  clientOptions: webApi.WebClientOptions,
): Promise<BotIdentity> {
  const client = new webApi.WebClient(botToken, {
    ...clientOptions,
    retryConfig: { retries: 2, minTimeout: 200, maxTimeout: 1000 },
  });
  try {
    const result = await client.auth.test();
    if (!result.user_id)
      throw new NewsdeskError(
        "slack_invalid_auth",
        "auth.test answered without a user_id for the bot token.",
      );
    return {
      botUserId: result.user_id,
      botId: result.bot_id ?? "",
      team: result.team,
      teamId: result.team_id ?? "",
    };
  } catch (error) {
    throw startError(error, "SLACK_BOT_TOKEN", slackApiUrl, "auth.test");
  }
}

/** A start-up failure of a Web API call as one sentence naming the variable and the fix. */
export function startError(
  error: unknown,
  variable: string,
  apiUrl: string,
  method: string,
): SlackStartError {
  const code = (error as { data?: { error?: string } }).data?.error;
  if (code && AUTH_ERRORS.has(code)) {
    return new SlackStartError(
      "slack_invalid_auth",
      `Slack rejected ${variable} (${code}) at ${method}; copy the token again from your Slack app settings and restart.`,
      { cause: error },
    );
  }
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  return new SlackStartError(
    "slack_unreachable",
    `Could not start the Slack app: ${method} at ${apiUrl} failed (${reason}); check SLACK_API_URL and the network.`,
    { cause: error },
  );
}
