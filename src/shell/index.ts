// The shell surface's front door: the local question prompt used when no Slack tokens are set.
export { runShell } from "./run-shell.js";
