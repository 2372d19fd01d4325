// The ingest layer's front door: fetching newsroom sites into the corpus folder.
export { createSitePoller, type SitePollerOptions } from "./create-site-poller.js";
export { createDatabaseShelf, databasePlace, importFolderIntoDatabase } from "./database-shelf.js";
export { INGEST_DEFAULTS } from "./defaults.js";
export { createHttpGet, FetchError, type FetchFn, isHttpUrl } from "./http-get.js";
export { ingestSource } from "./ingest-source.js";
export { emptyIngestState, type IngestItem, type IngestState } from "./ingest-types.js";
export { POLL_LIMITS, type PollLimits } from "./poll-limits.js";
export { type PollerThreadOptions, startPollerThread } from "./poller-thread.js";
export type { SourcePoller, SourceStatus } from "./poller-types.js";
export { progressLine } from "./progress-line.js";
export { renderSourcesStatus } from "./render-sources-status.js";
export { createRobotsCheck } from "./robots.js";
export { parseSourcesFile, type SourceConfig, SourcesFileError } from "./sources-config.js";
