import type { Answer } from "../answer/index.js";
import { dayNumber } from "../corpus/index.js";
import { NewsdeskError } from "../errors.js";
import { type Calibration, type CalibrationPoint, calibrationOf } from "./calibration.js";

/** A question file that cannot be read: names the file and line. */
class EvalFileError extends NewsdeskError {
  constructor(message: string) {
    super("eval_file_invalid", message);
    this.name = "EvalFileError";
  }
}

/** One line of an evaluation file (see ../shared/eval/README.md). */
export interface EvalQuestion {
  id: string;
  question: string;
  /**
   * Phrases of the corpus; a passage whose text holds one is a hit. Empty: the corpus has no answer.
   * Absent on archive rows, which are scored by `answer` and `wrong` instead.
   */
  expect?: string[];
  /** The short answer, which the first excerpt should show (archive rows: the first passage's text). */
  answer?: string;
  /** Archive rows: the other choices of the quiz; a passage holding one does not answer cleanly. */
  wrong?: string[];
  /** The day the question was asked, "YYYY-MM-DD". */
  asked?: string;
}

/** Scores of the archive rows (those with `answer` and no `expect`; see ../shared/eval/README.md). */
export interface ArchiveReport {
  questions: number;
  /** Share whose first passage holds the answer. */
  answerAt1: number;
  answerAt3: number;
  /** Share whose first passage holds the answer and none of the wrong choices. */
  cleanlyAt1: number;
  missedAt1: string[];
}

/** Confidence split, when answers carry `confidence`. */
export interface ConfidenceReport {
  /** Answers (found) that carry a confidence. */
  judged: number;
  /** Share of all scored questions whose answer is marked high. */
  highShare: number;
  /** Of the answers marked high, the share right first (R@1 or answer@1). */
  highRightAt1: number;
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
  archive?: ArchiveReport;
  /** Questions with `asked` whose first passage is from an article published after that day. */
  fromFuture: { count: number; of: number; share: number; ids: string[] };
  confidence?: ConfidenceReport;
  /** Per confidence band and per tenth of probability: answers and the share right first (scored questions). */
  calibration: Calibration;
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

/** Whether a passage's text holds one of the expected phrases, both folded: the evaluation's hit. */
export function holdsExpected(passageText: string, expect: readonly string[]): boolean {
  const text = foldForEval(passageText);
  return expect.some((phrase) => {
    const p = foldForEval(phrase);
    return p.length > 0 && text.includes(p);
  });
}

/** 1-based rank of the first passage holding an expected phrase, or 0. */
export function hitRank(answer: Answer, expect: readonly string[]): number {
  for (const passage of answer.passages) {
    if (holdsExpected(passage.text, expect)) return passage.rank;
  }
  return 0;
}

/**
 * R@1, R@3 and MRR of the answerable questions, from the 1-based rank of each one's first hit (0 when
 * none): the figures `npm run eval`, the tuner and the bench report.
 */
export function rankScores(ranks: readonly number[]): { recallAt1: number; recallAt3: number; mrr: number } {
  let at1 = 0;
  let at3 = 0;
  let rr = 0;
  for (const rank of ranks) {
    if (rank === 1) at1++;
    if (rank >= 1 && rank <= 3) at3++;
    if (rank > 0) rr += 1 / rank;
  }
  const share = (n: number) => (ranks.length === 0 ? 0 : n / ranks.length);
  return { recallAt1: share(at1), recallAt3: share(at3), mrr: share(rr) };
}

function excerptShows(answer: Answer, question: EvalQuestion): boolean {
  const first = answer.passages[0];
  if (!first) return false;
  const shown = foldForEval(first.excerptSpans.map((s) => s.text).join(""));
  const targets = question.answer ? [question.answer] : (question.expect ?? []);
  return targets.map(foldForEval).some((t) => t.length > 0 && shown.includes(t));
}

function holds(passageText: string, phrase: string): boolean {
  const p = foldForEval(phrase);
  return p.length > 0 && foldForEval(passageText).includes(p);
}

/** Archive rows: a passage *answers* when its text holds the question's `answer`, folded. */
export function answersArchive(
  passage: { text: string } | undefined,
  question: Pick<EvalQuestion, "answer">,
): boolean {
  return passage !== undefined && question.answer !== undefined && holds(passage.text, question.answer);
}

/** Archive rows: a passage answers *cleanly* when it answers and holds none of the `wrong` choices. */
function answersCleanly(
  passage: { text: string } | undefined,
  question: Pick<EvalQuestion, "answer" | "wrong">,
): boolean {
  return answersArchive(passage, question) && !(question.wrong ?? []).some((w) => holds(passage!.text, w));
}

/** The day part of a `published` value, for comparing with `asked`. */
function dayOf(value: string | null | undefined): string | null {
  const m = typeof value === "string" ? /^(\d{4}-\d{2}-\d{2})/.exec(value.trim()) : null;
  return m ? m[1]! : null;
}

/** Running counts of one evaluation: a field per figure, a method per kind of row. */
class EvalTally {
  readonly archive = { questions: 0, at1: 0, at3: 0, clean1: 0, missed: [] as string[] };
  readonly future = { dated: 0, ids: [] as string[] };
  readonly verdicts = { judged: 0, scored: 0, high: 0, highRight: 0 };
  readonly ranked = {
    ranks: [] as number[],
    excerpt: 0,
    missedAt1: [] as string[],
    missedAt3: [] as string[],
  };
  readonly unanswerable = { count: 0, noAnswer: 0, falseAnswers: [] as string[] };
  readonly points: CalibrationPoint[] = [];

  add(q: EvalQuestion, answer: Answer): void {
    const first = answer.found ? answer.passages[0] : undefined;
    if (q.asked) {
      this.future.dated++;
      const published = dayOf(first?.published);
      if (published && published > q.asked) this.future.ids.push(q.id);
    }
    if (answer.found && answer.confidence) this.verdicts.judged++;
    if (q.expect === undefined) {
      if (q.answer !== undefined) this.archiveRow(q, answer, first);
    } else if (q.expect.length === 0) this.unanswerableRow(q, answer);
    else this.rankedRow(q, q.expect, answer);
  }

  /** A question with an answer string (the archive's quiz rows): answer@1, @3, cleanly. */
  private archiveRow(q: EvalQuestion, answer: Answer, first: Answer["passages"][number] | undefined): void {
    this.archive.questions++;
    const right1 = answersArchive(first, q);
    if (right1) this.archive.at1++;
    else this.archive.missed.push(q.id);
    if (answer.found && answer.passages.slice(0, 3).some((p) => answersArchive(p, q))) this.archive.at3++;
    if (answersCleanly(first, q)) this.archive.clean1++;
    this.judge(answer, right1);
  }

  /** A question no passage answers: right when nothing is found. */
  private unanswerableRow(q: EvalQuestion, answer: Answer): void {
    this.unanswerable.count++;
    if (!answer.found && answer.passages.length === 0) this.unanswerable.noAnswer++;
    else this.unanswerable.falseAnswers.push(q.id);
  }

  /** A question with expected passages: the rank of the first hit, the excerpt. */
  private rankedRow(q: EvalQuestion, expect: NonNullable<EvalQuestion["expect"]>, answer: Answer): void {
    const rank = hitRank(answer, expect);
    this.ranked.ranks.push(rank);
    this.judge(answer, rank === 1);
    if (rank !== 1) this.ranked.missedAt1.push(q.id);
    if (!(rank >= 1 && rank <= 3)) this.ranked.missedAt3.push(q.id);
    if (excerptShows(answer, q)) this.ranked.excerpt++;
  }

  /** The verdict of a scored answer against whether its first passage is right. */
  private judge(answer: Answer, rightFirst: boolean): void {
    this.verdicts.scored++;
    const p: CalibrationPoint = { rightFirst };
    if (answer.found && answer.confidence) p.confidence = answer.confidence;
    if (answer.found && answer.confidenceScore !== undefined) p.probability = answer.confidenceScore;
    this.points.push(p);
    if (answer.found && answer.confidence === "high") {
      this.verdicts.high++;
      if (rightFirst) this.verdicts.highRight++;
    }
  }

  report(): EvalReport {
    const { archive, future, verdicts, ranked, unanswerable } = this;
    const answerable = ranked.ranks.length;
    const share = (n: number, of: number) => (of === 0 ? 0 : n / of);
    return {
      answerable,
      unanswerable: unanswerable.count,
      ...rankScores(ranked.ranks),
      excerptAt1: share(ranked.excerpt, answerable),
      noAnswer: unanswerable.noAnswer,
      missedAt1: ranked.missedAt1,
      missedAt3: ranked.missedAt3,
      falseAnswers: unanswerable.falseAnswers,
      ...(archive.questions > 0
        ? {
            archive: {
              questions: archive.questions,
              answerAt1: archive.at1 / archive.questions,
              answerAt3: archive.at3 / archive.questions,
              cleanlyAt1: archive.clean1 / archive.questions,
              missedAt1: archive.missed,
            },
          }
        : {}),
      fromFuture: {
        count: future.ids.length,
        of: future.dated,
        share: share(future.ids.length, future.dated),
        ids: future.ids,
      },
      ...(verdicts.judged > 0
        ? {
            confidence: {
              judged: verdicts.judged,
              highShare: share(verdicts.high, verdicts.scored),
              highRightAt1: share(verdicts.highRight, verdicts.high),
            },
          }
        : {}),
      calibration: calibrationOf(this.points),
    };
  }
}

/** Scores answers against their questions (same order). Pure. */
export function scoreEval(questions: readonly EvalQuestion[], answers: readonly Answer[]): EvalReport {
  const tally = new EvalTally();
  for (const [i, q] of questions.entries()) tally.add(q, answers[i]!);
  return tally.report();
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
    if (
      typeof v?.id !== "string" ||
      typeof v.question !== "string" ||
      !(Array.isArray(v.expect) || (v.expect === undefined && typeof v.answer === "string"))
    ) {
      throw new EvalFileError(
        `${file}:${i + 1}: each line needs "id", "question" and "expect" (or, on archive rows, "answer").`,
      );
    }
    if (v.asked !== undefined && (typeof v.asked !== "string" || dayNumber(v.asked) === null)) {
      throw new EvalFileError(`${file}:${i + 1}: "asked" must be a date like 2023-01-06.`);
    }
    const row: EvalQuestion = { id: v.id, question: v.question };
    if (Array.isArray(v.expect)) row.expect = v.expect.map(String);
    if (typeof v.answer === "string") row.answer = v.answer;
    if (Array.isArray(v.wrong)) row.wrong = v.wrong.map(String);
    if (typeof v.asked === "string") row.asked = v.asked;
    out.push(row);
  });
  return out;
}
