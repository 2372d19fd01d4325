/**
 * One Slack app harness for a whole test file: started before the first test, stopped after the
 * last, with the stand-in's recorded calls (and any lists named in `clearEach`) emptied before each
 * test so every test sees only what it caused.
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type HarnessOptions, type SlackAppHarness, startSlackAppHarness } from "./slack-app-harness.js";

export interface UseHarnessOptions {
  /** Lists emptied before each test besides the stand-in's calls (e.g. a fake ask's `calls`). Default none. */
  clearEach?: unknown[][];
  /** Also empty the captured log lines before each test. Default false. */
  clearLogs?: boolean;
}

/**
 * Registers the file's hooks and returns the harness. The object is filled in by `beforeAll`, so
 * read its fields inside tests and hooks, not at module level. `options` may be a function for
 * set-up that has to wait (loading a corpus).
 */
export function useSlackAppHarness(
  options: HarnessOptions | (() => Promise<HarnessOptions>),
  each: UseHarnessOptions = {},
): SlackAppHarness {
  const h = {} as SlackAppHarness;
  beforeAll(async () => {
    Object.assign(h, await startSlackAppHarness(typeof options === "function" ? await options() : options));
  });
  afterAll(async () => {
    await h.stop?.();
  });
  beforeEach(() => {
    h.standIn.calls.length = 0;
    for (const list of each.clearEach ?? []) list.length = 0;
    if (each.clearLogs) h.logs.length = 0;
  });
  return h;
}
