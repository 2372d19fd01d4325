import { dayNumber, dayString } from "../corpus/index.js";
import type { AskFilters } from "./types.js";

/**
 * Filters a newsroom types into a question, in the manner of a search box:
 *   from:cnn.com  section:politics  byline:"Ann Lee"  after:2024-01  before:2024-06-30
 * `from:`, `section:` and `byline:` may repeat (any of them matches); dates are a year, a month or a day and count
 * whole (after:2024-01 is from 1 Jan 2024, before:2024-06 up to 30 Jun 2024). Pure.
 */
export interface ParsedFilters {
  /** The question without its filter tokens. */
  question: string;
  filters: AskFilters;
  /** One sentence naming a filter that could not be read and how to write it. */
  problem?: string;
}

/** The filter keys a question may hold; /ask's usage hint in manifest.yml names each (manifest.test.ts). */
export const ASK_FILTER_KEYS = ["from", "section", "byline", "after", "before"] as const;

const TOKEN = new RegExp(`(^|\\s)(${ASK_FILTER_KEYS.join("|")}):(?:"([^"]*)"|(\\S+))`, "gi");

/** First or last day ("YYYY-MM-DD") of a year, month or day written "2024", "2024-01" or "2024-01-15". */
export function boundDay(value: string, end: boolean): string | null {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const pad = (n: number) => String(n).padStart(2, "0");
  if (m[3] !== undefined) {
    const day = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
    return dayNumber(day) === null ? null : day;
  }
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    if (!end) return `${m[1]}-${pad(month)}-01`;
    // The day before the first of the next month.
    return dayString(Math.round(Date.UTC(year, month, 1) / 86_400_000) - 1);
  }
  return end ? `${m[1]}-12-31` : `${m[1]}-01-01`;
}

/** Whitespace that folding to single spaces would change: a run, or a space other than " ". */
const UNFOLDED = /\s{2,}|[^\S ]/;

export function parseAskFilters(text: string): ParsedFilters {
  // Every filter token holds a colon: most questions have none, and their text only needs folding.
  if (!text.includes(":")) {
    return { question: (UNFOLDED.test(text) ? text.replace(/\s+/g, " ") : text).trim(), filters: {} };
  }
  const filters: AskFilters = {};
  let problem: string | undefined;
  const question = text
    .replace(
      TOKEN,
      (_all, lead: string, rawKey: string, quoted: string | undefined, bare: string | undefined) => {
        const key = rawKey.toLowerCase();
        const value = (quoted ?? bare ?? "").trim();
        if (value === "") return lead;
        if (key === "from") filters.publications = [...(filters.publications ?? []), value];
        else if (key === "section") filters.sections = [...(filters.sections ?? []), value];
        else if (key === "byline") filters.bylines = [...(filters.bylines ?? []), value];
        else {
          const day = boundDay(value, key === "before");
          if (day === null) {
            problem ??= `"${key}:${value}" is not a date I can read; write ${key}:2024, ${key}:2024-01 or ${key}:2024-01-15.`;
          } else if (key === "after") filters.after = day;
          else filters.before = day;
        }
        return lead;
      },
    )
    .replace(/\s+/g, " ")
    .trim();
  return problem ? { question, filters, problem } : { question, filters };
}

/** True when no filter is set. */
export function noFilters(filters: AskFilters | undefined): boolean {
  return (
    !filters ||
    (!filters.publications?.length &&
      !filters.sections?.length &&
      !filters.bylines?.length &&
      !filters.after &&
      !filters.before)
  );
}
