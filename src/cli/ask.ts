import { reportStartupError } from "../report-error.js";
import { runAskCommand } from "./ask-command.js";
import { openConfiguredEngine } from "./open-configured-engine.js";

runAskCommand(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => new Date(),
  open: async (options) => (await openConfiguredEngine(options)).ask,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportStartupError(error);
  },
);
