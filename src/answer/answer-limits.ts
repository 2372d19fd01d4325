/**
 * The answer layer's caps and defaults, one documented constant each (as milli's `limits.rs`): what an
 * `AnswerOptions` left unset means. Ranking weights are not here: they are DEFAULT_ENGINE_OPTIONS.
 */
export const ANSWER_LIMITS = Object.freeze({
  /** Longest question read, characters; a longer one is cut and says so (`truncated`). */
  maxQuestionChars: 2000,
  /** Passages in one answer unless asked for more (Slack's reply shows three, More pages on). */
  passages: 3,
  /** Longest excerpt quoted from a paragraph, characters, before it is cut around the matched words. */
  maxExcerptChars: 300,
  /** The shortest excerpt a caller may ask for: shorter cannot hold a matched word with its context. */
  minExcerptChars: 20,
});
