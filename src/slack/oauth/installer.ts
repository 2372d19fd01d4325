import type { IncomingMessage, ServerResponse } from "node:http";
import type {
  AuthorizeResult,
  AuthorizeSourceData,
  Logger as BoltLogger,
  InstallationQuery,
  webApi,
} from "@slack/bolt";
import { InstallProvider } from "@slack/oauth";
import type { OAuthConfig } from "../../config.js";
import type { ErrorCode } from "../../errors.js";
import type { Logger } from "../../logger.js";
import type { Store } from "../../store/index.js";
import { BOT_SCOPES } from "./bot-scopes.js";
import {
  type InstallFailure,
  renderInstallPage,
  writeInstalled,
  writeInstallFailed,
} from "./install-pages.js";
import { installationKey, storeInstallationStore } from "./installation-store.js";
import { storeStateStore } from "./state-store.js";

export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";

/** SLACK_BOT_TOKEN's workspace, when the token is set beside OAuth: served with that token, as before. */
export interface SingleWorkspace {
  teamId: string;
  botToken: string;
  botId: string;
  botUserId: string;
}

export interface InstallerOptions {
  oauth: OAuthConfig;
  store: Store;
  logger: Logger;
  boltLogger: BoltLogger;
  /** SLACK_API_URL: Slack's authorize page is beside it (https://slack.com/oauth/v2/authorize). */
  slackApiUrl: string;
  clientOptions: webApi.WebClientOptions;
  single?: SingleWorkspace;
}

export type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface Installer {
  /** Bolt's `authorize`: each workspace's own token (rotated when it has a refresh token). */
  authorize(source: AuthorizeSourceData<boolean>): Promise<AuthorizeResult>;
  /** GET routes: /slack/install and /slack/oauth_redirect. */
  pages: Readonly<Record<string, PageHandler>>;
  /** app_uninstalled: the workspace's installation is removed. */
  uninstalled(query: InstallationQuery<boolean>): Promise<void>;
  /** tokens_revoked: bot tokens revoked remove the installation; user tokens are dropped from it. */
  tokensRevoked(
    query: InstallationQuery<boolean>,
    tokens: { bot?: string[]; oauth?: string[] },
  ): Promise<void>;
}

/** The failure page an error of the OAuth callback gets. */
function failureOf(error: { code?: string; name?: string }): InstallFailure {
  switch (error.code) {
    case "slack_oauth_invalid_state":
    case "slack_oauth_missing_state":
    case "slack_oauth_missing_code":
      return "oauth_invalid_state" satisfies ErrorCode;
    case "slack_oauth_authorization_error":
      return "oauth_cancelled" satisfies ErrorCode;
    case "oauth_store_failed":
      return "oauth_store_failed";
    default:
      return "oauth_exchange_failed" satisfies ErrorCode;
  }
}

/**
 * Installs into many workspaces as Bolt does (its InstallProvider), with the install's state and the
 * installations in the store, so that every replica can start, finish and use any install.
 */
export function createInstaller(options: InstallerOptions): Installer {
  const { store, logger, single } = options;
  const installations = storeInstallationStore(store.installations);
  const provider = installProviderOf(options, installations);
  return {
    async authorize(source) {
      if (single && !source.isEnterpriseInstall && source.teamId === single.teamId) {
        return {
          botToken: single.botToken,
          botId: single.botId,
          botUserId: single.botUserId,
          teamId: single.teamId,
        };
      }
      return provider.authorize(source as InstallationQuery<boolean>);
    },
    pages: { [INSTALL_PATH]: installPage(provider, logger), [REDIRECT_PATH]: redirectPage(provider, logger) },
    async uninstalled(query) {
      await installations.deleteInstallation(query);
      logger.info({ installation: installationKey(query) }, "slack app uninstalled");
    },
    async tokensRevoked(query, tokens) {
      if ((tokens.bot ?? []).length > 0) {
        await installations.deleteInstallation(query);
        logger.info(
          { installation: installationKey(query) },
          "slack bot token revoked; installation removed",
        );
        return;
      }
      if ((tokens.oauth ?? []).length > 0) await installations.dropUserTokens(query, tokens.oauth ?? []);
    },
  };
}

/** Bolt's InstallProvider over our store, with a failed save reported as its own failure page. */
function installProviderOf(
  options: InstallerOptions,
  installations: ReturnType<typeof storeInstallationStore>,
): InstallProvider {
  return new InstallProvider({
    clientId: options.oauth.clientId,
    clientSecret: options.oauth.clientSecret,
    stateStore: storeStateStore(options.store.oauthStates, options.oauth.stateSecret),
    installationStore: {
      ...installations,
      async storeInstallation(installation) {
        try {
          await installations.storeInstallation(installation);
        } catch (cause) {
          throw Object.assign(new Error("the installation could not be saved", { cause }), {
            code: "oauth_store_failed",
          });
        }
      },
    },
    installUrlOptions: { scopes: [...BOT_SCOPES] },
    authorizationUrl: new URL("../oauth/v2/authorize", options.slackApiUrl).toString(),
    renderHtmlForInstallPath: renderInstallPage,
    directInstall: false,
    logger: options.boltLogger,
    clientOptions: { ...options.clientOptions, slackApiUrl: options.slackApiUrl },
  });
}

/** `/slack/install`: the page linking to Slack's authorize URL, with a state the store keeps. */
function installPage(provider: InstallProvider, logger: InstallerOptions["logger"]): PageHandler {
  return async (req, res) => {
    try {
      await provider.handleInstallPath(req, res);
    } catch (error) {
      logger.error({ err: error, code: "oauth_store_failed" }, "An install could not be started.");
      writeInstallFailed(res, "oauth_store_failed");
    }
  };
}

/** `/slack/oauth_redirect`: finishes an install, or says in a plain page why it was refused. */
function redirectPage(provider: InstallProvider, logger: InstallerOptions["logger"]): PageHandler {
  return (req, res) =>
    provider.handleCallback(req, res, {
      successAsync: async (installation, _options, _req, response) => {
        logger.info(
          { team: installation.team?.id, enterprise: installation.enterprise?.id },
          "slack app installed",
        );
        writeInstalled(response, installation.team?.name ?? installation.enterprise?.name);
      },
      failureAsync: async (error, _options, _req, response) => {
        const failure = failureOf(error);
        const slackError = (error as { data?: { error?: string } }).data?.error;
        logger.warn({ code: failure, slackError, oauthCode: error.code }, "An install was refused.");
        writeInstallFailed(response, failure);
      },
    });
}
