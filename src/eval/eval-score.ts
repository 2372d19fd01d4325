import type { Answer } from "../answer/types.js";
import { NewsdeskError } from "../errors.js";

/** A question file that cannot be read: names the file and line. */
export class EvalFileError extends NewsdeskError {
  constructor(message: string) {
    super("eval_file_invalid", message);
    this.name = "EvalFileError";
  }
}

/** One line of an evaluation file (see ../shared/eval/README.md). */
export interface EvalQuestion {
  id: string;
  question: string;
  /** Phrases of the corpus; a passage whose text holds one is a hit. Empty: the corpus has no answer. */
  expect: string[];
  /** The short answer, which the first excerpt should show. */
  answer?: string;
}

export interface EvalReport {
  answerable: number;
  unanswerable: number;
  recallAt1: number;
  recallAt3: number;
  mrr: number;
  excerptAt1: number;
  /** Unanswerable questions answered with nothing. */
  noAnswer: number;
  /** Answerable questions with no hit in the first three passages. */
  missedAt3: string[];
  /** Answerable questions whose first passage is not a hit. */
  missedAt1: string[];
  /** Unanswerable questions that got passages. */
  falseAnswers: string[];
}

/** Folding of the evaluation: straight quotes, collapsed white space, lower case. */
export function foldForEval(text: string): string {
  return text
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** 1-based rank of the first passage holding an expected phrase, or 0. */
export function hitRank(answer: Answer, expect: readonly string[]): number {
  const phrases = expect.map(foldForEval).filter((p) => p.length > 0);
  for (const passage of answer.passages) {
    const text = foldForEval(passage.text);
    if (phrases.some((p) => text.includes(p))) return passage.rank;
  }
  return 0;
}

function excerptShows(answer: Answer, question: EvalQuestion): boolean {
  const first = answer.passages[0];
  if (!first) return false;
  const shown = foldForEval(first.excerptSpans.map((s) => s.text).join(""));
  const targets = question.answer ? [question.answer] : question.expect;
  return targets.map(foldForEval).some((t) => t.length > 0 && shown.includes(t));
}

/** Scores answers against their questions (same order). Pure. */
export function scoreEval(questions: readonly EvalQuestion[], answers: readonly Answer[]): EvalReport {
  let answerable = 0;
  let unanswerable = 0;
  let at1 = 0;
  let at3 = 0;
  let rr = 0;
  let excerpt = 0;
  let noAnswer = 0;
  const missedAt1: string[] = [];
  const missedAt3: string[] = [];
  const falseAnswers: string[] = [];
  questions.forEach((q, i) => {
    const answer = answers[i]!;
    if (q.expect.length === 0) {
      unanswerable++;
      if (!answer.found && answer.passages.length === 0) noAnswer++;
      else falseAnswers.push(q.id);
      return;
    }
    answerable++;
    const rank = hitRank(answer, q.expect);
    if (rank === 1) at1++;
    else missedAt1.push(q.id);
    if (rank >= 1 && rank <= 3) at3++;
    else missedAt3.push(q.id);
    if (rank > 0) rr += 1 / rank;
    if (excerptShows(answer, q)) excerpt++;
  });
  const share = (n: number) => (answerable === 0 ? 0 : n / answerable);
  return {
    answerable,
    unanswerable,
    recallAt1: share(at1),
    recallAt3: share(at3),
    mrr: share(rr),
    excerptAt1: share(excerpt),
    noAnswer,
    missedAt1,
    missedAt3,
    falseAnswers,
  };
}

/** Parses an evaluation file's text; names the line of a bad entry. */
export function parseEvalFile(text: string, file = "questions"): EvalQuestion[] {
  const out: EvalQuestion[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim().length === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new EvalFileError(`${file}:${i + 1}: not a JSON object.`);
    }
    const v = value as Partial<EvalQuestion>;
    if (typeof v?.id !== "string" || typeof v.question !== "string" || !Array.isArray(v.expect)) {
      throw new EvalFileError(`${file}:${i + 1}: each line needs "id", "question" and "expect".`);
    }
    out.push({
      id: v.id,
      question: v.question,
      expect: v.expect.map(String),
      ...(typeof v.answer === "string" ? { answer: v.answer } : {}),
    });
  });
  return out;
}
