// The runtime layer's front door: the live index (in this thread or in a worker) and its status text.
export { createLiveIndex, type LiveIndex } from "./live-index.js";
export { createRemoteLiveIndex } from "./remote-live-index.js";
export { renderStatusText } from "./render-status-text.js";
