import { type EngineOptions, type ParagraphIndex, resolveEngineOptions } from "../search/index.js";
import { answerQuestion } from "./answer-question.js";
import type { AnswerLog, AskFn } from "./types.js";

/**
 * The AskFn the surfaces are given: answers from one loaded index. `log` receives the bugs answering
 * recovers from (default: silent).
 */
export function createAsk(index: ParagraphIndex, engine: EngineOptions = {}, log?: AnswerLog): AskFn {
  // Resolved once here, not per question.
  const resolved = resolveEngineOptions(engine);
  return (question, options) => answerQuestion(index, question, options, resolved, log);
}
