import { type ErrorCode, NewsdeskError } from "../errors.js";

/** Start-up could not reach Slack or Slack refused the credentials. `message` says what to do. */
export class SlackStartError extends NewsdeskError {
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "SlackStartError";
  }
}
