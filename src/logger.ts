import { type DestinationStream, type Logger, pino } from "pino";
import type { LogLevel } from "./config.js";

export type { Logger } from "pino";

/**
 * Paths pino replaces with "[redacted]". Tokens and secrets must never reach a log line,
 * whether logged as config, as request headers or as a Web API call's arguments.
 */
export const REDACT_PATHS = [
  "botToken",
  "appToken",
  "signingSecret",
  "token",
  "*.botToken",
  "*.appToken",
  "*.signingSecret",
  "*.token",
  "config.botToken",
  "config.appToken",
  "config.signingSecret",
  "headers.authorization",
  'headers["x-slack-signature"]',
  "req.headers.authorization",
  'req.headers["x-slack-signature"]',
];

/** Token-shaped strings inside free text (error messages, URLs) are masked too. */
const TOKEN_PATTERN = /\b(xox[abposr]|xapp)-[A-Za-z0-9-]+/g;

export function maskTokens(text: string): string {
  return text.replace(TOKEN_PATTERN, "$1-[redacted]");
}

export interface LoggerOptions {
  /** Minimum level (default "info"). */
  level?: LogLevel;
  /** Where lines go (default stdout). Tests pass a stream to read the lines back. */
  destination?: DestinationStream;
  /** Static fields on every line (default none). */
  base?: Record<string, unknown>;
}

/** One JSON line per event, with secrets redacted. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: options.base ?? null,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      hooks: {
        // Masks tokens that slip into message strings (e.g. an error text quoting a URL).
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === "string" ? maskTokens(a) : a));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}
