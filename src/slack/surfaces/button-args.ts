import type { BlockButtonAction, RespondArguments, SlackActionMiddlewareArgs, webApi } from "@slack/bolt";

/** What a click's handler gets (the Web API client included). */
export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & { client: webApi.WebClient };

/** A reply by response_url that only the clicker sees, leaving the message clicked on as it was. */
export const ephemeral = (message: object): RespondArguments =>
  ({ response_type: "ephemeral", replace_original: false, ...message }) as RespondArguments;
