// The answer layer's front door: opening an engine over an index, asking it, and the plain-text rendering
// every text surface shares. Other layers import from here.
export { CONFIDENCE_MODEL } from "./confidence-model.js";
export { filtersText } from "./filters-text.js";
export { followUpKind, MAX_CITED_PER_TURN, turnOf } from "./follow-up.js";
export {
  correctionSentence,
  followUpSentence,
  HIGH_CONFIDENCE_MARKER,
  LOW_CONFIDENCE_SENTENCE,
  undatedSentence,
} from "./notes.js";
export { engineOverIndex, type OpenedEngine, openEngine } from "./open-engine.js";
export { renderAnswerText } from "./render-text.js";
export type {
  Answer,
  AnswerLog,
  AnswerOptions,
  AskFilters,
  AskFn,
  AsyncAskFn,
  FollowUpReading,
  Passage,
  ThreadContext,
  ThreadTurn,
} from "./types.js";
