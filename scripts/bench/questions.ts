import { readFile } from "node:fs/promises";
import type { Article } from "../../src/corpus/types.js";
import { questionOfMessage } from "../../src/slack/surfaces/message-shortcut.js";
import { createRandom, type Random } from "./random.js";
import { STOP_WORDS } from "./stop-words.js";

export type QuestionKind = "news" | "archive" | "squad";

export interface BenchQuestion {
  id: string;
  question: string;
  /** Phrases a hit must hold; empty for generated questions, which are only timed. */
  expect: string[];
  kind: QuestionKind;
}

/** Reads an eval question file (eval README format). */
export async function readQuestionFile(file: string, kind: QuestionKind): Promise<BenchQuestion[]> {
  const text = await readFile(file, "utf8");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const row = JSON.parse(line) as { id: string; question: string; expect?: string[] };
      return { id: row.id, question: row.question, expect: row.expect ?? [], kind };
    });
}

/** A deterministic sample of `count` items (seeded Fisher–Yates on a copy). */
export function sample<T>(items: readonly T[], count: number, seed: number): T[] {
  const copy = [...items];
  const random = createRandom(seed);
  const n = Math.min(count, copy.length);
  for (let i = 0; i < n; i += 1) {
    const j = i + random.int(copy.length - i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

interface SentenceParts {
  /** Capitalised runs not at the sentence start: names, places, organisations. */
  entities: string[];
  /** Lower-case content words in sentence order. */
  words: string[];
}

function analyse(sentence: string): SentenceParts {
  const tokens = sentence.match(WORD) ?? [];
  const entities: string[] = [];
  const words: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length > 0) entities.push(run.slice(0, 3).join(" "));
    run = [];
  };
  tokens.forEach((token, i) => {
    const lower = token.toLowerCase();
    const capitalised = /^\p{Lu}/u.test(token);
    if (capitalised && i > 0 && !STOP_WORDS.has(lower) && token.length >= 3) {
      run.push(token);
      return;
    }
    flush();
    if (!capitalised && token.length >= 4 && !STOP_WORDS.has(lower) && /^\p{L}+$/u.test(token)) {
      words.push(lower);
    }
  });
  flush();
  return { entities, words };
}

/** One plausible typo: a transposition, a dropped letter or a doubled letter, never the first letter. */
export function misspell(word: string, random: Random): string {
  if (word.length < 4) return word;
  const i = 1 + random.int(word.length - 2);
  switch (random.int(3)) {
    case 0:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    default:
      return word.slice(0, i) + word[i] + word.slice(i);
  }
}

type Template = (e: string | undefined, w: string[], title: string) => string | undefined;

// Phrasings a desk editor types: full questions, "anything on…", and bare keywords.
const TEMPLATES: Template[] = [
  (e, w) => (e && w[0] ? `What did ${e} say about ${w[0]}?` : undefined),
  (e, w) => (e && w[1] ? `When did ${e} ${w[0]} ${w[1]}?` : undefined),
  (e) => (e ? `Who is ${e}?` : undefined),
  (e, w) => (e && w[0] ? `Anything on ${e} and ${w[0]}?` : undefined),
  (e) => (e ? `What's the latest on ${e}?` : undefined),
  (e, w) => (e && w[1] ? `${e} ${w[0]} ${w[1]}` : undefined),
  (e, w) => (e && w[0] ? `Where is ${e} ${w[0]}?` : undefined),
  (_e, w) => (w[2] ? `How many ${w[0]} ${w[1]} ${w[2]}?` : undefined),
  (_e, w) => (w[2] ? `Why did the ${w[0]} ${w[1]} ${w[2]}?` : undefined),
  (_e, w) => (w[1] ? `What happened to the ${w[0]} ${w[1]}?` : undefined),
  (_e, _w, title) => (title ? `Do we have anything on ${title}?` : undefined),
  (_e, _w, title) => (title ? `${title}?` : undefined),
];

const MAX_TITLE_WORDS = 8;

/**
 * `count` questions phrased the way a desk editor would ask about the given articles, built from their
 * sentences and titles with a seeded generator (same seed, same articles → same questions). About one
 * in five carries a typo in a long word, the case a retriever's fuzzy matching exists for.
 */
export function generateArchiveQuestions(
  articles: readonly Article[],
  count: number,
  seed: number,
): BenchQuestion[] {
  const random = createRandom(seed);
  const questions: BenchQuestion[] = [];
  if (articles.length === 0) return questions;
  let attempts = 0;
  while (questions.length < count && attempts < count * 50) {
    attempts += 1;
    const article = random.pick(articles);
    const paragraph = random.pick(article.paragraphs);
    const sentences = paragraph.split(/(?<=[.!?])\s+/).filter((s) => s.split(/\s+/).length >= 8);
    if (sentences.length === 0) continue;
    const { entities, words } = analyse(random.pick(sentences));
    if (words.length < 2) continue;
    const start = random.int(Math.max(1, words.length - 2));
    const picked = words.slice(start, start + 3);
    const entity = entities.length > 0 ? random.pick(entities) : undefined;
    const title = article.title
      .split(/\s+/)
      .slice(0, MAX_TITLE_WORDS)
      .join(" ")
      .replace(/[?.!]+$/, "");
    let question = random.pick(TEMPLATES)(entity, picked, title);
    if (!question) continue;
    if (random.next() < 0.2) {
      const long = (question.match(WORD) ?? []).filter((t) => t.length >= 6);
      if (long.length > 0) {
        const target = random.pick(long);
        question = question.replace(target, misspell(target, random));
      }
    }
    questions.push({ id: `gen-${questions.length + 1}`, question, expect: [], kind: "archive" });
  }
  return questions;
}

/**
 * Messages a desk would run "Find our coverage" on: the first two sentences of a random archive
 * paragraph (a claim pasted into a channel), made a question exactly as the shortcut makes one.
 */
export function generatePastedMessages(articles: readonly Article[], count: number, seed: number): string[] {
  const random = createRandom(seed);
  const messages: string[] = [];
  if (articles.length === 0) return messages;
  for (let attempts = 0; messages.length < count && attempts < count * 50; attempts += 1) {
    const paragraph = random.pick(random.pick(articles).paragraphs);
    const sentences = paragraph.split(/(?<=[.!?])\s+/);
    if (sentences.length < 2) continue;
    messages.push(questionOfMessage(sentences.slice(0, 2).join(" "), ""));
  }
  return messages;
}
