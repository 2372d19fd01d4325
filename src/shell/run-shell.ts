import { createInterface } from "node:readline";
import type { ShellOptions } from "./shell-options.js";
import { ShellSession } from "./shell-session.js";

export type { ShellCommand, ShellOptions } from "./shell-options.js";

const PROMPT = "newsdesk> ";

/**
 * A local stand-in for the Slack app, in the manner of Hubot's shell adapter: a person types
 * questions and sees what the Slack reply would say. When standard input is not a terminal it
 * answers each line in order and ends at end of input, so scripts can pipe questions in.
 * Resolves when the shell ends (`\q`, Ctrl-D or end of input).
 */
export function runShell(options: ShellOptions): Promise<void> {
  const interactive = options.interactive ?? Boolean((options.input as { isTTY?: boolean }).isTTY);
  const width = options.width ?? ((options.output as { columns?: number }).columns || 100);
  const write = (text: string) => options.output.write(`${text}\n`);
  const session = new ShellSession(options, { interactive, width, write });
  const rl = createInterface({
    input: options.input,
    output: interactive ? options.output : undefined,
    terminal: interactive,
    history: options.history ?? [],
    historySize: 500,
    prompt: PROMPT,
  });
  // Lines are handled one at a time, in order, even when an extra command is async; piped input may
  // already have queued lines after "\q", and they must not be answered.
  const lines = { queue: Promise.resolve(), quitting: false };
  const handle = async (line: string) => {
    if (lines.quitting) return;
    if ((await session.handle(line)) !== "quit") return;
    lines.quitting = true;
    rl.close();
  };
  return new Promise((resolve) => {
    if (interactive) {
      write("Newsdesk local shell — the answers Slack would give. \\? for help, \\q to quit.\n");
      rl.prompt();
    }
    rl.on("line", (line) => {
      lines.queue = lines.queue
        .then(() => handle(line))
        .then(() => {
          if (interactive && !lines.quitting) rl.prompt();
        });
    });
    rl.on("close", () => {
      lines.queue.then(() => {
        options.onHistory?.((rl as unknown as { history: string[] }).history ?? []);
        resolve();
      });
    });
  });
}
