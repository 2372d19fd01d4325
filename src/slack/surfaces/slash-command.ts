import type { App, RespondArguments, SlackCommandMiddlewareArgs, webApi } from "@slack/bolt";
import { ANSWER_FAILED, renderAnswer, renderNotice, renderUsage } from "../answer-blocks.js";
import { askInChannel, type ChannelAnswer, channelRenderOptions } from "../channel-ask.js";
import { isSettingsCommand } from "../channel-settings.js";
import { slackTextToPlain } from "../mrkdwn.js";
import { rememberQuestion } from "../recent-questions.js";
import { handleSettingsCommand } from "../settings-command.js";
import { askedOfMs, logHandled, type SlackDeps } from "../slack-deps.js";
import { renderTimeline } from "../timeline-blocks.js";

/**
 * `/ask <question>`: the answer is the ack itself (ephemeral, so only the asker sees it) — no Web API
 * call, well inside Slack's 3 seconds since the engine answers from memory.
 */
export const STATUS_FAILED = "The index status is not available right now; please try again in a moment.";

/** A command whose text is not one string (a form field repeated: never sent by Slack itself). */
export const TEXT_NOT_ONE_STRING =
  "Your question did not arrive as one piece of text; please type it again after the command.";

export const TIMELINE_NEEDS_WORDS =
  "Name the story after the command, for example: /ask timeline Massimov trial — a name, a place or an event.";

/**
 * What `/ask` takes instead of a question, each with the test of its text that picks it; the usage hint
 * in manifest.yml names every one (test/slack/manifest.test.ts).
 */
export const ASK_SUBCOMMANDS = {
  help: (text: string) => text === "" || /^help$/i.test(text),
  status: (text: string) => /^status$/i.test(text),
  settings: isSettingsCommand,
  timeline: (text: string) => /^timeline(\s|$)/i.test(text),
} as const satisfies Record<string, (text: string) => boolean>;

/** The commands answered here: any the app receives (its manifest names /ask). */
const COMMAND_NAME = /^\/[\w-]+$/;

/**
 * A global middleware, registered after the de-duplication, rather than `app.command`: Bolt runs every
 * listener's chain of middleware for every request, copying its arguments at each step, so each
 * listener costs every request (docs/performance.md); a command is answered here and goes no further.
 * Anything else goes on to the listeners.
 */
export function register(app: App, deps: SlackDeps): void {
  app.use(async (args) => {
    const { command } = args as Partial<SlackCommandMiddlewareArgs>;
    if (command === undefined || !COMMAND_NAME.test(command.command)) return args.next();
    await deps.inFlight.run(() =>
      handleAskCommand(args as SlackCommandMiddlewareArgs & { client: webApi.WebClient }, deps),
    );
  });
}

type CommandArgs = Pick<SlackCommandMiddlewareArgs, "command" | "ack"> & {
  context?: Record<string, unknown>;
  client: webApi.WebClient;
};

/** A command being answered: what it asked, how to reply (its ack, the only reply it gets), its log. */
interface CommandRequest {
  args: CommandArgs;
  deps: SlackDeps;
  reply: (message: object) => Promise<void>;
  log: (fields: { outcome?: string; passages?: number; found?: boolean }) => void;
}

export async function handleAskCommand(args: CommandArgs, deps: SlackDeps): Promise<void> {
  const startedAt = performance.now();
  const requestId = args.command.trigger_id;
  const request: CommandRequest = {
    args,
    deps,
    // Object.assign rather than a spread after a key: V8 copies such a literal on a slow path.
    reply: (message) => args.ack(Object.assign({ response_type: "ephemeral" }, message) as RespondArguments),
    log: (fields) => logHandled(deps.logger, { surface: "command", startedAt, requestId, ...fields }),
  };
  const text: unknown = args.command.text;
  if (text !== undefined && typeof text !== "string") {
    await request.reply(renderNotice(TEXT_NOT_ONE_STRING));
    request.log({ outcome: "bad_text" });
    return;
  }
  const question = slackTextToPlain(text ?? "").trim();
  const outcome = await answerNonQuestion(request, question, text ?? "");
  if (outcome) request.log({ outcome });
  else await answerCommandQuestion(request, question);
}

/**
 * Help, status, settings and a timeline without words: replied to, and the outcome named for the log.
 * Undefined for a question (a timeline's included).
 */
async function answerNonQuestion(
  { args, deps, reply }: CommandRequest,
  question: string,
  text: string,
): Promise<string | undefined> {
  if (ASK_SUBCOMMANDS.help(question)) {
    await reply(renderUsage(args.command.command));
    return "usage";
  }
  if (ASK_SUBCOMMANDS.status(question) && deps.status) {
    await reply(renderNotice(await statusText(deps, args.command.trigger_id)));
    return "status";
  }
  if (ASK_SUBCOMMANDS.settings(question)) {
    await reply(await handleSettingsCommand(args.command, text, question, args.client, deps));
    return "settings";
  }
  if (/^timeline\s*$/i.test(question)) {
    await reply(renderNotice(TIMELINE_NEEDS_WORDS));
    return "usage";
  }
  return undefined;
}

async function statusText(deps: SlackDeps, requestId: string): Promise<string> {
  try {
    return await (deps.status?.() ?? STATUS_FAILED);
  } catch (error) {
    // The index's worker may be restarting: the command still gets its one sentence.
    deps.logger.error({ err: error, surface: "command", requestId }, "status failed");
    return STATUS_FAILED;
  }
}

/** A question, or `/ask timeline <words>`: the story's coverage in date order instead of passages. */
async function answerCommandQuestion(request: CommandRequest, question: string): Promise<void> {
  const { args, deps, reply } = request;
  const { command } = args;
  const timeline = ASK_SUBCOMMANDS.timeline(question);
  const words = timeline ? question.slice("timeline".length).trim() : question;
  let asked: ChannelAnswer;
  try {
    // A command carries no time of its own: it is asked when it arrived (the receiver's clock), else now.
    asked = await askInChannel(
      deps,
      {
        team: command.team_id,
        channel: command.channel_id,
        question: words,
        asked: askedOfMs(args.context?.receivedAt, deps.now),
      },
      timeline ? { timeline: true } : {},
    );
  } catch (error) {
    // The ack is the only reply a command gets: an error must still produce one sentence.
    deps.logger.error({ err: error, surface: "command", requestId: command.trigger_id }, "answer failed");
    await reply(renderNotice(ANSWER_FAILED));
    return;
  }
  const { answer, settings } = asked;
  const options = channelRenderOptions(settings, { share: true });
  await reply(timeline ? renderTimeline(answer, options) : renderAnswer(answer, options));
  // A timeline is not a question to ask again from the Home tab.
  if (!timeline) {
    const asker = { team: command.team_id, user: command.user_id, channel: command.channel_id, question };
    await rememberQuestion(deps, asker);
  }
  request.log({ passages: answer.found ? answer.passages.length : 0, found: answer.found });
}
