import type { AnswerOptions, ThreadTurn } from "../answer/index.js";
import { renderAnswerText, TIMELINE_PAGE, turnOf } from "../answer/index.js";
import { dayOfInstant, dayString } from "../corpus/index.js";
import type { ShellCommand, ShellOptions } from "./shell-options.js";

/** The filters and time words a question may hold (also in Slack's /ask help). */
const FILTER_HELP = [
  "In a question: from:cnn.com (a publication), section:politics, after:2024-01 and before:2024-06-30",
  "(a year, month or day, both ends included) restrict the articles; words such as this week, last",
  "month, yesterday, recently or in 2021 prefer articles of that time. Nothing published after the day",
  "of asking is quoted.",
];

/** Turns of a conversation kept for the next follow-up (as Slack's thread reader keeps). */
const CONVERSATION_TURNS = 10;

/** The last answer shown: what `\more` pages on. */
interface LastAnswer {
  question: string;
  asked: string;
  offset: number;
  hasMore: boolean;
  timeline: boolean;
  turns: ThreadTurn[];
}

type AskOptions = AnswerOptions & { asked: string };

/**
 * One shell session: the conversation so far and the last answer, and one method per thing a line can
 * be. `handle` takes a line and writes what it prints; it says "quit" when the line ends the session.
 */
export class ShellSession {
  private last: LastAnswer | undefined;
  // Each question after the first is read as a follow-up of these, until \new.
  private turns: ThreadTurn[] = [];
  private readonly limit: number;
  private readonly commands: Record<string, ShellCommand>;
  // A day given with --as-of is chosen, not the clock's: undated articles are left out (and counted).
  private readonly dated: AnswerOptions;

  constructor(
    private readonly options: ShellOptions,
    private readonly view: { interactive: boolean; width: number; write: (text: string) => void },
  ) {
    this.limit = options.limit ?? 3;
    this.commands = options.commands ?? {};
    this.dated = options.asOf ? { datedOnly: true } : {};
  }

  /** Handles one line; "quit" when it ends the session. */
  async handle(line: string): Promise<"quit" | undefined> {
    const text = line.trim();
    if (text === "") return undefined;
    if (text === "\\q" || text === "\\quit") return "quit";
    if (text === "\\?" || text === "\\help") this.view.write(this.help());
    else if (text === "\\more") this.more();
    else if (text === "\\new") this.newConversation();
    else if (/^\\timeline(\s|$)/.test(text)) this.timeline(text.slice("\\timeline".length).trim());
    else if (text.startsWith("\\")) await this.command(text);
    else this.answer(text, { offset: 0, asked: this.today() });
    // A blank line between answers, in a terminal and in piped output alike.
    this.view.write("");
    return undefined;
  }

  help(): string {
    return [
      `Type a question and press Enter. Questions are asked as of ${this.today()}.`,
      ...FILTER_HELP,
      "Commands:",
      "  \\more     the next passages for the last question (or lines of the last timeline)",
      "  \\new      start a new conversation (until then, each question follows up the ones before)",
      "  \\timeline WORDS  the story's coverage, oldest first (no words: the last question's story)",
      ...Object.entries(this.commands).map(([name, c]) => `  \\${name.padEnd(8)} ${c.help}`),
      "  \\?        this help",
      "  \\q        quit",
    ].join("\n");
  }

  private today(): string {
    return this.options.asOf ?? dayString(dayOfInstant(this.options.now()));
  }

  private more(): void {
    const last = this.last;
    if (!last) this.view.write("Ask a question first.");
    else if (!last.hasMore) this.view.write("No more passages for that question.");
    else
      this.answer(
        last.question,
        { offset: last.offset, asked: last.asked, timeline: last.timeline },
        last.turns,
      );
  }

  private newConversation(): void {
    this.turns = [];
    this.view.write("New conversation: the next question stands on its own.");
  }

  private timeline(words: string): void {
    const story = words || this.last?.question;
    if (!story) this.view.write("Name the story: \\timeline Massimov trial (or ask a question first).");
    else this.answer(story, { offset: 0, asked: this.today(), timeline: true });
  }

  private async command(text: string): Promise<void> {
    const command = this.commands[text.slice(1)];
    this.view.write(command ? await command.run() : `Unknown command ${text}. Type \\? for help.`);
  }

  private answer(question: string, askOptions: AskOptions, turns: ThreadTurn[] = this.turns): void {
    try {
      const timeline = askOptions.timeline === true;
      // A timeline names its story itself: it is not read as a follow-up, nor joins the conversation.
      const thread = !timeline && turns.length > 0 ? { thread: { turns: [...turns] } } : {};
      // A timeline pages by its own length (15 lines), a question by the shell's passages per answer.
      const result = this.options.ask(question, {
        ...this.dated,
        ...askOptions,
        ...thread,
        limit: timeline ? TIMELINE_PAGE : this.limit,
      });
      const { interactive, width } = this.view;
      this.view.write(
        renderAnswerText(result, {
          ansi: interactive,
          width: interactive ? width : 0,
          moreHint: interactive ? "(More passages: \\more)" : undefined,
        }),
      );
      const shown = result.timeline?.entries.length ?? result.passages.length;
      this.last = {
        question,
        asked: askOptions.asked,
        offset: (askOptions.offset ?? 0) + shown,
        hasMore: result.hasMore,
        timeline,
        turns,
      };
      // A first page joins the conversation; \more's later pages do not.
      if (!askOptions.offset && !timeline) this.turns = [...turns, turnOf(result)].slice(-CONVERSATION_TURNS);
    } catch (error) {
      // The engine never should throw; if it does, the shell says so and keeps going.
      this.view.write(`Sorry, that question could not be answered (${(error as Error).message}).`);
    }
  }
}
