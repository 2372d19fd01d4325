import {
  type App,
  Assistant,
  type AssistantThreadContextChangedMiddleware,
  type AssistantThreadStartedMiddleware,
  type AssistantUserMessageMiddleware,
  type webApi,
} from "@slack/bolt";
import type { ArchiveOverview } from "../../answer/index.js";
import { formatDay } from "../../corpus/index.js";
import type { AssistantThreadContext } from "../../store/index.js";
import { articlesText, overviewOf } from "../archive-info.js";
import { teamOf } from "../channel-ask.js";
import { escapeMrkdwn, literal, shorten } from "../mrkdwn.js";
import { isQuestionMessage } from "../question-subtypes.js";
import { replyInConversation } from "../reply-in-conversation.js";
import { botUserOf, logHandled, type SlackDeps } from "../slack-deps.js";

/** Slack shows at most four suggested prompts. */
const MAX_PROMPTS = 4;
/** A thread's title, in characters (the first question, shortened). */
const TITLE_CHARS = 80;
const PROMPT_TITLE_CHARS = 75;

// Bolt exports the middleware types, not their arguments' types.
type Started = Parameters<AssistantThreadStartedMiddleware>[0];
type ContextChanged = Parameters<AssistantThreadContextChangedMiddleware>[0];
type UserMessage = Parameters<AssistantUserMessageMiddleware>[0];

/**
 * The assistant view (Bolt's Assistant): a greeting that says what the archive holds and suggested
 * prompts drawn from it when a thread starts; the channel the user views, remembered as it changes;
 * questions answered in the thread with the same blocks as everywhere, a status line while searching
 * and the first question as the title. Bolt routes every DM thread message here (it cannot tell an
 * assistant thread from a DM thread): a thread we did not see start is answered as a DM thread.
 */
export function register(app: App, deps: SlackDeps): void {
  const threads = deps.assistantThreads;
  app.assistant(
    new Assistant({
      // Bolt's default keeps the context in message metadata and reads it back with extra Web API
      // calls; ours is the store's.
      threadContextStore: {
        get: async ({ payload }) => toSlack((await threads?.get(...threadOf(payload)))?.context ?? {}),
        save: async (args) => saveContext(args as ContextChanged, deps),
      },
      threadStarted: (args) => deps.inFlight.run(() => handleThreadStarted(args as Started, deps)),
      threadContextChanged: (args) => deps.inFlight.run(() => saveContext(args as ContextChanged, deps)),
      userMessage: (args) => deps.inFlight.run(() => handleUserMessage(args as UserMessage, deps)),
    }),
  );
}

function threadOf(payload: unknown): [string, string] {
  const p = payload as {
    channel?: string;
    thread_ts?: string;
    assistant_thread?: { channel_id: string; thread_ts: string };
  };
  return [
    p.assistant_thread?.channel_id ?? p.channel ?? "",
    p.assistant_thread?.thread_ts ?? p.thread_ts ?? "",
  ];
}

function fromSlack(
  context: { channel_id?: string; team_id?: string; enterprise_id?: string | null } | undefined,
) {
  const out: AssistantThreadContext = {};
  if (typeof context?.channel_id === "string") out.channelId = context.channel_id;
  if (typeof context?.team_id === "string") out.teamId = context.team_id;
  if (typeof context?.enterprise_id === "string") out.enterpriseId = context.enterprise_id;
  return out;
}

function toSlack(context: AssistantThreadContext) {
  return {
    ...(context.channelId ? { channel_id: context.channelId } : {}),
    ...(context.teamId ? { team_id: context.teamId } : {}),
    ...(context.enterpriseId ? { enterprise_id: context.enterpriseId } : {}),
  };
}

/** Remembers the thread and the channel its user views (a store that fails costs a log line). */
async function saveContext(
  { event }: { event: Pick<ContextChanged["event"], "assistant_thread"> },
  deps: SlackDeps,
): Promise<void> {
  const thread = event.assistant_thread;
  try {
    await deps.assistantThreads?.put(
      thread.channel_id,
      thread.thread_ts,
      thread.user_id,
      fromSlack(thread.context),
      deps.now().getTime(),
    );
  } catch (error) {
    deps.logger.warn(
      { err: error, code: "store_unreachable" },
      "An assistant thread's context could not be kept.",
    );
  }
}

/** "I search 25,888 articles from 12 publications; the newest is from 10 Nov 2022." */
export function greetingText(overview: ArchiveOverview | undefined): string {
  const intro = "Hi! I answer questions with exact, cited quotes from the newsroom's own articles.";
  if (!overview) return `${intro} The archive is still loading; ask away and I'll search what is there.`;
  const publications = `${overview.publicationCount.toLocaleString("en-US")} publication${overview.publicationCount === 1 ? "" : "s"}`;
  const newest = overview.newest ? `; the newest is from ${formatDay(overview.newest.published)}` : "";
  return `${intro} I search ${articlesText(overview)} from ${publications}${newest}. Follow-ups in this thread remember the conversation.`;
}

export async function handleThreadStarted(args: Started, deps: SlackDeps): Promise<void> {
  const startedAt = performance.now();
  const { event, client } = args;
  const thread = event.assistant_thread;
  await saveContext(args, deps);
  const overview = await overviewOf(deps);
  const text = greetingText(overview);
  await client.chat.postMessage({
    channel: thread.channel_id,
    thread_ts: thread.thread_ts,
    text: escapeMrkdwn(text),
    blocks: [{ type: "section", text: { type: "mrkdwn", text: literal(text), verbatim: true } }],
  });
  const prompts = (overview?.examples ?? []).slice(0, MAX_PROMPTS).map((question) => ({
    title: shorten(question, PROMPT_TITLE_CHARS),
    message: question,
  }));
  if (prompts.length > 0) {
    await args.setSuggestedPrompts({ prompts, title: "Stories the archive covers most lately:" });
  }
  logHandled(deps.logger, {
    surface: "assistant",
    startedAt,
    requestId: args.body.event_id,
    outcome: "started",
  });
}

/** Best effort: a status or title Slack refuses never stops the answer. */
async function tryCall(deps: SlackDeps, what: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    deps.logger.warn(
      { err: error, slackError: (error as { data?: { error?: string } }).data?.error },
      `${what} failed`,
    );
  }
}

export async function handleUserMessage(args: UserMessage, deps: SlackDeps): Promise<void> {
  const message = args.message as {
    channel: string;
    thread_ts?: string;
    ts: string;
    user?: string;
    text?: string;
    bot_id?: string;
    subtype?: string;
  };
  const client = args.client as webApi.WebClient;
  const context = args.context as { botUserId?: string; botId?: string; workId?: string };
  const botUserId = botUserOf(context, deps);
  if (!isQuestionMessage(message) || message.bot_id || !message.user || message.user === botUserId) return;
  // A DM thread message is accepted work like any DM (accepted-work.ts): recorded, and so claimed,
  // before the ack; taken over by another replica if this one dies. Else it is claimed here.
  if (!context.workId && !(await deps.claims.claim(`message:${message.channel}:${message.ts}`))) return;
  const threadTs = message.thread_ts;
  const known = threadTs
    ? await deps.assistantThreads?.get(message.channel, threadTs).catch(() => undefined)
    : undefined;
  if (known) {
    const overview = await overviewOf(deps);
    await tryCall(deps, "assistant.threads.setStatus", () =>
      args.setStatus(`Searching ${articlesText(overview)}…`),
    );
  }
  await replyInConversation(client, deps, {
    surface: known ? "assistant" : "dm",
    channel: message.channel,
    threadTs,
    text: message.text ?? "",
    ts: message.ts,
    requestId: args.body.event_id,
    botUserId,
    self: { botId: context.botId, appId: (args.body as { api_app_id?: string }).api_app_id },
    team: teamOf(args.body),
    user: message.user,
    // Untitled, the thread has no answer of ours yet: its first question reads nothing back.
    ...(known && !known.titled ? { firstInThread: true } : {}),
    // The channel the user views beside the thread scopes the answer, as its settings say.
    ...(known?.context.channelId ? { viewedChannel: known.context.channelId } : {}),
    ...(known && threadTs
      ? {
          onAnswer: async (answer) => {
            const first = await deps.assistantThreads
              ?.claimTitle(message.channel, threadTs)
              .catch(() => false);
            if (first)
              await tryCall(deps, "assistant.threads.setTitle", () =>
                args.setTitle(shorten(answer.question, TITLE_CHARS)),
              );
          },
        }
      : {}),
  });
}
