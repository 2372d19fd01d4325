import type { ErrorCode } from "./error-codes.js";

export { ERROR_CODES, type ErrorCode, type ErrorCodeEntry, isErrorCode } from "./error-codes.js";

/**
 * Base error of the project. `code` is stable, from the catalogue `ERROR_CODES` (tests and logs match on it);
 * `message` is one plain sentence a person can act on; `cause` keeps the detail.
 */
export class NewsdeskError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = "NewsdeskError";
  }
}

/** A corpus file that cannot be loaded: names the file, the line (for JSONL) and the field. */
export class CorpusError extends NewsdeskError {
  readonly file: string;
  readonly line?: number;
  readonly field?: string;

  constructor(
    code: ErrorCode,
    message: string,
    where: { file: string; line?: number; field?: string },
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = "CorpusError";
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
  }
}

/**
 * Several corpus files that cannot be loaded, reported together so an editor fixes them in one pass
 * instead of discovering them one reload at a time. `file`, `line` and `field` are the first one's.
 */
export class CorpusErrorList extends CorpusError {
  readonly errors: readonly CorpusError[];

  constructor(errors: readonly CorpusError[]) {
    const first = errors[0]!;
    const lines = errors.map((error) => `- ${error.message}`).join("\n");
    super(
      "corpus_errors",
      `${errors.length} corpus problems; each file must be fixed before the corpus loads:\n${lines}`,
      { file: first.file, line: first.line, field: first.field },
      { cause: first },
    );
    this.name = "CorpusErrorList";
    this.errors = errors;
  }
}

/** A bad environment: names the variable and how to fix it. */
export class ConfigError extends NewsdeskError {
  readonly variable: string;

  constructor(variable: string, message: string, options?: { cause?: unknown }) {
    super("config_invalid", message, options);
    this.name = "ConfigError";
    this.variable = variable;
  }
}
