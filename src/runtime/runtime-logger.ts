/**
 * What the runtime logs through: pino's call shape (fields object, then message), so the app's
 * logger fits as is and tests can pass a recorder.
 */
export interface RuntimeLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** A logger that drops everything (the default). */
export const silentLogger: RuntimeLogger = { info() {}, warn() {}, error() {} };
