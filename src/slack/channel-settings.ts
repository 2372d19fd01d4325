/**
 * A channel's desk settings: what `/ask settings …` reads and writes, and what every surface in the
 * channel applies. Pure: the document as kept in the store, the command's words, the sentences shown.
 */
import type { AskFilters } from "../answer/index.js";
import { literal, shorten } from "./mrkdwn.js";

export type RepliesMode = "thread" | "ephemeral";
export type FollowUpsMode = "mentions" | "all";

export interface ChannelSettings {
  /** The channel's scope (publications, sections, bylines); a question's own filters narrow within it. */
  scope?: Pick<AskFilters, "publications" | "sections" | "bylines">;
  /** Mentions answered in their thread (default) or privately to the asker. */
  replies?: RepliesMode;
  /** Only mentions are answered (default), or every reply in a thread Newsdesk answered in. */
  followUps?: FollowUpsMode;
  /** The research desk's channel id: low-confidence and not-found answers offer to ask it. */
  desk?: string;
  /** The channel's name when the settings were last changed, for the footer ("#politics scope: …"). */
  channelName?: string;
}

/** A change typed after `/ask settings`: each key given replaces that setting; `null` clears it. */
export interface SettingsChange {
  publications?: string[] | null;
  sections?: string[] | null;
  bylines?: string[] | null;
  replies?: RepliesMode | null;
  followUps?: FollowUpsMode | null;
  desk?: string | null;
}

export type SettingsCommand =
  | { kind: "show" }
  | { kind: "reset" }
  | { kind: "change"; change: SettingsChange }
  | { kind: "problem"; sentence: string };

/** Longest value of one setting, and most values of one key: a scope is a few names, not a page. */
export const MAX_SETTING_VALUE_CHARS = 80;
export const MAX_SETTING_VALUES = 10;

const SCOPE_KEYS = { from: "publications", section: "sections", byline: "bylines" } as const;
const USAGE =
  "write from:, section:, byline:, replies:thread or replies:ephemeral, follow-ups:mentions or follow-ups:all, desk:#channel (none clears one), or reset";
const TOKEN = /^([a-z-]+):(?:"([^"]*)"|(\S*))/i;
/**
 * Line breaks, other control characters and direction overrides: a quoted value may hold them, and
 * shown in `/ask settings` or a footer they would forge a line of their own or turn the rest around.
 */
const UNSAFE_VALUE = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** A channel as Slack escapes it in command text (`<#C123|name>` or `<#C123>`), or a bare channel id. */
const CHANNEL_REF = /^(?:<#([CG][A-Z0-9]{2,})(?:\|[^>]*)?>|([CG][A-Z0-9]{2,}))$/;

/** True when `text` (after `/ask `) asks for the settings: "settings" alone or followed by words. */
export function isSettingsCommand(text: string): boolean {
  return /^settings(\s|$)/i.test(text.trim());
}

/**
 * Reads the words after `/ask settings`. `raw` is the command text as Slack sent it (channel references
 * escaped), `plain` the same made plain (mentions and entities read as words): values come from `plain`,
 * so a value can never carry a live mention; only `desk:` reads the escaped channel id.
 */
export function parseSettingsCommand(raw: string, plain: string): SettingsCommand {
  const words = plain
    .trim()
    .replace(/^settings/i, "")
    .trim();
  if (words === "") return { kind: "show" };
  if (/^reset$/i.test(words)) return { kind: "reset" };
  const rawWords = raw
    .trim()
    .replace(/^settings/i, "")
    .trim();
  const change: SettingsChange = {};
  let rest = words;
  while (rest !== "") {
    const match = TOKEN.exec(rest);
    if (!match) {
      const word = shorten(rest.split(/\s+/, 1)[0]!, 40);
      return problem(`"${word}" is not a setting; ${USAGE}.`);
    }
    rest = rest.slice(match[0].length).trim();
    const key = match[1]!.toLowerCase();
    const value = (match[2] ?? match[3] ?? "").trim();
    const trouble = applyToken(change, key, value, rawWords);
    if (trouble) return problem(trouble);
  }
  return { kind: "change", change };
}

function problem(sentence: string): SettingsCommand {
  return { kind: "problem", sentence };
}

/** Adds one `key:value` to `change`; a sentence when it cannot. */
function applyToken(
  change: SettingsChange,
  key: string,
  value: string,
  rawWords: string,
): string | undefined {
  if (value === "") return `${key}: needs a value; for example ${key}:${exampleOf(key)}.`;
  const clear = /^none$/i.test(value);
  if (key in SCOPE_KEYS) {
    const field = SCOPE_KEYS[key as keyof typeof SCOPE_KEYS];
    if (clear) {
      change[field] = null;
      return undefined;
    }
    if (UNSAFE_VALUE.test(value))
      return `A ${key}: value may not contain line breaks or control characters; write it on one line.`;
    if (value.length > MAX_SETTING_VALUE_CHARS)
      return `A ${key}: value may have at most ${MAX_SETTING_VALUE_CHARS} characters; shorten it.`;
    const values = [...(change[field] ?? []), value];
    if (values.length > MAX_SETTING_VALUES)
      return `A channel's scope may name at most ${MAX_SETTING_VALUES} values of ${key}:; keep the main ones.`;
    change[field] = values;
    return undefined;
  }
  if (key === "replies") {
    if (clear) change.replies = null;
    else if (/^(thread|ephemeral)$/i.test(value)) change.replies = value.toLowerCase() as RepliesMode;
    else
      return `replies: is thread (answers in the thread, the default) or ephemeral (only the asker sees them).`;
    return undefined;
  }
  if (key === "follow-ups" || key === "followups") {
    if (clear) change.followUps = null;
    else if (/^(mentions|all)$/i.test(value)) change.followUps = value.toLowerCase() as FollowUpsMode;
    else
      return `follow-ups: is mentions (only messages that mention me, the default) or all (every reply in a thread I answered in).`;
    return undefined;
  }
  if (key === "desk") {
    if (clear) {
      change.desk = null;
      return undefined;
    }
    const id = deskChannelOf(rawWords);
    if (!id)
      return "desk: needs a channel Slack links: type desk:# and pick the channel from the list (or give its id, C…).";
    change.desk = id;
    return undefined;
  }
  if (key === "after" || key === "before")
    return `${key}: is a filter of questions, not of a channel; ask with it instead (/ask … ${key}:2024).`;
  return `"${shorten(key, 30)}:" is not a setting; ${USAGE}.`;
}

function exampleOf(key: string): string {
  if (key === "replies") return "thread";
  if (key === "follow-ups") return "all";
  if (key === "desk") return "#research";
  if (key === "byline") return '"Ann Lee"';
  return "Politics";
}

/** The channel id of the raw text's `desk:` token, if it names one. */
function deskChannelOf(rawWords: string): string | undefined {
  const token = /(?:^|\s)desk:(\S+)/i.exec(rawWords)?.[1];
  const match = token ? CHANNEL_REF.exec(token) : null;
  return match ? (match[1] ?? match[2]) : undefined;
}

/** `current` with `change` applied: keys given replace, `null` clears. */
export function applySettingsChange(
  current: ChannelSettings,
  change: SettingsChange,
  channelName?: string,
): ChannelSettings {
  const scope: NonNullable<ChannelSettings["scope"]> = { ...current.scope };
  for (const field of ["publications", "sections", "bylines"] as const) {
    const value = change[field];
    if (value === null) delete scope[field];
    else if (value !== undefined) scope[field] = value;
  }
  const next: ChannelSettings = {};
  if (Object.keys(scope).length > 0) next.scope = scope;
  const pick = <K extends "replies" | "followUps" | "desk">(key: K) => {
    const value = change[key] === undefined ? current[key] : change[key];
    if (value !== null && value !== undefined) next[key] = value as ChannelSettings[K];
  };
  pick("replies");
  pick("followUps");
  pick("desk");
  const name = channelName ?? current.channelName;
  if (name) next.channelName = name;
  return next;
}

const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === "string") && value.length > 0
    ? (value as string[]).slice(0, MAX_SETTING_VALUES)
    : undefined;

/**
 * The settings in a stored document, each field checked: a document written by an older or newer
 * version, or edited by hand, gives the fields it has right and nothing else.
 */
export function readSettings(document: unknown): ChannelSettings {
  if (!document || typeof document !== "object" || Array.isArray(document)) return {};
  const doc = document as Record<string, unknown>;
  const settings: ChannelSettings = {};
  const scopeDoc = (doc.scope && typeof doc.scope === "object" ? doc.scope : {}) as Record<string, unknown>;
  const scope: NonNullable<ChannelSettings["scope"]> = {};
  for (const field of ["publications", "sections", "bylines"] as const) {
    const values = strings(scopeDoc[field]);
    if (values) scope[field] = values;
  }
  if (Object.keys(scope).length > 0) settings.scope = scope;
  if (doc.replies === "thread" || doc.replies === "ephemeral") settings.replies = doc.replies;
  if (doc.followUps === "mentions" || doc.followUps === "all") settings.followUps = doc.followUps;
  if (typeof doc.desk === "string" && /^[CG][A-Z0-9]{2,}$/.test(doc.desk)) settings.desk = doc.desk;
  if (typeof doc.channelName === "string" && doc.channelName !== "") settings.channelName = doc.channelName;
  return settings;
}

/** The scope in plain words: "section Politics · byline Ann Lee", or undefined when there is none. */
export function scopeText(settings: ChannelSettings): string | undefined {
  const scope = settings.scope;
  if (!scope) return undefined;
  const parts: string[] = [];
  if (scope.publications?.length) parts.push(`from ${scope.publications.join(" or ")}`);
  if (scope.sections?.length) parts.push(`section ${scope.sections.join(" or ")}`);
  if (scope.bylines?.length) parts.push(`byline ${scope.bylines.join(" or ")}`);
  return parts.length > 0 ? parts.join(" · ") : undefined;
}

/** The footer of a scoped reply, as safe mrkdwn: "#politics scope: section Politics — `/ask settings`". */
export function scopeFooter(settings: ChannelSettings, command = "/ask"): string | undefined {
  const text = scopeText(settings);
  if (!text) return undefined;
  const label = settings.channelName ? `#${settings.channelName}` : "This channel's";
  return `${literal(shorten(`${label} scope: ${text}`, 600))} — \`${literal(command)} settings\``;
}

/**
 * The footer of an assistant-thread reply scoped by the channel its user views, as safe mrkdwn:
 * "Scope of the channel you are viewing, <#C…>: section Politics — `/ask settings` there".
 */
export function viewedScopeFooter(settings: ChannelSettings, channel: string): string | undefined {
  const text = scopeText(settings);
  if (!text) return undefined;
  // A channel link renders the channel's name and pings nobody; an id of another shape is not linked.
  const where = /^[CG][A-Z0-9]{2,}$/.test(channel) ? `, <#${channel}>` : "";
  return `Scope of the channel you are viewing${where}: ${literal(shorten(text, 600))} — \`/ask settings\` there`;
}

/** The settings as a few lines of safe mrkdwn, for `/ask settings`. */
export function describeSettings(
  settings: ChannelSettings,
  context: { defaultDesk?: string; whoMayChange: string; command?: string },
): string {
  const command = literal(context.command ?? "/ask");
  const scope = scopeText(settings);
  const desk = settings.desk ?? context.defaultDesk;
  const deskLine = desk
    ? `<#${desk}>${settings.desk ? "" : " (the default)"} — low-confidence and not-found answers offer *Ask the research desk*`
    : "none — set one with desk:#channel to offer *Ask the research desk*";
  return [
    "*This channel's Newsdesk settings*",
    `• Scope: ${scope ? literal(shorten(scope, 800)) : "the whole archive"}`,
    `• Replies to mentions: ${settings.replies === "ephemeral" ? "only the asker sees them" : "in the thread, for everyone (default)"}`,
    `• Follow-ups: ${settings.followUps === "all" ? "every reply in a thread I answered in" : "only messages that mention me (default)"}`,
    `• Research desk: ${deskLine}`,
    `• Who may change them: ${context.whoMayChange}`,
    `Change with \`${command} settings section:Politics byline:"Ann Lee" replies:ephemeral follow-ups:all desk:#research\` (none clears one); \`${command} settings reset\` clears them all.`,
  ].join("\n");
}

/** What a change did, as one plain sentence. */
export function changedSentence(change: SettingsChange): string {
  const names: Record<keyof SettingsChange, string> = {
    publications: "from",
    sections: "section",
    bylines: "byline",
    replies: "replies",
    followUps: "follow-ups",
    desk: "desk",
  };
  const keys = (Object.keys(change) as Array<keyof SettingsChange>).map((k) => names[k]);
  return `Updated ${keys.join(", ")} for this channel.`;
}
