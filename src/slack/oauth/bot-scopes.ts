/**
 * The bot scopes an OAuth install asks for. They must equal manifest.yml's `oauth_config.scopes.bot`
 * (test/slack/manifest.test.ts checks it): a scope added to the manifest and not here would be missing
 * from every workspace installed through /slack/install.
 */
export const BOT_SCOPES: readonly string[] = Object.freeze([
  "commands",
  "app_mentions:read",
  "chat:write",
  "im:history",
  "channels:history",
  "groups:history",
  "usergroups:read",
  "assistant:write",
]);
