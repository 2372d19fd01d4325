import type { ServerResponse } from "node:http";
import { ERROR_CODES, type ErrorCode } from "../../errors.js";

/** Why an install did not happen; the page shows the catalogue's sentence for it. */
export type InstallFailure = Extract<
  ErrorCode,
  "oauth_invalid_state" | "oauth_cancelled" | "oauth_exchange_failed" | "oauth_store_failed"
>;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.5">
<h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}

/** /slack/install's page: one link to Slack's authorize URL (the state cookie is set beside it). */
export function renderInstallPage(url: string): string {
  return page(
    "Install Newsdesk",
    `<p>Newsdesk answers questions with cited quotes from your newsroom's articles.</p>
<p><a href="${escapeHtml(url)}">Add Newsdesk to a Slack workspace</a></p>`,
  );
}

export function writeInstalled(res: ServerResponse, team: string | undefined): void {
  const where = team ? `the ${team} workspace` : "your workspace";
  res
    .writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" })
    .end(
      page(
        "Newsdesk is installed",
        `<p>Newsdesk is installed in ${escapeHtml(where)}. Ask with /ask, mention @Newsdesk in a channel, or send it a direct message.</p>`,
      ),
    );
}

export function writeInstallFailed(res: ServerResponse, failure: InstallFailure): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const status = failure === "oauth_store_failed" ? 503 : failure === "oauth_exchange_failed" ? 502 : 400;
  res
    .writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" })
    .end(page("Newsdesk was not installed", `<p>${escapeHtml(ERROR_CODES[failure].user)}</p>`));
}
