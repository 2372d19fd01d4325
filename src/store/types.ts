/**
 * Everything durable that is not the corpus, behind one interface with two engines: SQLite in a data
 * folder (the embedded default, one machine) and PostgreSQL (several processes). Times are milliseconds
 * since the epoch, passed in by the caller (the clock is I/O). Structured values (settings, installations,
 * poll state, work payloads) are JSON documents the layers above own; the store keeps them whole.
 */

export type StoreEngine = "sqlite" | "postgres";

/** What /healthz shows of the store, and what a surface checks before trusting it. */
export interface StoreHealth {
  engine: StoreEngine;
  /** The last operation (or ping) reached the store. */
  reachable: boolean;
  /** Reached at least once since start (readiness). */
  reachedOnce: boolean;
  /** When the store was last reached, ms since the epoch; null before the first time. */
  lastOkAt: number | null;
  /** The last failure's one-line reason, while unreachable. */
  lastError?: string;
  /** Operations that failed since start. */
  failures: number;
}

/** A request key (event id, trigger id, click) claimed by the first process that sees it. */
export interface SeenKeys {
  /**
   * True when this call claimed `key` (never seen, or seen more than `ttlMs` before `now`); false when
   * another delivery claimed it within `ttlMs`. One atomic statement, so two replicas never both win.
   */
  claim(key: string, now: number, ttlMs: number): Promise<boolean>;
  /** Forgets keys claimed before `before`; returns how many. Runs in the background, never per request. */
  purge(before: number): Promise<number>;
}

/** A channel's settings document with its revision (1 when first written, +1 per change). */
export interface RevisedSettings {
  settings: unknown;
  revision: number;
  updatedAt: number;
}

/** A channel's desk settings: one JSON document per (team, channel), owned by the Slack layer. */
export interface ChannelSettingsStore {
  get(team: string, channel: string): Promise<unknown | undefined>;
  /** The document with its revision, for a change that must not undo another made meanwhile. */
  read(team: string, channel: string): Promise<RevisedSettings | undefined>;
  /** Replaces the document whole. */
  put(team: string, channel: string, settings: unknown, now: number): Promise<void>;
  /**
   * Replaces the document only if its revision is still `revision` (0: there is none yet): true when it
   * did, false when another change came first (read again and retry). One atomic statement.
   */
  replace(team: string, channel: string, settings: unknown, revision: number, now: number): Promise<boolean>;
  delete(team: string, channel: string): Promise<void>;
  /** Every channel of a team with settings, for an overview. */
  list(team: string): Promise<Array<{ channel: string; settings: unknown; updatedAt: number }>>;
}

export type Vote = "up" | "down";

/** What a 👎 said was wrong, when the asker said (the follow-up's choices). */
export type ReasonKind = "wrong_passage" | "out_of_date" | "not_what_i_asked" | "other";

/** One vote on one passage of one answer. */
export interface FeedbackRow {
  team: string;
  channel: string;
  user: string;
  question: string;
  /** The question as the engine normalised it (grouping of the same question asked differently). */
  normalizedQuestion: string;
  /** The day the question was asked, "YYYY-MM-DD". */
  askedDay: string;
  articleId: string;
  /** Index of the paragraph in its article. */
  paragraph: number;
  /** Rank of the passage in the answer, 1-based. */
  rank: number;
  vote: Vote;
  /** Why, when the user said (free text, bounded by the caller). */
  reason?: string;
  /** Which of the follow-up's choices the user picked, when they did. */
  reasonKind?: ReasonKind;
  /** When the vote was cast, ms. */
  at: number;
}

/** A question that found nothing: the archive's coverage gaps, for the editors' report. */
export interface UnansweredRow {
  team: string;
  channel: string;
  question: string;
  normalizedQuestion: string;
  askedDay: string;
  at: number;
}

export interface FeedbackQuery {
  team?: string;
  channel?: string;
  /** Votes cast at or after this instant, ms. */
  since?: number;
  /** At most this many, newest first. Default 1000. */
  limit?: number;
}

export interface FeedbackStore {
  /** Stores a vote; resolves to its id (for the reason the voter may add). */
  add(row: FeedbackRow): Promise<number>;
  /**
   * Adds what was wrong to vote `id`, only when it is `user`'s own 👎 in `team`; true when it did.
   * `reason` replaces an earlier one; undefined keeps it.
   */
  explain(
    id: number,
    team: string,
    user: string,
    why: { kind?: ReasonKind; reason?: string },
  ): Promise<boolean>;
  /** Newest first. */
  list(query?: FeedbackQuery): Promise<FeedbackRow[]>;
  /** Every vote on the passages of one (normalised) question in a team, oldest first. */
  forQuestion(team: string, normalizedQuestion: string): Promise<FeedbackRow[]>;
  /** Records a question that found nothing. */
  addUnanswered(row: UnansweredRow): Promise<void>;
  /** Newest first, with the same filters as `list`. */
  listUnanswered(query?: FeedbackQuery): Promise<UnansweredRow[]>;
  /** Forgets votes and unanswered questions older than `before`; returns how many rows went. */
  purge(before: number): Promise<number>;
}

export type ThreadKind = "answered" | "desk";

/** A thread Newsdesk answered in (follow-ups) or posted to a research desk (who to tell). */
export interface ThreadMark {
  data: unknown;
  at: number;
  /** When its one-time follow-up (telling the asker) was done; null before. */
  settledAt: number | null;
}

export interface ThreadsStore {
  /** Marks a thread (replacing an earlier mark of the same kind). */
  mark(
    team: string,
    channel: string,
    threadTs: string,
    kind: ThreadKind,
    data: unknown,
    now: number,
  ): Promise<void>;
  get(team: string, channel: string, threadTs: string, kind: ThreadKind): Promise<ThreadMark | undefined>;
  /** Settles a mark once: true for the one call that settled it, false after (or with no mark). */
  settle(team: string, channel: string, threadTs: string, kind: ThreadKind, now: number): Promise<boolean>;
  /** Forgets marks made before `before`. */
  purge(before: number): Promise<number>;
}

export interface RecentQuestion {
  question: string;
  channel: string;
  at: number;
}

/** The last questions of each user, for "ask again" and follow-ups; only the newest `keep` stay. */
export interface RecentQuestionsStore {
  add(team: string, user: string, entry: RecentQuestion, keep: number): Promise<void>;
  /** Newest first. */
  list(team: string, user: string, limit: number): Promise<RecentQuestion[]>;
}

/** What an assistant thread knows of where its user is: the channel (and team) they are viewing. */
export interface AssistantThreadContext {
  channelId?: string;
  teamId?: string;
  enterpriseId?: string;
}

/** The assistant view's threads (DM channel + thread ts): its user, the channel they view, its title. */
export interface AssistantThreadsStore {
  /** Records a thread, or replaces its context (assistant_thread_started, …_context_changed). */
  put(
    channel: string,
    threadTs: string,
    user: string,
    context: AssistantThreadContext,
    now: number,
  ): Promise<void>;
  get(
    channel: string,
    threadTs: string,
  ): Promise<{ user: string; context: AssistantThreadContext; titled: boolean } | undefined>;
  /** True for the one call that marks a known thread titled (its first question names it). */
  claimTitle(channel: string, threadTs: string): Promise<boolean>;
  /** Forgets threads not touched since `before`. */
  purge(before: number): Promise<number>;
}

/** An OAuth installation (Bolt's Installation object, kept whole) per workspace or org. */
export interface InstallationsStore {
  /** `key` is "T…" for a workspace install, "E…" for an org-wide one. */
  put(key: string, installation: unknown, now: number): Promise<void>;
  get(key: string): Promise<unknown | undefined>;
  delete(key: string): Promise<void>;
}

/**
 * The `state` of an OAuth install in progress (Bolt's InstallURLOptions kept whole), so that any
 * replica can finish an install another one began, and each state is used once.
 */
export interface OAuthStatesStore {
  put(state: string, installOptions: unknown, expiresAt: number): Promise<void>;
  /**
   * Removes `state` and returns its options when it exists and has not expired at `now`; undefined
   * otherwise (forged, already used, or too old). One atomic statement: two callers never both get it.
   */
  take(state: string, now: number): Promise<unknown | undefined>;
  /** Forgets states expired before `before`; returns how many. */
  purge(before: number): Promise<number>;
}

/** A named lease held by one process until it expires: one poller per source, one claimer of a job. */
export interface LeasesStore {
  /**
   * True when `holder` now holds `name` until `now + ttlMs`: it was free, expired, or already its own
   * (a renewal). One atomic statement.
   */
  acquire(name: string, holder: string, now: number, ttlMs: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
  /**
   * Forgets leases that expired before `before` (free already: acquiring one writes it again); returns
   * how many. Leases named per use (a question sent to the research desk) would otherwise pile up.
   */
  purge(before: number): Promise<number>;
}

/** Each source's poll state (validators, last fetch, failures) as the ingest layer shapes it. */
export interface SourceStateStore {
  get(source: string): Promise<unknown | undefined>;
  put(source: string, state: unknown, now: number): Promise<void>;
  list(): Promise<Array<{ source: string; state: unknown; updatedAt: number }>>;
}

/** An article as the store keeps it: a JSON document (one JSONL line of the corpus format). */
export interface ArticleRecord {
  id: string;
  /** Its canonical URL, when it has one: an article re-imported under another id is found by it. */
  url?: string;
  /** The article, JSON without line breaks; the layer above owns its shape. */
  document: string;
}

/** An article written since a revision: which shard of the mirror it changes. */
export interface ArticleChange {
  id: string;
  shard: number;
  revision: number;
}

/**
 * The articles every replica serves (with DATABASE_URL). Each write that changes something takes the
 * next revision, in commit order, so `changedSince(r)` never misses a change committed after a reader
 * saw `r`; on PostgreSQL it also NOTIFYs ARTICLES_CHANNEL, so replicas need not poll.
 */
export interface ArticlesStore {
  /**
   * Writes the articles in one transaction. Identical documents are left alone (no new revision);
   * resolves to the ids that changed and the revision they got (0 when none did).
   */
  upsert(articles: readonly ArticleRecord[], now: number): Promise<{ changed: string[]; revision: number }>;
  /**
   * Removes the articles in one transaction (each leaves a tombstone under the next revision, so
   * `changedSince` reports it); resolves to the ids that were there and the revision (0 when none were).
   * An id written again later is an article again.
   */
  remove(ids: readonly string[], now: number): Promise<{ changed: string[]; revision: number }>;
  get(id: string): Promise<(ArticleRecord & { revision: number }) | undefined>;
  /** The id of the article with this canonical URL. */
  idOfUrl(url: string): Promise<string | undefined>;
  /** Articles written after `revision`, oldest first, at most `limit`. */
  changedSince(revision: number, limit: number): Promise<ArticleChange[]>;
  /** The documents of one shard (0 … ARTICLE_SHARDS − 1), by id. */
  byShard(shard: number): Promise<Array<{ id: string; document: string }>>;
  count(): Promise<number>;
  /** The newest revision written (0 when none). */
  revision(): Promise<number>;
  /**
   * Calls `onChange` when another connection wrote articles (PostgreSQL's LISTEN; SQLite: never), and
   * `onLost` once when that connection ends; undefined when the engine cannot tell.
   */
  listen(
    onChange: () => void,
    onLost: (error: Error) => void,
  ): Promise<{ close(): Promise<void> } | undefined>;
}

/** Work acknowledged to Slack and not yet answered: written before the ack, claimed by a live process. */
export interface WorkItem {
  id: string;
  kind: string;
  payload: unknown;
  acceptedAt: number;
  /** How many times a process claimed it (1 for the accepting process). */
  attempts: number;
}

export interface WorkQueue {
  /**
   * Records accepted work held by `holder` until `now + leaseMs`; false when `id` is already recorded
   * (a redelivery), so the caller does not answer it twice.
   */
  accept(
    item: { id: string; kind: string; payload: unknown },
    holder: string,
    now: number,
    leaseMs: number,
  ): Promise<boolean>;
  /** Extends the holder's lease of work it is still answering. */
  renew(ids: readonly string[], holder: string, now: number, leaseMs: number): Promise<void>;
  /**
   * Claims up to `limit` items whose lease expired (their process died), oldest first, for `holder`.
   * PostgreSQL: FOR UPDATE SKIP LOCKED, so two claimers never take the same item.
   */
  claimExpired(holder: string, now: number, leaseMs: number, limit: number): Promise<WorkItem[]>;
  /** Marks work answered; false when `holder` no longer held it (another process took it over). */
  complete(id: string, holder: string, now: number): Promise<boolean>;
  /** Gives work back (draining): its lease ends now, so another process claims it at once. */
  release(ids: readonly string[], holder: string): Promise<void>;
  /** Forgets answered work completed before `before`. */
  purge(before: number): Promise<number>;
  /** Work not yet answered. */
  pending(): Promise<number>;
}

/** The store: a lifecycle like a Bolt Receiver's (init, start, stop) and one room per kind of record. */
export interface Store {
  readonly engine: StoreEngine;
  /** Connects and applies the migrations (safe when several processes start at once). */
  init(): Promise<void>;
  /**
   * Starts the background work: purging expired keys, answered work and feedback past its retention (at
   * once, then every minute), pinging while unreachable.
   */
  start(): void;
  /** Stops the background work and closes the connections. */
  stop(): Promise<void>;
  health(): StoreHealth;
  /** The schema version applied. */
  version(): Promise<number>;
  readonly seen: SeenKeys;
  readonly settings: ChannelSettingsStore;
  readonly feedback: FeedbackStore;
  readonly threads: ThreadsStore;
  readonly recentQuestions: RecentQuestionsStore;
  readonly assistantThreads: AssistantThreadsStore;
  readonly installations: InstallationsStore;
  readonly oauthStates: OAuthStatesStore;
  readonly leases: LeasesStore;
  readonly sources: SourceStateStore;
  readonly work: WorkQueue;
  readonly articles: ArticlesStore;
}
