/**
 * The answer model: the contract every surface (Slack, shell, CLI, eval) renders or scores.
 * The engine produces it; nothing downstream searches.
 */

import type { ErrorCode } from "../errors.js";

/** A piece of an excerpt: `match` pieces are the question's words as they appear in the source. */
export interface ExcerptSpan {
  text: string;
  match: boolean;
}

/** A quoted paragraph with its citation: what a passage and a timeline line both show. */
export interface CitedParagraph {
  articleId: string;
  articleTitle: string;
  publication: string;
  url: string | null;
  /** Publication date of the article, when known. */
  published: string | null;
  /** Date of the latest correction, when the article was corrected. */
  corrected: string | null;
  /** The article's note on what was corrected, when it gives one (shown beside "Corrected …"). */
  correction?: string;
  /** 1-based paragraph number in the article body (¶). */
  paragraph: number;
  /** The full paragraph, verbatim. */
  text: string;
  /** The best sentence(s), trimmed with "…" to about 300 characters, matched words wrapped in `**`. */
  excerpt: string;
  /** The same excerpt as spans, so renderers can escape text and mark matches without re-parsing `**`. */
  excerptSpans: ExcerptSpan[];
}

export interface Passage extends CitedParagraph {
  /** 1-based rank in the answer (continues across pages: the first passage of page 2 is rank 4). */
  rank: number;
  score: number;
}

/** A word of the question that no article uses, answered as the corpus word it was corrected to. */
export interface Correction {
  /** The word as the question wrote it. */
  from: string;
  /** The corpus word it was read as, as a passage writes it. */
  to: string;
}

/**
 * How far a found answer can be trusted: "high" when its evidence (how much of the question the first
 * passage covers, whether other articles state the same answer, its lead over the next article) says it
 * is usually right; "low" when the passages are only the closest the corpus has.
 */
export type Confidence = "high" | "low";

export interface Answer {
  /** The question as answered (after the length limit; see `truncated`). */
  question: string;
  found: boolean;
  passages: Passage[];
  /** When `found` is false: one sentence that helps the asker rephrase (e.g. close corpus terms). */
  hint?: string;
  /**
   * Set when `hint` is about a filter of the question that cannot be used (a date it cannot read, a
   * range with no days): surfaces head it as a bad filter, not as "nothing found".
   */
  badFilter?: true;
  /**
   * Set when nothing was found because of the ask's filters or channel scope: the question finds
   * passages as of its day of asking without them (the archive covers it; the asker looked elsewhere).
   */
  restrictedOut?: true;
  /**
   * Articles without a date that match the question but were left out because a date filter or a
   * chosen day of asking (`--as-of`) applies: nothing places them in the range. Set when there are any.
   */
  undatedLeftOut?: number;
  /** Set when the question was longer than the limit and was cut. */
  truncated?: { originalLength: number; limit: number };
  /** True when more passages exist beyond this page (for a "More" button). */
  hasMore: boolean;
  /** The day the question was asked ("YYYY-MM-DD"), when the ask gave one: nothing published later is cited. */
  asked?: string;
  /** Restrictions read from the question or given as options, as applied (see AskFilters). */
  filters?: AskFilters;
  /** The scope the ask was given (AnswerOptions.scope), as applied. */
  scope?: AskFilters;
  /** Time phrases of the question ("this week") that the answer read as dates, as written. */
  timePhrases?: string[];
  /**
   * Set when the question names a time (`timePhrases`) but the first passage's article has no date:
   * nothing says it is from then, so the answer is low and every surface says why (undatedSentence).
   */
  undated?: true;
  /** Words of the question read as other corpus words ("Atlantis" → "Atlanta"), when passages were found with them. */
  corrections?: Correction[];
  /** On found answers: whether the first passage is likely to answer (see Confidence). */
  confidence?: Confidence;
  /** On found answers: the confidence model's probability that the first passage answers (0–1, 3 decimals). */
  confidenceScore?: number;
  /** Set when the ask was a follow-up in a thread: how the thread was read (see FollowUpReading). */
  followUp?: FollowUpReading;
  /** Set when the ask was for a story's timeline (`AnswerOptions.timeline`): then `passages` is empty. */
  timeline?: Timeline;
}

/** One line of a timeline: an article that covers the story strongly, and its best-matching passage. */
export interface TimelineEntry extends CitedParagraph {
  /** Other strong articles of the same outlet on the same day (updates of one story) folded into this line. */
  updates: number;
}

/**
 * A story's coverage in date order: one line per article that covers it strongly, oldest first, the
 * undated ones apart at the end (src/answer/timeline.ts). Paged like passages: `offset` lines skipped.
 */
export interface Timeline {
  /** This page's lines: dated ones oldest first, then undated ones, strongest first. */
  entries: TimelineEntry[];
  /** Lines skipped before this page. */
  offset: number;
  /** Lines of the whole timeline. */
  total: number;
  /** Of `total`, the undated lines (the last ones). */
  undated: number;
  /** The words are in so many articles that they name no story (the answer's hint says so). */
  noStory?: true;
}

/**
 * How a follow-up was read with its thread. `readAs` is what it carried ("Priya Nair"), shown as
 * "Reading this as: *Priya Nair* — who did she replace?"; `carried` the words added to the search
 * (weighted below the follow-up's own). Neither when the follow-up brought its own subject. `unread`
 * says why the thread could not be read: the question was answered on its own.
 */
export interface FollowUpReading {
  readAs?: string;
  carried?: string;
  /** Filters taken from the thread (the follow-up named none). */
  filtersCarried?: boolean;
  unread?: string;
}

/** One earlier question of a conversation, as Newsdesk answered it (what a reply's metadata keeps). */
export interface ThreadTurn {
  question: string;
  /** Its day of asking, "YYYY-MM-DD". */
  asked?: string;
  /** The filters it was answered with. */
  filters?: AskFilters;
  /** The passages it cited, best first, as "articleId#paragraph". */
  cited?: string[];
}

/**
 * The conversation an ask belongs to: its earlier turns, oldest first, or why they could not be read
 * (a rate limit, a thread too long, metadata missing or not Newsdesk's): then the ask is answered alone
 * and the answer says so.
 */
export type ThreadContext = { turns: ThreadTurn[] } | { unread: string };

/**
 * Restrictions of an ask, typed in the question (`from:cnn.com section:politics after:2024-01
 * before:2024-06-30`) or given as options. Days are "YYYY-MM-DD", both ends included.
 */
export interface AskFilters {
  /** Publications (any of them): "cnn.com", "CNN", "usatoday" — matched ignoring case and punctuation. */
  publications?: string[];
  /** Sections (any of them), matched the same way against the article's section. */
  sections?: string[];
  /** Bylines (any of them): a writer's name, matched the same way within the article's byline. */
  bylines?: string[];
  /** Only articles published on or after this day. */
  after?: string;
  /** Only articles published on or before this day. */
  before?: string;
}

/** Options of the answer engine. */
export interface AnswerOptions {
  /** Passages per answer. Default 3. */
  limit?: number;
  /** Passages to skip (for "More"). Default 0. */
  offset?: number;
  /** Longest excerpt, in characters, before trimming with "…". Default 300. */
  maxExcerptChars?: number;
  /** Longest question, in characters; longer questions are cut and `truncated` is set. Default 2000. */
  maxQuestionChars?: number;
  /**
   * The day of asking: "YYYY-MM-DD" or a Date (its UTC day). Articles published after it are never
   * cited, and the question's "this week" or "recently" is read relative to it. The engine has no clock:
   * without it, nothing is restricted by date and time phrases are read as words.
   */
  asked?: string | Date;
  /**
   * The day of asking was chosen (`--as-of`, a JSON line's "asked"), not the clock's: articles without
   * a date are left out, as a date filter leaves them out, and the answer says how many.
   */
  datedOnly?: boolean;
  /** Restrictions besides those typed in the question (both apply). */
  filters?: AskFilters;
  /**
   * Answer with the story's timeline instead of passages: the articles that cover the words strongly,
   * oldest first (`limit` lines a page, default 15). Filters and the day of asking apply as to questions.
   */
  timeline?: boolean;
  /**
   * A channel's scope (its desk settings): every passage must match it as well as the question's own
   * filters, which narrow further within it rather than widen it. Publications, sections and bylines.
   */
  scope?: AskFilters;
  /**
   * Passages ("articleId#paragraph", ¶ 1-based) readers voted down for this question: none of them is
   * shown first while another passage answers (they stay further down).
   */
  demoted?: readonly string[];
  /** The thread the question follows up on, when it is asked in one. */
  thread?: ThreadContext;
}

/**
 * Where answerQuestion reports a bug it recovered from (the asker only sees "could not be processed").
 * Pino's logger fits; the engine stays pure because the caller chooses it. Default: silent.
 */
export interface AnswerLog {
  error(fields: { code: ErrorCode; err: unknown }, message: string): void;
}

/** What the surfaces (Slack, shell) are given: ask a question, get the answer model. */
export type AskFn = (question: string, options?: AnswerOptions) => Answer;

/** An AskFn that may answer elsewhere (the live index's worker thread): the Slack surfaces await it. */
export type AsyncAskFn = (question: string, options?: AnswerOptions) => Answer | Promise<Answer>;
