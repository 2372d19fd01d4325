import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The shared data sits next to the repository (also in CI's clone). */
export const sharedDir = path.resolve(repoRoot, "../shared");
export const archiveFile = path.join(sharedDir, "bench/news-archive.jsonl.gz");
export const goldCorpusDir = path.join(sharedDir, "eval/news/corpus");
export const newsQuestionsFile = path.join(sharedDir, "eval/news/dev.jsonl");
export const squadQuestionsFile = path.join(sharedDir, "eval/squad/questions.jsonl");
export const seedCorpusDir = path.join(repoRoot, "corpus");
/** Conversations over the news corpus (follow-up recall and answer time). */
export const conversationsFile = path.join(repoRoot, "test/fixtures/conversations-eval/news.jsonl");
