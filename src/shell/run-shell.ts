import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { AnswerOptions, AskFn, ThreadTurn } from "../answer/index.js";
import { renderAnswerText, TIMELINE_PAGE, turnOf } from "../answer/index.js";
import { dayOfInstant, dayString } from "../corpus/index.js";

/** Dependencies and options of the local shell. */
export interface ShellOptions {
  ask: AskFn;
  input: Readable;
  output: Writable;
  /** Interactive terminal: prompt, ANSI bold, help banner. Default: `input.isTTY`. */
  interactive?: boolean;
  /** Extra `\name` commands (e.g. `\status`), each returning the text to print. */
  commands?: Record<string, { help: string; run: () => string | Promise<string> }>;
  /** Lines of earlier sessions, newest first, for the up-arrow history. Default none. */
  history?: string[];
  /** Called with the new history when the shell ends, to persist it. */
  onHistory?: (history: string[]) => void;
  /** Passages per answer. Default 3. */
  limit?: number;
  /** Terminal width for wrapping. Default: the output's columns, or 100. */
  width?: number;
  /** The clock: questions are asked on its UTC day (unless `asOf` is given). */
  now: () => Date;
  /** A fixed day of asking, "YYYY-MM-DD" (e.g. to see what the archive said on a past day). */
  asOf?: string;
}

/** The filters and time words a question may hold (also in Slack's /ask help). */
const FILTER_HELP = [
  "In a question: from:cnn.com (a publication), section:politics, after:2024-01 and before:2024-06-30",
  "(a year, month or day, both ends included) restrict the articles; words such as this week, last",
  "month, yesterday, recently or in 2021 prefer articles of that time. Nothing published after the day",
  "of asking is quoted.",
];

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
  const limit = options.limit ?? 3;
  const commands = options.commands ?? {};
  const write = (text: string) => options.output.write(`${text}\n`);

  const rl = createInterface({
    input: options.input,
    output: interactive ? options.output : undefined,
    terminal: interactive,
    history: options.history ?? [],
    historySize: 500,
    prompt: PROMPT,
  });

  const today = () => options.asOf ?? dayString(dayOfInstant(options.now()));
  const help = () =>
    [
      `Type a question and press Enter. Questions are asked as of ${today()}.`,
      ...FILTER_HELP,
      "Commands:",
      "  \\more     the next passages for the last question (or lines of the last timeline)",
      "  \\new      start a new conversation (until then, each question follows up the ones before)",
      "  \\timeline WORDS  the story's coverage, oldest first (no words: the last question's story)",
      ...Object.entries(commands).map(([name, c]) => `  \\${name.padEnd(8)} ${c.help}`),
      "  \\?        this help",
      "  \\q        quit",
    ].join("\n");

  let last:
    | {
        question: string;
        asked: string;
        offset: number;
        hasMore: boolean;
        timeline: boolean;
        turns: ThreadTurn[];
      }
    | undefined;
  // The conversation: each question after the first is read as a follow-up of these, until \new.
  const conversation: { turns: ThreadTurn[] } = { turns: [] };
  // A day given with --as-of is chosen, not the clock's: undated articles are left out (and counted).
  const dated: AnswerOptions = options.asOf ? { datedOnly: true } : {};
  const answer = (
    question: string,
    answerOptions: AnswerOptions & { asked: string },
    turns: ThreadTurn[] = conversation.turns,
  ) => {
    try {
      const timeline = answerOptions.timeline === true;
      // A timeline names its story itself: it is not read as a follow-up, nor joins the conversation.
      const thread = !timeline && turns.length > 0 ? { thread: { turns: [...turns] } } : {};
      // A timeline pages by its own length (15 lines), a question by the shell's passages per answer.
      const result = options.ask(question, {
        ...dated,
        ...answerOptions,
        ...thread,
        limit: timeline ? TIMELINE_PAGE : limit,
      });
      write(
        renderAnswerText(result, {
          ansi: interactive,
          width: interactive ? width : 0,
          moreHint: interactive ? "(More passages: \\more)" : undefined,
        }),
      );
      last = {
        question,
        asked: answerOptions.asked,
        offset: (answerOptions.offset ?? 0) + (result.timeline?.entries.length ?? result.passages.length),
        hasMore: result.hasMore,
        timeline,
        turns,
      };
      // A first page joins the conversation; \more's later pages do not.
      if (!answerOptions.offset && !timeline) conversation.turns = [...turns, turnOf(result)].slice(-10);
    } catch (error) {
      // The engine never should throw; if it does, the shell says so and keeps going.
      write(`Sorry, that question could not be answered (${(error as Error).message}).`);
    }
  };

  // Lines are handled one at a time, in order, even when an extra command is async.
  let queue = Promise.resolve();
  // Piped input may already have queued lines after "\q"; they must not be answered.
  let quitting = false;
  const handle = async (line: string) => {
    const text = line.trim();
    if (text === "" || quitting) return;
    if (text === "\\q" || text === "\\quit") {
      quitting = true;
      rl.close();
      return;
    }
    if (text === "\\?" || text === "\\help") {
      write(help());
    } else if (text === "\\more") {
      if (!last) write("Ask a question first.");
      else if (!last.hasMore) write("No more passages for that question.");
      else
        answer(
          last.question,
          { offset: last.offset, asked: last.asked, timeline: last.timeline },
          last.turns,
        );
    } else if (text === "\\new") {
      conversation.turns = [];
      write("New conversation: the next question stands on its own.");
    } else if (/^\\timeline(\s|$)/.test(text)) {
      const words = text.slice("\\timeline".length).trim() || last?.question;
      if (!words) write("Name the story: \\timeline Massimov trial (or ask a question first).");
      else answer(words, { offset: 0, asked: today(), timeline: true });
    } else if (text.startsWith("\\")) {
      const command = commands[text.slice(1)];
      write(command ? await command.run() : `Unknown command ${text}. Type \\? for help.`);
    } else {
      answer(text, { offset: 0, asked: today() });
    }
    // A blank line between answers, in a terminal and in piped output alike.
    write("");
  };

  return new Promise((resolve) => {
    if (interactive) {
      write("Newsdesk local shell — the answers Slack would give. \\? for help, \\q to quit.\n");
      rl.prompt();
    }
    rl.on("line", (line) => {
      queue = queue
        .then(() => handle(line))
        .then(() => {
          if (interactive && !quitting) rl.prompt();
        });
    });
    rl.on("close", () => {
      queue.then(() => {
        options.onHistory?.((rl as unknown as { history: string[] }).history ?? []);
        resolve();
      });
    });
  });
}
