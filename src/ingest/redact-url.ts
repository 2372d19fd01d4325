/**
 * A URL as status, logs and /healthz show it: no user name or password, and the query string
 * replaced by "?…" (an `api_key=` or a session token lives there). Text that is not a URL is kept.
 */
export function redactUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return value;
  return `${url.protocol}//${url.host}${url.pathname}${url.search ? "?…" : ""}`;
}

const URLS = /\bhttps?:\/\/[^\s"'<>)]+/gi;

/** Every http(s) URL in a sentence redacted as `redactUrl` does (its trailing full stop kept). */
export function redactUrls(text: string): string {
  return text.replace(URLS, (match) => {
    const trail = /[.,;:]+$/.exec(match)?.[0] ?? "";
    return redactUrl(match.slice(0, match.length - trail.length)) + trail;
  });
}
