import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { InstallURLOptions, StateStore } from "@slack/bolt";
import type { OAuthStatesStore } from "../../store/index.js";

/** How long an install may take between /slack/install and Slack's redirect back (Bolt's default). */
export const STATE_TTL_MS = 10 * 60_000;

/** A state the callback does not accept: forged, used already, or too old. */
export class InvalidInstallState extends Error {
  readonly code = "slack_oauth_invalid_state";
  constructor() {
    super("The install's state is unknown, used or expired.");
    this.name = "InvalidInstallState";
  }
}

/**
 * OAuth `state` values kept in the store, so that any replica finishes an install another began and
 * each state is used once (a replayed redirect finds it gone). The value is a random id signed with
 * SLACK_STATE_SECRET: a forged one is refused without a round trip to the store.
 */
export function storeStateStore(
  states: OAuthStatesStore,
  secret: string,
  now: () => number = Date.now,
): StateStore {
  const sign = (id: string) => createHmac("sha256", secret).update(id).digest("base64url");
  return {
    async generateStateParam(installOptions: InstallURLOptions) {
      const id = randomBytes(24).toString("base64url");
      await states.put(id, installOptions, now() + STATE_TTL_MS);
      return `${id}.${sign(id)}`;
    },
    async verifyStateParam(_at: Date, state: string) {
      const [id = "", mac = ""] = state.split(".");
      const expected = Buffer.from(sign(id));
      const given = Buffer.from(mac);
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw new InvalidInstallState();
      const options = await states.take(id, now());
      if (options === undefined) throw new InvalidInstallState();
      return options as InstallURLOptions;
    },
  };
}
