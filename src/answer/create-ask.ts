import { type EngineOptions, type ParagraphIndex, resolveEngineOptions } from "../search/index.js";
import { answerQuestion } from "./answer-question.js";
import type { AskFn } from "./types.js";

/** The AskFn the surfaces are given: answers from one loaded index. */
export function createAsk(index: ParagraphIndex, engine: EngineOptions = {}): AskFn {
  // Resolved once here, not per question.
  const resolved = resolveEngineOptions(engine);
  return (question, options) => answerQuestion(index, question, options, resolved);
}
