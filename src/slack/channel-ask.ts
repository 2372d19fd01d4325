import { type Answer, type AnswerOptions, normalizeQuestion } from "../answer/index.js";
import type { RenderOptions } from "./answer-blocks.js";
import type { ChannelSettings } from "./channel-settings.js";
import { scopeFooter } from "./channel-settings.js";
import { demotedPassages } from "./feedback.js";
import type { SlackDeps } from "./slack-deps.js";

/** A question asked somewhere in Slack: where (workspace and channel), when, and which page. */
export interface ChannelQuestion {
  /** The workspace (team id); settings and votes are kept per workspace. */
  team: string | undefined;
  channel: string | undefined;
  question: string;
  /** The day of asking, "YYYY-MM-DD". */
  asked: string;
  offset?: number;
}

export interface ChannelAnswer {
  answer: Answer;
  settings: ChannelSettings;
}

/**
 * Asks with what the channel and the workspace add to every question asked there: the channel's scope
 * (settings) and the passages readers voted down for this question (feedback). Every surface asks
 * through here, so both apply to all of them alike. A question the archive has nothing on is recorded
 * for the editors' report (see coverageGap). Rejects as `deps.ask` does.
 */
export async function askInChannel(
  deps: SlackDeps,
  q: ChannelQuestion,
  extra: AnswerOptions = {},
): Promise<ChannelAnswer> {
  const settings =
    q.team && q.channel ? await deps.workflows.settingsOf(q.team, q.channel) : ({} as ChannelSettings);
  // Votes and gaps are grouped by the normalised question; without a store there are neither.
  const normalized = deps.store ? normalizeQuestion(q.question) : "";
  // Object.assign, not spreads then a key: V8 builds such a literal on a slow path, on every question.
  const options: AnswerOptions = Object.assign({}, deps.answerOptions, extra);
  options.asked = q.asked;
  if (q.offset !== undefined) options.offset = q.offset;
  if (settings.scope) options.scope = settings.scope;
  const demoted = q.team ? await demotedFor(deps, q.team, normalized) : [];
  if (demoted.length > 0) options.demoted = demoted;
  const answer = await deps.ask(q.question, options);
  if (q.team && deps.store && normalized !== "" && coverageGap(q, answer, options)) {
    const row = {
      team: q.team,
      channel: q.channel ?? "",
      question: q.question,
      normalizedQuestion: normalized,
      askedDay: q.asked,
      at: deps.now().getTime(),
    };
    await deps.store.feedback
      .addUnanswered(row)
      .catch((error: unknown) => deps.logger.warn({ err: error }, "unanswered question not recorded"));
  }
  // The desk the answer's button posts to: the channel's, else the environment's default.
  const desk = settings.desk ?? deps.workflows.defaultDesk;
  return { answer, settings: desk ? { ...settings, desk } : settings };
}

/**
 * Whether a not-found answer is one of "the archive's coverage gaps" in the editors' report: a question
 * whose words the archive has nothing on. What an editor acts on there is a story to commission or an
 * archive to import, so the rest stays out: a bad filter or an empty date range (the asker's typing), a
 * timeline (no article covering words strongly is not a question left unanswered; a page of More is not
 * a question either), and a question whose filters or channel scope left nothing while its words find
 * passages as of the same day (`restrictedOut`, read by the engine) — the archive covers it, the asker
 * or the desk's scope looked elsewhere.
 */
function coverageGap(q: ChannelQuestion, answer: Answer, options: AnswerOptions): boolean {
  return !(
    answer.found ||
    answer.badFilter ||
    answer.restrictedOut ||
    answer.timeline ||
    options.timeline ||
    q.offset
  );
}

/** The passages voted down for a question in a workspace; none when the store cannot say. */
async function demotedFor(deps: SlackDeps, team: string, normalized: string): Promise<string[]> {
  if (!deps.store || normalized === "") return [];
  try {
    return demotedPassages(await deps.store.feedback.forQuestion(team, normalized));
  } catch (error) {
    deps.logger.warn({ err: error }, "votes could not be read; answering without them");
    return [];
  }
}

/** What a channel's settings add to a reply: the scope's footer, the research desk's button. */
export function channelRenderOptions(settings: ChannelSettings, base: RenderOptions = {}): RenderOptions {
  const footer = scopeFooter(settings);
  const options: RenderOptions = { ...base };
  if (footer) options.footer = footer;
  if (settings.desk) options.desk = settings.desk;
  return options;
}

/** The workspace of a request: commands carry team_id, events team_id, interactions team.id. */
export function teamOf(body: unknown): string | undefined {
  const b = (body ?? {}) as {
    team_id?: unknown;
    team?: { id?: unknown } | unknown;
    user?: { team_id?: unknown };
  };
  if (typeof b.team_id === "string") return b.team_id;
  const team = b.team as { id?: unknown } | undefined;
  if (team && typeof team.id === "string") return team.id;
  if (typeof b.user?.team_id === "string") return b.user.team_id;
  return undefined;
}
