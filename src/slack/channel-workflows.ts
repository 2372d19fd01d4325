/**
 * Channel settings as the surfaces use them: read from the store (the last value read stands in while it
 * is unreachable), changed without undoing a change made at the same moment, and guarded by who may
 * change them (SETTINGS_USERS, SETTINGS_USERGROUP).
 */
import type { webApi } from "@slack/bolt";
import type { Logger } from "../logger.js";
import type { Store } from "../store/index.js";
import {
  applySettingsChange,
  type ChannelSettings,
  readSettings,
  type SettingsChange,
} from "./channel-settings.js";

/** Tries of a change before giving up when other changes keep coming first (each is one statement). */
const CHANGE_ATTEMPTS = 8;
/** What an error code of the Web API looks like (missing_scope, ratelimited). */
const ERROR_CODE = /^[a-z0-9_.]{1,80}$/;
/** A user group's members are asked of Slack at most this often, ms. */
const USERGROUP_TTL_MS = 60_000;

export interface SettingsEditors {
  users: readonly string[];
  usergroup?: string;
}

export type ChangeOutcome = { ok: true; settings: ChannelSettings } | { ok: false; sentence: string };

export interface ChannelWorkflows {
  /** The channel's settings; {} without a store. */
  settingsOf(team: string, channel: string): Promise<ChannelSettings>;
  /** Applies `change` (or clears every setting: "reset") on the latest settings. */
  change(
    team: string,
    channel: string,
    change: SettingsChange | "reset",
    channelName: string | undefined,
  ): Promise<ChangeOutcome>;
  /** Undefined when `user` may change settings; else the sentence of refusal, which says who can. */
  refusal(client: webApi.WebClient, user: string): Promise<string | undefined>;
  /** Who may change settings, as safe mrkdwn. */
  whoMayChange(): string;
  /** The research desk of channels that set none (RESEARCH_DESK_CHANNEL). */
  defaultDesk?: string;
}

export interface WorkflowOptions {
  store?: Store;
  logger: Logger;
  editors: SettingsEditors;
  defaultDesk?: string;
  now: () => Date;
}

export function createChannelWorkflows(options: WorkflowOptions): ChannelWorkflows {
  return new StoredChannelWorkflows(options);
}

const key = (team: string, channel: string) => `${team}\u0000${channel}`;

/** The settings in the store, the last read of each channel kept for when the store cannot be reached. */
class StoredChannelWorkflows implements ChannelWorkflows {
  readonly defaultDesk: string | undefined;
  // The last settings read per channel: what answers use while the store cannot be reached.
  private readonly lastKnown = new Map<string, ChannelSettings>();
  private readonly group = { members: new Set<string>(), fetchedAt: Number.NEGATIVE_INFINITY };

  constructor(private readonly options: WorkflowOptions) {
    this.defaultDesk = options.defaultDesk;
  }

  whoMayChange(): string {
    const { editors } = this.options;
    const parts = editors.users.map((u) => `<@${u}>`);
    if (editors.usergroup)
      parts.push(`members of the user group set in SETTINGS_USERGROUP (${editors.usergroup})`);
    return parts.length === 0 ? "anyone in the channel" : parts.join(", ");
  }

  async settingsOf(team: string, channel: string): Promise<ChannelSettings> {
    const { store, logger } = this.options;
    if (!store) return {};
    try {
      const settings = readSettings(await store.settings.get(team, channel));
      this.lastKnown.set(key(team, channel), settings);
      return settings;
    } catch (error) {
      logger.warn(
        { err: error, code: "store_unreachable", channel },
        "Channel settings could not be read; answering with the last settings known.",
      );
      return this.lastKnown.get(key(team, channel)) ?? {};
    }
  }

  async change(
    team: string,
    channel: string,
    change: SettingsChange | "reset",
    channelName: string | undefined,
  ): Promise<ChangeOutcome> {
    const { store, logger } = this.options;
    if (!store)
      return { ok: false, sentence: "Channel settings need the store, which this app was started without." };
    try {
      // Each try reads the latest settings and replaces them only if no other change came first.
      for (let attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
        const current = await store.settings.read(team, channel);
        const next =
          change === "reset"
            ? applySettingsChange({}, {}, channelName)
            : applySettingsChange(readSettings(current?.settings), change, channelName);
        const now = this.options.now().getTime();
        if (await store.settings.replace(team, channel, next, current?.revision ?? 0, now)) {
          this.lastKnown.set(key(team, channel), next);
          return { ok: true, settings: next };
        }
      }
      return {
        ok: false,
        sentence: "The settings kept changing under me (others are changing them too); please try again.",
      };
    } catch (error) {
      logger.warn(
        { err: error, code: "store_unreachable", channel },
        "Channel settings could not be changed.",
      );
      return {
        ok: false,
        sentence:
          "The settings could not be saved because the store is unreachable; please try again in a moment.",
      };
    }
  }

  async refusal(client: webApi.WebClient, user: string): Promise<string | undefined> {
    const { editors, logger } = this.options;
    if (editors.users.length === 0 && !editors.usergroup) return undefined;
    if (editors.users.includes(user)) return undefined;
    if (editors.usergroup) {
      try {
        if ((await this.groupMembers(client, editors.usergroup)).has(user)) return undefined;
      } catch (error) {
        const slackError = (error as { data?: { error?: string } }).data?.error;
        logger.warn({ err: error, slackError }, "The settings user group could not be read.");
        // Slack's error code goes into a reply of mrkdwn: only as a code (missing_scope), never other text.
        const why =
          slackError === undefined
            ? "Slack did not answer"
            : ERROR_CODE.test(slackError)
              ? slackError
              : "Slack's answer could not be read";
        return `I could not check the user group in SETTINGS_USERGROUP (${why}); please try again in a moment.`;
      }
    }
    return `Only ${this.whoMayChange()} may change this channel's settings; ask one of them.`;
  }

  /** The user group's members, asked of Slack at most once per USERGROUP_TTL_MS. */
  private async groupMembers(client: webApi.WebClient, usergroup: string): Promise<Set<string>> {
    const now = this.options.now().getTime();
    if (now - this.group.fetchedAt < USERGROUP_TTL_MS) return this.group.members;
    const result = await client.usergroups.users.list({ usergroup });
    this.group.members = new Set(result.users ?? []);
    this.group.fetchedAt = now;
    return this.group.members;
  }
}
