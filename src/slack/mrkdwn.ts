/**
 * Text in and out of Slack's mrkdwn. Everything a user or an article wrote goes through `literal`
 * before it reaches a reply, so it can neither broadcast (<!channel>), mention (<@U…>) nor format.
 */

// Most text has none of these: one test then spares the replace passes (every passage and citation
// of every reply goes through here).
const CONTROL_RE = /[&<>]/;
const LITERAL_RE = /[&<>*_~`]/;

/** Slack's three control characters; escaping them is what keeps `<!here>` and `<@U…>` inert. */
export function escapeMrkdwn(text: string): string {
  return CONTROL_RE.test(text)
    ? text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    : text;
}

const ZWSP = "\u200B";

/**
 * Escaped text that also renders literally: mrkdwn formatting characters (* _ ~ `) are fenced with
 * zero-width spaces so Slack cannot pair them into bold, italics, strike or code. The visible text
 * is unchanged.
 */
export function literal(text: string): string {
  return LITERAL_RE.test(text) ? escapeMrkdwn(text).replace(/[*_~`]/g, `${ZWSP}$&${ZWSP}`) : text;
}

// White space at either end of a text: the rare case bold() must split off.
const EDGE_SPACE_RE = /^\s|\s$/;

/** Bold text rendered literally; surrounding whitespace stays outside the markers so Slack pairs them. */
export function bold(text: string): string {
  // Matched words rarely have white space at their ends: one test spares the split of the general case.
  if (text !== "" && !EDGE_SPACE_RE.test(text)) return `*${literal(text)}*`;
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  const [, lead = "", core = "", trail = ""] = match;
  return core ? `${lead}*${literal(core)}*${trail}` : text;
}

// With the u flag a surrogate pair is one code point, so this matches only halves standing alone.
const LONE_SURROGATES = /\p{Surrogate}/gu;

/** String.prototype.isWellFormed (ES2024, in Node 20; not in this project's ES2023 typings). */
const isWellFormed = (text: string): boolean =>
  (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/**
 * `value` with every lone surrogate in its strings replaced by U+FFFD: such a string has no UTF-8
 * form, and the Web API client's encoder would mangle it or throw. Returns `value` itself when it
 * holds none (the usual case: no copy). Every reply goes through here: the native isWellFormed and a
 * for-in walk (no entry arrays) keep it cheap (docs/performance.md).
 */
export function wellFormed<T>(value: T): T {
  if (typeof value === "string") {
    return (isWellFormed(value) ? value : value.replace(LONE_SURROGATES, "\uFFFD")) as T;
  }
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const fixed = wellFormed(value[i]);
      if (fixed === value[i]) continue;
      out ??= [...value];
      out[i] = fixed;
    }
    return (out ?? value) as T;
  }
  const record = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const item = record[key];
    const fixed = wellFormed(item);
    if (fixed === item) continue;
    out ??= { ...record };
    out[key] = fixed;
  }
  return (out ?? value) as T;
}

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/** Cuts to `max` units including a trailing "…" when anything was removed. */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${cut(text, max - 1).trimEnd()}…`;
}

/**
 * Slack-formatted message text (as events and commands deliver it) → the plain question a person typed.
 * Mentions, broadcasts and links become readable words; entities are decoded. Rendering escapes again.
 */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_all, inner: string) => {
      const [target = "", label] = inner.split("|", 2);
      if (target.startsWith("@")) return label ? `@${label}` : target;
      if (target.startsWith("#")) return label ? `#${label}` : target;
      if (target.startsWith("!subteam^")) return label ?? "@group";
      if (target.startsWith("!")) return label ?? `@${target.slice(1).split("^")[0]}`;
      return label ?? target;
    })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Removes mentions of the bot itself (`<@UBOT>` or `<@UBOT|name>`) from message text. */
export function stripBotMention(text: string, botUserId: string): string {
  const id = botUserId.replace(/[^A-Za-z0-9]/g, "");
  return id ? text.replace(new RegExp(`<@${id}(\\|[^>]*)?>`, "g"), " ").trim() : text.trim();
}
