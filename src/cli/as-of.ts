import type { ThreadTurn } from "../answer/index.js";
import { dayNumber, dayOfInstant, dayString, isDayString } from "../corpus/index.js";

/** The day of asking of a command: `--as-of YYYY-MM-DD`, else today by the clock it is given. */
export function asOfDay(flag: string | undefined, now: () => Date): { day: string } | { error: string } {
  if (flag === undefined) return { day: dayString(dayOfInstant(now())) };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(flag.trim()) || dayNumber(flag) === null) {
    return { error: `--as-of must be a date written YYYY-MM-DD, for example --as-of 2024-06-30.` };
  }
  return { day: flag.trim() };
}

/**
 * A line of standard input to `ask`: a JSON object `{"question": "…", "asked": "YYYY-MM-DD"}`, or a
 * plain question asked on `today`. A JSON line without a usable question or date says what is wrong.
 */
export function readAskLine(
  line: string,
  today: string,
): { question: string; asked: string; chosen: boolean; thread?: ThreadTurn[] } | { error: string } {
  const trimmed = line.trim();
  if (!trimmed.startsWith("{")) return { question: line, asked: today, chosen: false };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    // A question may start with "{"; only a line that is JSON is read as JSON.
    return { question: line, asked: today, chosen: false };
  }
  const v = value as { question?: unknown; asked?: unknown; thread?: unknown };
  if (typeof v.question !== "string") return { error: 'a JSON line needs "question" as text.' };
  const thread = v.thread === undefined ? undefined : readThreadTurns(v.thread, '"thread"');
  if (thread && "error" in thread) return thread;
  const withThread = thread ? { thread: thread.turns } : {};
  if (v.asked === undefined) return { question: v.question, asked: today, chosen: false, ...withThread };
  if (!isDayString(v.asked)) {
    return { error: '"asked" must be a date written YYYY-MM-DD, for example "2024-06-30".' };
  }
  return { question: v.question, asked: v.asked, chosen: true, ...withThread };
}

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === "string");

/**
 * Earlier turns of a conversation, as `ask` takes them (`--context FILE`, a JSON line's "thread"): an
 * array of {"question", "asked"?, "filters"?, "cited"?: ["articleId#paragraph"]}, oldest first.
 */
export function readThreadTurns(value: unknown, where: string): { turns: ThreadTurn[] } | { error: string } {
  const fix = `${where} must be a list of earlier turns, for example [{"question": "Who is the new superintendent?"}]`;
  if (!Array.isArray(value)) return { error: `${fix}.` };
  const turns: ThreadTurn[] = [];
  for (const [i, item] of value.entries()) {
    const t = (item ?? {}) as Record<string, unknown>;
    const at = `${where} turn ${i + 1}`;
    if (typeof t.question !== "string" || t.question.trim() === "")
      return { error: `${at} needs "question" as text; ${fix}.` };
    const turn: ThreadTurn = { question: t.question };
    if (t.asked !== undefined) {
      if (!isDayString(t.asked)) return { error: `${at}: "asked" must be a date written YYYY-MM-DD.` };
      turn.asked = t.asked;
    }
    if (t.cited !== undefined) {
      if (!isStrings(t.cited))
        return { error: `${at}: "cited" must be a list of "articleId#paragraph" texts.` };
      turn.cited = t.cited;
    }
    if (t.filters !== undefined) {
      const f = t.filters as Record<string, unknown>;
      const ok =
        typeof f === "object" &&
        f !== null &&
        (f.publications === undefined || isStrings(f.publications)) &&
        (f.sections === undefined || isStrings(f.sections)) &&
        (f.after === undefined || isDayString(f.after)) &&
        (f.before === undefined || isDayString(f.before));
      if (!ok)
        return {
          error: `${at}: "filters" must be {"publications": [...], "sections": [...], "after": "YYYY-MM-DD", "before": "YYYY-MM-DD"}.`,
        };
      turn.filters = f as ThreadTurn["filters"] & object;
    }
    turns.push(turn);
  }
  return { turns };
}
