// The answer layer's front door: the engine's one door (createEngine, openEngine) and asking it, and the plain-text rendering
// every text surface shares. Other layers import from here.
export { type ArchiveOverview, archiveOverview, type Headline, storyQuestion } from "./archive-overview.js";
export { CONFIDENCE_MODEL } from "./confidence-model.js";
export {
  createEngine,
  ENGINE_INDEX_OPTIONS,
  type Engine,
  type EngineSettings,
  loadEngineIndex,
  type OpenedEngine,
  openEngine,
  patchEngineIndex,
} from "./engine.js";
export { filtersText } from "./filters-text.js";
export { followUpKind, MAX_CITED_PER_TURN, turnOf } from "./follow-up.js";
export { normalizeQuestion } from "./normalize-question.js";
export {
  BAD_FILTER_SENTENCE,
  correctedText,
  correctionSentence,
  followUpSentence,
  HIGH_CONFIDENCE_MARKER,
  LOW_CONFIDENCE_SENTENCE,
  undatedLeftOutSentence,
  undatedSentence,
} from "./notes.js";
export { renderAnswerText } from "./render-text.js";
export { emptyTimelineSentence, timelineCount, updatesNote } from "./render-timeline-text.js";
export { TIMELINE_PAGE } from "./timeline.js";
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
  Timeline,
  TimelineEntry,
} from "./types.js";
