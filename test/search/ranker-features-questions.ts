import type { ArticleRestriction } from "../../src/search/article-weights.js";

/** Questions of the ranking fixture whose ranker features rows.json holds (as computed before a refactor). */
export const QUESTIONS: readonly [string, ArticleRestriction | undefined][] = [
  ["When did the bridge reopen?", undefined],
  ["When did the bridge reopen?", { asked: 19_500 }],
  ["Who won the chess championship?", undefined],
  ["How many people came to the festival?", undefined],
  ["What did the council vote on?", { asked: 19_400, span: { from: 19_000, to: 19_400 } }],
  ["Where did the flood hit?", undefined],
  ["Who runs the museum?", undefined],
  ["How much did the harbour works cost?", undefined],
  ["What did he say about the bridge?", undefined],
  ["Which shop closed its stores?", undefined],
  ["the festival the council the bridge the flood the harbour", undefined],
];
