import type { ParagraphIndex } from "../search/paragraph-index.js";
import { answerQuestion, type EngineOptions } from "./answer-question.js";
import type { AskFn } from "./types.js";

/** The AskFn the surfaces are given: answers from one loaded index. */
export function createAsk(index: ParagraphIndex, engine: EngineOptions = {}): AskFn {
  return (question, options) => answerQuestion(index, question, options, engine);
}
