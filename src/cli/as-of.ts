import { dayNumber, dayOfInstant, dayString } from "../corpus/index.js";

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
): { question: string; asked: string; chosen: boolean } | { error: string } {
  const trimmed = line.trim();
  if (!trimmed.startsWith("{")) return { question: line, asked: today, chosen: false };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    // A question may start with "{"; only a line that is JSON is read as JSON.
    return { question: line, asked: today, chosen: false };
  }
  const v = value as { question?: unknown; asked?: unknown };
  if (typeof v.question !== "string") return { error: 'a JSON line needs "question" as text.' };
  if (v.asked === undefined) return { question: v.question, asked: today, chosen: false };
  if (typeof v.asked !== "string" || dayNumber(v.asked) === null || !/^\d{4}-\d{2}-\d{2}$/.test(v.asked)) {
    return { error: '"asked" must be a date written YYYY-MM-DD, for example "2024-06-30".' };
  }
  return { question: v.question, asked: v.asked, chosen: true };
}
