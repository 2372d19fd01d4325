// The Slack surface's front door: starting the Bolt app in Socket or HTTP mode.
export { type SlackAppHandle, startSlackApp } from "./start-slack-app.js";
