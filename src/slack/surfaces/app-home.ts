import type { App, SlackEventMiddlewareArgs, webApi } from "@slack/bolt";
import { overviewOf } from "../archive-info.js";
import { renderHomeView } from "../home-view.js";
import { recentQuestionsOf } from "../recent-questions.js";
import { replyInConversation } from "../reply-in-conversation.js";
import { logHandled, type SlackDeps, USER_ID } from "../slack-deps.js";
import type { ButtonArgs } from "./button-args.js";

/** The App Home tab: published for each user when they open it (views.publish). */
export function register(app: App, deps: SlackDeps): void {
  app.event("app_home_opened", (args) => deps.inFlight.run(() => handleHomeOpened(args, deps)));
}

export async function handleHomeOpened(
  { event, body, client }: SlackEventMiddlewareArgs<"app_home_opened"> & { client: webApi.WebClient },
  deps: SlackDeps,
): Promise<void> {
  const startedAt = performance.now();
  // The Messages tab opens with the same event; only the Home tab has a view to publish.
  if (event.tab !== "home" || !USER_ID.test(event.user)) return;
  const [overview, recent] = await Promise.all([
    overviewOf(deps),
    recentQuestionsOf(deps, body.team_id, event.user),
  ]);
  const view = renderHomeView({ overview, sources: deps.sources?.() ?? [], recent });
  await client.views.publish({ user_id: event.user, view });
  logHandled(deps.logger, { surface: "home", startedAt, requestId: body.event_id, outcome: "published" });
}

/** A question asked again from the Home tab: answered in the user's messages with the app. */
export async function handleAskAgain({ ack, action, body, client }: ButtonArgs, deps: SlackDeps) {
  await ack();
  const question = (action.value ?? "").trim();
  if (question === "" || !USER_ID.test(body.user.id)) return;
  await replyInConversation(client, deps, {
    surface: "home",
    channel: body.user.id,
    threadTs: undefined,
    text: question,
    requestId: body.trigger_id,
    team: body.team?.id ?? body.user.team_id,
    user: body.user.id,
  });
}
