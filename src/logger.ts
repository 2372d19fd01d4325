import { type DestinationStream, type Logger, pino } from "pino";
import type { LogLevel } from "./config.js";

export type { Logger } from "pino";

/**
 * Paths pino replaces with "[redacted]". Tokens and secrets must never reach a log line,
 * whether logged as config, as request headers or as a Web API call's arguments.
 */
const REDACT_PATHS = [
  "botToken",
  "appToken",
  "signingSecret",
  "clientSecret",
  "stateSecret",
  "refreshToken",
  "token",
  "*.botToken",
  "*.appToken",
  "*.signingSecret",
  "*.clientSecret",
  "*.stateSecret",
  "*.refreshToken",
  "*.token",
  "config.botToken",
  "config.appToken",
  "config.signingSecret",
  "headers.authorization",
  'headers["x-slack-signature"]',
  "req.headers.authorization",
  'req.headers["x-slack-signature"]',
];

/** Redacted keys at the top level of a line (the paths with one segment). */
const TOP_LEVEL_REDACTED = new Set(REDACT_PATHS.filter((p) => !/[.[]/.test(p)));

/** Fields of a line that hold no object: each is a string, number, boolean, null or undefined. */
export type FlatFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

const unredacted = new WeakMap<Logger, Logger>();

/**
 * Logs a line of flat fields at info. Pino runs every field of every line through the wildcard paths
 * (\`*.token\`…) — most of a line's cost, paid on each request's line — yet a path can only change a
 * field that is an object or has a redacted key. So a line with neither goes through a sibling logger
 * without paths (same level, destination, hooks and bindings): the same bytes, for a fraction of the cost.
 * Any other line goes through \`logger\` itself.
 */
export function infoFlat(logger: Logger, fields: FlatFields, msg: string): void {
  for (const key in fields) {
    const value = fields[key];
    if (TOP_LEVEL_REDACTED.has(key) || (typeof value === "object" && value !== null)) {
      logger.info(fields, msg);
      return;
    }
  }
  let plain = unredacted.get(logger);
  if (!plain) {
    plain = logger.child({}, { redact: [] });
    unredacted.set(logger, plain);
  }
  // A child keeps the level it was made with; follow the logger's if it changed since.
  if (plain.level !== logger.level) plain.level = logger.level;
  plain.info(fields, msg);
}

/** Token-shaped strings inside free text (error messages, URLs) are masked too. */
const TOKEN_PATTERN = /\b(xox[abposr]|xapp)-[A-Za-z0-9-]+/g;

function maskTokens(text: string): string {
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
