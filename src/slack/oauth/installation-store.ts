import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import { NewsdeskError } from "../../errors.js";
import type { InstallationsStore } from "../../store/index.js";

/** The store's key of an installation: the org for an org-wide install, else the workspace. */
export function installationKey(query: {
  isEnterpriseInstall?: boolean;
  enterpriseId?: string | undefined;
  teamId?: string | undefined;
}): string | undefined {
  return query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
}

/** No installation for the workspace an event came from (never installed, or uninstalled). */
export class NotInstalled extends Error {
  readonly code = "slack_not_installed";
  constructor(key: string | undefined) {
    super(`Newsdesk is not installed in ${key ?? "this workspace"}.`);
    this.name = "NotInstalled";
  }
}

/** Bolt's InstallationStore over the store's installations: one document per workspace or org. */
export function storeInstallationStore(
  installations: InstallationsStore,
  now: () => number = Date.now,
): InstallationStore & {
  deleteInstallation(query: InstallationQuery<boolean>): Promise<void>;
  /** Drops the users' tokens of `userIds` from an installation (tokens_revoked for user tokens). */
  dropUserTokens(query: InstallationQuery<boolean>, userIds: readonly string[]): Promise<void>;
} {
  const keyOf = (query: InstallationQuery<boolean>) => installationKey(query);
  return {
    async storeInstallation(installation) {
      const key = installationKey({
        isEnterpriseInstall: installation.isEnterpriseInstall,
        enterpriseId: installation.enterprise?.id,
        teamId: installation.team?.id,
      });
      if (!key)
        throw new NewsdeskError(
          "oauth_store_failed",
          "An installation without a team or enterprise id cannot be stored.",
        );
      await installations.put(key, installation, now());
    },
    async fetchInstallation(query) {
      const key = keyOf(query);
      const found = key ? await installations.get(key) : undefined;
      if (!found) throw new NotInstalled(key);
      return found as Installation<"v2", boolean>;
    },
    async deleteInstallation(query) {
      const key = keyOf(query);
      if (key) await installations.delete(key);
    },
    async dropUserTokens(query, userIds) {
      const key = keyOf(query);
      const found = key ? ((await installations.get(key)) as Installation | undefined) : undefined;
      if (!key || !found?.user || !userIds.includes(found.user.id)) return;
      const {
        token: _token,
        refreshToken: _refresh,
        expiresAt: _expires,
        scopes: _scopes,
        ...user
      } = found.user;
      await installations.put(key, { ...found, user }, now());
    },
  };
}
