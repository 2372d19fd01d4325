/** One entry of the catalogue: what the code means, and the fixed sentence a user sees where one is shown. */
export interface ErrorCodeEntry {
  /** One sentence for whoever reads a log line, a status report or a test. */
  readonly meaning: string;
  /**
   * The plain sentence a Slack or shell user is shown instead of the error's own message. Codes without
   * one show their message, which names the file, URL or variable and the fix.
   */
  readonly user?: string;
}

/**
 * Every stable error code of the project, declared once: errors (`NewsdeskError` and its subclasses),
 * corpus issues in status and /healthz, and the `code` field of log lines. Tests and log searches
 * match on these strings, so an entry's name never changes; a new failure gets a new entry.
 * `test/errors-catalogue.test.ts` fails on a code used in src/ but missing here, and on an entry no
 * code uses.
 */
export const ERROR_CODES = Object.freeze({
  // Corpus files (src/corpus/): what an editor fixes; each message names the file and, where known,
  // the line and field.
  corpus_dir_unreadable: { meaning: "The corpus folder itself cannot be listed." },
  corpus_empty: { meaning: "The corpus folder holds no article files." },
  corpus_not_a_file: {
    meaning: "An entry of the corpus folder is a folder, pipe, socket or device, not an article file.",
  },
  corpus_unreadable: {
    meaning: "An article file exists but cannot be read (permissions, a broken link, an I/O error).",
  },
  corpus_read_timeout: {
    meaning: "Reading an article file stalled past the limit (a hung disk or network mount).",
  },
  corpus_file_too_large: {
    meaning: "An article file, or a compressed export once unpacked, is over the size limit.",
  },
  corpus_line_too_long: { meaning: "A line of a JSONL export is over the limit for one article." },
  corpus_bad_json: { meaning: "A line of a JSONL export is not valid JSON." },
  corpus_invalid_field: { meaning: "An article's field is missing or has a value of the wrong kind." },
  corpus_no_paragraphs: { meaning: "An article has no body paragraphs." },
  corpus_too_large: {
    meaning: "An article is over the limits the index sets on paragraphs (how many, how long).",
  },
  corpus_no_front_matter: { meaning: "A Markdown article does not start with a front-matter block." },
  corpus_front_matter_not_yaml: {
    meaning: "A Markdown article's front matter is declared in a language other than YAML.",
  },
  corpus_bad_yaml: { meaning: "A Markdown article's front matter is not valid YAML." },
  corpus_duplicate_id: { meaning: "Two articles of the corpus have the same id." },
  corpus_errors: { meaning: "Several corpus problems reported together; each is listed with its own code." },

  // Importing pages, scrapes and exports into the corpus (src/corpus/, `npm run import`).
  import_no_article: { meaning: "An imported page has neither article metadata nor article-length text." },
  import_no_headline: { meaning: "An imported page or scrape has no headline the importer can find." },
  import_no_body: { meaning: "A raw text scrape has no article body after its headline." },
  import_no_publication: {
    meaning: "An imported page does not name its publication and --publication was not given.",
  },
  import_publication_required: { meaning: "A raw text scrape was imported without --publication." },
  import_invalid_field: {
    meaning: "An imported article's field (such as its id) is not valid for the corpus.",
  },
  import_page_too_complex: {
    meaning: "A page has more elements, or nests them deeper, than one page may cost to parse.",
  },
  import_not_owner: {
    meaning: "A source's article is not on the source's own sites, so the poller does not write it.",
  },
  import_id_in_export: { meaning: "An imported article's id already belongs to a line of a JSONL export." },

  // Fetching sources (src/ingest/): each message names the URL.
  fetch_off_site: {
    meaning: "A redirect, story link or sitemap leads off the source's own sites (scheme, host and port).",
  },
  fetch_internal_address: {
    meaning:
      "A fetch would reach an internal address (loopback, private, link-local) the source does not allow.",
  },
  fetch_not_http: { meaning: "A URL to fetch is not http or https." },
  fetch_robots: { meaning: "The site's robots.txt does not allow fetching the URL." },
  fetch_status: {
    meaning: "The server answered with an HTTP status other than success (or a redirect without Location).",
  },
  fetch_redirects: { meaning: "A fetch followed more redirects than the limit." },
  fetch_redirect_loop: { meaning: "A fetch's redirects lead back to a URL already visited." },
  fetch_too_large: { meaning: "A response is over the size limit for one fetch." },
  fetch_timeout: { meaning: "A response did not arrive complete within the time limit." },
  fetch_network: { meaning: "A request failed below HTTP (DNS, connection, TLS)." },
  ingest_unsupported: {
    meaning: "A source URL serves something that is neither a page, a feed, a sitemap nor WordPress.",
  },
  ingest_kind_mismatch: { meaning: "A source listed as one kind (feed, sitemap, page) serves another." },
  ingest_not_page: { meaning: "A URL given as an article page serves something else." },
  ingest_not_sitemap: { meaning: "A URL listed in a sitemap index is not a sitemap." },
  ingest_sitemap_depth: { meaning: "Sitemap indexes nest deeper than the limit." },
  ingest_poll_cap: {
    meaning: "A poll stopped early: it reached a cap on stories, fetches or time, or the poller stopped.",
  },
  ingest_wordpress_json: { meaning: "A WordPress API answer cannot be parsed or is not a list of posts." },

  // The engine's index files and the start-up snapshot (src/index-store/).
  snapshot_file_invalid: {
    meaning:
      "A start-up snapshot file is damaged (truncated, padded, a byte changed); the start reads the corpus instead.",
  },
  index_file_invalid: {
    meaning: "An index cache file is truncated, corrupt, or of another version or corpus.",
  },
  ranker_model_invalid: {
    meaning:
      "The learned ranker's model file (src/search/ranker-model.json) does not fit the engine's features.",
  },

  // Answering (src/answer/).
  ANSWER_FAILED: {
    meaning: "A stage of answering threw (a bug, not bad input); the question is answered as not found.",
    user: "That question could not be processed; try rephrasing it.",
  },

  // The live index and its worker threads (src/runtime/).
  reload_failed: {
    meaning: "A corpus reload failed for a reason other than a corpus problem; the last good index is kept.",
  },
  reload_timeout: {
    meaning:
      "A corpus reload ran past RELOAD_TIMEOUT_SECONDS and was abandoned; the last good index is kept.",
  },
  reload_raced: {
    meaning: "The corpus changed while a reload was indexing it; the next reload picks the change up.",
  },
  index_failed: {
    meaning: "The index worker could not open the first index, for a reason that carried no code of its own.",
  },
  index_unavailable: {
    meaning: "The index worker is down or restarting, so a question cannot be answered now.",
    user: "Sorry, something went wrong while answering that; please try again in a moment.",
  },
  index_worker_exited: { meaning: "The index worker thread exited while serving; it is restarted." },
  answer_failed: {
    meaning: "Answering threw inside the index worker, past the engine's own catch-all.",
    user: "Sorry, something went wrong while answering that; please try again in a moment.",
  },
  worker_message_unexpected: {
    meaning: "A worker thread or its parent received a message outside the worker protocol; it is ignored.",
  },

  // Start-up and configuration.
  config_invalid: {
    meaning: "An environment variable or the sources file has a bad value; the message names it and the fix.",
  },
  eval_file_invalid: { meaning: "A line of an evaluation file is not a valid evaluation question." },
  port_in_use: { meaning: "The HTTP port is taken by another program." },
  port_not_allowed: { meaning: "This user may not listen on the HTTP port (below 1024)." },
  address_not_available: { meaning: "The address to listen on is not one of this machine's." },
  listen_failed: { meaning: "Listening on the HTTP port failed for another reason." },
  slack_invalid_auth: { meaning: "Slack rejected a token at start-up." },
  slack_unreachable: { meaning: "Slack's Web API could not be reached at start-up." },
  thread_unreadable: {
    meaning:
      "A follow-up's thread could not be read back (rate limit, Slack error, too long); it is answered on its own and the reply says so.",
  },

  // Installs in many workspaces (OAuth, src/slack/oauth/): each install that did not happen shows a page.
  slack_not_installed: {
    meaning: "A request came from a workspace with no installation (never installed, or uninstalled).",
  },
  oauth_invalid_state: {
    meaning: "An install's redirect carried a state that is forged, already used or expired.",
    user: "This install link has expired or was already used, so nothing was installed; start again from /slack/install.",
  },
  oauth_cancelled: {
    meaning: "The person installing cancelled on Slack's authorize page.",
    user: "The install was cancelled in Slack, so nothing was installed.",
  },
  oauth_exchange_failed: {
    meaning: "Slack's oauth.v2.access refused the install's code or could not be reached.",
    user: "Slack did not confirm this install, so nothing was installed; start again from /slack/install.",
  },
  oauth_store_failed: {
    meaning: "An install's state or installation could not be written to the store.",
    user: "The install could not be saved, so nothing was installed; please try again from /slack/install in a minute.",
  },

  // The store (src/store/): seen keys, settings, feedback, installations, leases, accepted work.
  store_unreachable: {
    meaning:
      "The store's PostgreSQL server (DATABASE_URL) cannot be reached or refused us; at start-up the process exits, while serving it falls back.",
  },
  store_open_failed: { meaning: "The embedded store's file in DATA_DIR cannot be opened or prepared." },
  work_taken_over: {
    meaning: "A process answers work another acknowledged and did not finish (it died or froze).",
  },
  work_lost_lease: {
    meaning: "A process finished work another had already taken over: that reply may have been sent twice.",
  },
  work_abandoned: {
    meaning: "Accepted work was taken over too many times without an answer, and is given up.",
  },

  // Conditions the code itself guarantees: seeing one is a bug in Newsdesk, not bad input.
  internal_invariant: {
    meaning: "Something the code guarantees did not hold (a bug); the message says what.",
  },
} as const satisfies Record<string, ErrorCodeEntry>);

/** A stable error code: a key of `ERROR_CODES`, so a misspelt code is a type error. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Whether a value received from elsewhere (a worker, an unknown error) is one of our codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERROR_CODES, value);
}
