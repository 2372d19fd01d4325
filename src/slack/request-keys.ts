import type { App } from "@slack/bolt";
import type { SlackDeps } from "./slack-deps.js";

/** The workspace a request came from. */
export function teamOf(body: unknown): string | undefined {
  const b = (body ?? {}) as { team_id?: unknown; team?: { id?: unknown } };
  const team = b.team_id ?? b.team?.id;
  return typeof team === "string" ? team : undefined;
}

/** Slack's id of a request: event_id for events, trigger_id for commands and interactions. */
export function requestIdOf(body: unknown): string | undefined {
  const b = (body ?? {}) as { event_id?: unknown; trigger_id?: unknown };
  const id = b.event_id ?? b.trigger_id;
  return typeof id === "string" ? id : undefined;
}

/**
 * The key that makes a delivery the same request as another: Slack redelivers events it believes were
 * lost (X-Slack-Retry-Num, retry_attempt), and a captured signed request can be replayed within the
 * signature's five minutes. Commands carry a trigger_id per invocation, clicks an action_ts.
 */
export function replayKeyOf(body: unknown): string | undefined {
  const b = (body ?? {}) as {
    event_id?: unknown;
    command?: unknown;
    trigger_id?: unknown;
    type?: unknown;
    actions?: unknown;
    user?: { id?: unknown };
  };
  if (typeof b.event_id === "string") return `event:${b.event_id}`;
  if (typeof b.command === "string" && typeof b.trigger_id === "string") {
    return `command:${b.trigger_id}`;
  }
  if (b.type === "message_action" && typeof b.trigger_id === "string") return `shortcut:${b.trigger_id}`;
  if (b.type === "block_actions" && Array.isArray(b.actions)) {
    const action = (b.actions[0] ?? {}) as { action_id?: unknown; action_ts?: unknown };
    if (typeof action.action_id !== "string" || typeof action.action_ts !== "string") return undefined;
    const trigger = typeof b.trigger_id === "string" ? b.trigger_id : "";
    return `action:${action.action_id}:${action.action_ts}:${trigger}`;
  }
  return undefined;
}

/** Answers each event, command and click once: a repeat is acknowledged (empty) and logged, not answered. */
export function registerDedupe(app: App, deps: SlackDeps): void {
  app.use(async (args) => {
    const { body, next, context } = args;
    const key = replayKeyOf(body);
    if (key !== undefined && !context.workId && !(await deps.claims.claim(key))) {
      // Events are acked by Bolt before middleware; a command or click must be, or Slack shows an error.
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      deps.logger.info(
        { requestId: requestIdOf(body), retryNum: context.retryNum, outcome: "duplicate" },
        key.startsWith("event:") ? "slack event ignored" : "slack request ignored",
      );
      return;
    }
    await next();
  });
}
