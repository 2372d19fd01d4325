import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../logger.js";

function toBolt(level: string): LogLevel {
  if (level === "trace" || level === "debug") return LogLevel.DEBUG;
  if (level === "info") return LogLevel.INFO;
  if (level === "warn") return LogLevel.WARN;
  return LogLevel.ERROR;
}

/**
 * Bolt, its Web API client and the Socket Mode client log through this, so their lines are JSON
 * too and pass through the same redaction. Bolt's `setLevel` is ignored: LOG_LEVEL decides.
 */
export function createBoltLogger(logger: Logger, name = "bolt"): BoltLogger {
  let child = logger.child({ component: name });
  const write =
    (level: "debug" | "info" | "warn" | "error") =>
    (...msg: unknown[]) => {
      child[level](
        msg
          .map((m) => (m instanceof Error ? m.message : typeof m === "string" ? m : JSON.stringify(m)))
          .join(" "),
      );
    };
  return {
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    setLevel: () => {},
    getLevel: () => toBolt(logger.level),
    setName: (next: string) => {
      child = logger.child({ component: next });
    },
  };
}
