/**
 * Small helpers shared by the reliability tests: a process-wide unhandled-rejection trap and a
 * "settle" marker that proves every request sent before it has been handled.
 */
import { afterEach, beforeEach, expect } from "vitest";
import type { SlackAppHarness } from "../support/slack-app-harness.js";
import { dmEvent } from "../support/slack-signer.js";

/** Records every unhandled rejection and uncaught exception of this worker until `stop()`. */
export function trapUnhandled(): { errors: unknown[]; stop(): void } {
  const errors: unknown[] = [];
  const onError = (error: unknown) => errors.push(error);
  process.on("unhandledRejection", onError);
  process.on("uncaughtException", onError);
  return {
    errors,
    stop() {
      process.off("unhandledRejection", onError);
      process.off("uncaughtException", onError);
    },
  };
}

/**
 * Traps unhandled rejections around each test of the file and fails the test that caused any.
 * After-hooks run in reverse order of registration, so call this before a file's own `afterEach`
 * for the trap to see what that hook still settles.
 */
export function useUnhandledTrap(): void {
  let trap: ReturnType<typeof trapUnhandled>;
  beforeEach(() => {
    trap = trapUnhandled();
  });
  afterEach(() => {
    trap.stop();
    expect(trap.errors).toEqual([]);
  });
}

/** The question the settle marker asks (tests that count asks leave it out). */
export const SETTLE_QUESTION = "settle marker";

let markers = 0;

/**
 * Sends a plain DM to a fresh channel and waits for its answer: requests are handled in order of
 * arrival, so anything sent before the marker that was going to post has posted by then.
 */
export async function settle(h: SlackAppHarness): Promise<void> {
  markers += 1;
  const channel = `D0SETTLE${markers}`;
  await h.send.event(dmEvent(SETTLE_QUESTION, { channel }));
  await h.standIn.waitFor((calls) =>
    calls.some((c) => c.method === "chat.postMessage" && c.args.channel === channel),
  );
  await h.app.idle();
}

/** Web API and response_url calls other than the settle markers' posts. */
export function effects(h: SlackAppHarness): string[] {
  return h.standIn.calls
    .filter((c) => !(c.method === "chat.postMessage" && String(c.args.channel).startsWith("D0SETTLE")))
    .filter((c) => c.method !== "auth.test")
    .map((c) => `${c.method}:${String(c.args.channel ?? c.responseId ?? "")}`);
}

/**
 * Resolves with the first log line matching `predicate`. Bolt reports a handler's error to
 * app.error after the handler has settled, so the line can trail `idle()` by a tick.
 */
export async function waitForLog(
  h: SlackAppHarness,
  predicate: (line: Record<string, unknown>) => boolean,
  timeoutMs = 3000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = h.logs.find(predicate);
    if (line) return line;
    if (Date.now() > deadline) {
      throw new Error(`no such log line; last lines: ${JSON.stringify(h.logs.slice(-5).map((l) => l.msg))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
