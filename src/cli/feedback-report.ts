/**
 * The editors' feedback report: what readers voted down and what the archive could not answer. Pure:
 * the store's rows in, the report (JSON-able) and its text out.
 */
import type { FeedbackRow, ReasonKind, UnansweredRow } from "../store/index.js";

/** Entries per list in the report (each list is sorted by count, most first). */
export const REPORT_LIST_LIMIT = 50;

export interface PassageCount {
  articleId: string;
  paragraph: number;
  downs: number;
  ups: number;
}

export interface DownvotedQuestion {
  /** The question as first asked (of the ones grouped as the same). */
  question: string;
  normalizedQuestion: string;
  downs: number;
  /** The passages voted down for it, most first. */
  passages: Array<PassageCount & { reasons: Partial<Record<ReasonKind, number>>; notes: string[] }>;
}

export interface FeedbackReport {
  /** The first day counted ("YYYY-MM-DD"), or null for everything kept. */
  since: string | null;
  votes: { up: number; down: number };
  downvotedQuestions: DownvotedQuestion[];
  mostDownvotedPassages: Array<PassageCount & { questions: number }>;
  notFound: Array<{ question: string; normalizedQuestion: string; count: number; lastAsked: string }>;
}

const byCount =
  <T>(count: (t: T) => number) =>
  (a: T, b: T) =>
    count(b) - count(a);

export function buildFeedbackReport(
  votes: readonly FeedbackRow[],
  unanswered: readonly UnansweredRow[],
  since: string | null,
): FeedbackReport {
  const questions = new Map<string, DownvotedQuestion>();
  const passages = new Map<string, PassageCount & { questions: Set<string> }>();
  // Oldest first: a question is shown as it was first asked.
  for (const v of [...votes].sort((a, b) => a.at - b.at)) {
    const id = `${v.articleId}#${v.paragraph}`;
    const passage = passages.get(id) ?? {
      articleId: v.articleId,
      paragraph: v.paragraph,
      downs: 0,
      ups: 0,
      questions: new Set<string>(),
    };
    passages.set(id, passage);
    if (v.vote === "up") {
      passage.ups += 1;
      continue;
    }
    passage.downs += 1;
    passage.questions.add(v.normalizedQuestion);
    const q = questions.get(v.normalizedQuestion) ?? {
      question: v.question,
      normalizedQuestion: v.normalizedQuestion,
      downs: 0,
      passages: [],
    };
    questions.set(v.normalizedQuestion, q);
    q.downs += 1;
    let entry = q.passages.find((p) => p.articleId === v.articleId && p.paragraph === v.paragraph);
    if (!entry) {
      entry = { articleId: v.articleId, paragraph: v.paragraph, downs: 0, ups: 0, reasons: {}, notes: [] };
      q.passages.push(entry);
    }
    entry.downs += 1;
    if (v.reasonKind) entry.reasons[v.reasonKind] = (entry.reasons[v.reasonKind] ?? 0) + 1;
    if (v.reason) entry.notes.push(v.reason);
  }
  for (const q of questions.values()) {
    for (const p of q.passages) p.ups = passages.get(`${p.articleId}#${p.paragraph}`)?.ups ?? 0;
    q.passages.sort(byCount((p) => p.downs));
  }
  const gaps = new Map<string, FeedbackReport["notFound"][number]>();
  for (const u of [...unanswered].sort((a, b) => a.at - b.at)) {
    const gap = gaps.get(u.normalizedQuestion) ?? {
      question: u.question,
      normalizedQuestion: u.normalizedQuestion,
      count: 0,
      lastAsked: u.askedDay,
    };
    gap.count += 1;
    if (u.askedDay > gap.lastAsked) gap.lastAsked = u.askedDay;
    gaps.set(u.normalizedQuestion, gap);
  }
  return {
    since,
    votes: {
      up: votes.filter((v) => v.vote === "up").length,
      down: votes.filter((v) => v.vote === "down").length,
    },
    downvotedQuestions: [...questions.values()].sort(byCount((q) => q.downs)).slice(0, REPORT_LIST_LIMIT),
    mostDownvotedPassages: [...passages.values()]
      .filter((p) => p.downs > 0)
      .map(({ questions: qs, ...p }) => ({ ...p, questions: qs.size }))
      .sort(byCount((p) => p.downs))
      .slice(0, REPORT_LIST_LIMIT),
    notFound: [...gaps.values()].sort(byCount((g) => g.count)).slice(0, REPORT_LIST_LIMIT),
  };
}

const REASON_LABELS: Record<ReasonKind, string> = {
  wrong_passage: "wrong passage",
  out_of_date: "out of date",
  not_what_i_asked: "not what I asked",
  other: "other",
};

/** The report as text for a terminal: three lists, counts first. */
export function renderFeedbackReport(report: FeedbackReport): string {
  const lines: string[] = [
    `Feedback ${report.since ? `since ${report.since}` : "(everything kept)"}: ${report.votes.up} 👍, ${report.votes.down} 👎`,
    "",
    "Questions voted down, and their passages:",
  ];
  if (report.downvotedQuestions.length === 0) lines.push("  (none)");
  for (const q of report.downvotedQuestions) {
    lines.push(`  ${q.downs} 👎  ${q.question}`);
    for (const p of q.passages) {
      const reasons = Object.entries(p.reasons)
        .map(([kind, n]) => `${REASON_LABELS[kind as ReasonKind]} ×${n}`)
        .join(", ");
      lines.push(
        `        ${p.downs} 👎 ${p.ups} 👍  ${p.articleId} ¶${p.paragraph}${reasons ? `  (${reasons})` : ""}`,
      );
      for (const note of p.notes) lines.push(`          “${note.replace(/\s+/g, " ")}”`);
    }
  }
  lines.push("", "Passages most often voted down:");
  if (report.mostDownvotedPassages.length === 0) lines.push("  (none)");
  for (const p of report.mostDownvotedPassages) {
    lines.push(
      `  ${p.downs} 👎 ${p.ups} 👍  ${p.articleId} ¶${p.paragraph}  (${p.questions} question${p.questions === 1 ? "" : "s"})`,
    );
  }
  lines.push("", "Questions that found nothing (coverage gaps):");
  if (report.notFound.length === 0) lines.push("  (none)");
  for (const g of report.notFound) lines.push(`  ${g.count}×  ${g.question}  (last ${g.lastAsked})`);
  return `${lines.join("\n")}\n`;
}
