import type { App } from "@slack/bolt";
import type { Installer } from "../oauth/installer.js";
import type { SlackDeps } from "../slack-deps.js";

interface LifecycleBody {
  team_id?: string;
  enterprise_id?: string;
  is_enterprise_install?: boolean;
  authorizations?: Array<{
    team_id?: string | null;
    enterprise_id?: string | null;
    is_enterprise_install?: boolean;
  }>;
}

/** Which installation an event is about, as Bolt's InstallationStore is asked. */
function queryOf(body: LifecycleBody) {
  const auth = body.authorizations?.[0];
  const isEnterpriseInstall = auth?.is_enterprise_install ?? body.is_enterprise_install ?? false;
  return {
    teamId: (auth?.team_id ?? body.team_id) || undefined,
    enterpriseId: (auth?.enterprise_id ?? body.enterprise_id) || undefined,
    isEnterpriseInstall,
  } as Parameters<Installer["uninstalled"]>[0];
}

/**
 * `app_uninstalled` and `tokens_revoked`: with installs by OAuth the workspace's installation leaves the
 * store (its token no longer works); with one SLACK_BOT_TOKEN there is nothing stored to remove.
 */
export function register(app: App, deps: SlackDeps, installer: Installer | undefined): void {
  app.event("app_uninstalled", async ({ body }) => {
    const query = queryOf(body as LifecycleBody);
    if (installer) await installer.uninstalled(query);
    else deps.logger.info({ team: query.teamId }, "slack app uninstalled");
  });
  app.event("tokens_revoked", async ({ body, event }) => {
    const query = queryOf(body as LifecycleBody);
    if (installer) await installer.tokensRevoked(query, event.tokens ?? {});
    else deps.logger.info({ team: query.teamId }, "slack tokens revoked");
  });
}
