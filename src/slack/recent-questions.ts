import type { SlackDeps } from "./slack-deps.js";

/** Questions kept per user (the Home tab shows the newest few). */
export const KEEP_RECENT_QUESTIONS = 10;
/** A question is kept up to this many characters. */
const RECENT_QUESTION_CHARS = 500;

export interface AskedQuestion {
  team: string | undefined;
  user: string | undefined;
  channel: string;
  question: string;
}

/**
 * Remembers a user's question for the Home tab's "ask again". After the reply, never in its way: a
 * store that cannot be reached costs a log line, not an answer.
 */
export async function rememberQuestion(deps: SlackDeps, asked: AskedQuestion): Promise<void> {
  if (!deps.store || !asked.team || !asked.user || asked.question.trim() === "") return;
  try {
    await deps.store.recentQuestions.add(
      asked.team,
      asked.user,
      {
        question: asked.question.slice(0, RECENT_QUESTION_CHARS),
        channel: asked.channel,
        at: deps.now().getTime(),
      },
      KEEP_RECENT_QUESTIONS,
    );
  } catch (error) {
    deps.logger.warn(
      { err: error, code: "store_unreachable" },
      "A recent question could not be kept in the store.",
    );
  }
}

/** The user's recent questions, newest first; none when the store cannot say. */
export async function recentQuestionsOf(
  deps: SlackDeps,
  team: string | undefined,
  user: string,
): Promise<string[]> {
  if (!deps.store || !team) return [];
  try {
    return (await deps.store.recentQuestions.list(team, user, KEEP_RECENT_QUESTIONS)).map((q) => q.question);
  } catch (error) {
    deps.logger.warn(
      { err: error, code: "store_unreachable" },
      "Recent questions could not be read from the store.",
    );
    return [];
  }
}
