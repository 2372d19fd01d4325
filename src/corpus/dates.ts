/**
 * Dates as the corpus stores them: a calendar date ("2024-05-14") when the source gives no time of
 * day, else the instant in UTC to the second ("2024-05-14T17:32:00Z"). One form per kind, so that
 * citations format them one way and "newer than" compares them as text or as dates alike.
 */

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// ISO 8601 with a time: offset or Z required for an instant; without one the time is ambiguous.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const ISO_LOCAL = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?$/;
// RFC 822/2822 (RSS pubDate, HTTP Last-Modified): "Tue, 14 May 2024 18:32:00 +0100", "… GMT".
const RFC_2822 =
  /^(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3,9}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[A-Za-z]{1,5}|[+-]\d{4})?$/;

function validDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The UTC instant of `time` (ms) in the corpus form, seconds precision. */
function isoInstant(time: number): string {
  return `${new Date(time).toISOString().slice(0, 19)}Z`;
}

/**
 * A date as a source wrote it (JSON-LD, `<meta>`, RSS, Atom, sitemaps, the WordPress API, HTTP
 * headers) in the corpus form, or undefined when it is not a date that can be read without guessing
 * (a local time with no offset keeps only its calendar date; words like "yesterday" are refused).
 */
export function normalizeDate(value: string | undefined | null): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const day = DATE_ONLY.exec(text);
  if (day) return validDay(Number(day[1]), Number(day[2]), Number(day[3])) ? text : undefined;
  if (ISO_TIME.test(text) || RFC_2822.test(text)) {
    // Date.parse wants "+01:00"; ISO allows "+0100" and "+01".
    const time = Date.parse(
      text
        .replace(" ", "T")
        .replace(",", ".")
        .replace(/([+-]\d{2})(\d{2})$/, "$1:$2")
        .replace(/([+-]\d{2})$/, "$1:00"),
    );
    const fallback = Number.isNaN(time) ? Date.parse(text) : time;
    return Number.isNaN(fallback) ? undefined : isoInstant(fallback);
  }
  const local = ISO_LOCAL.exec(text);
  if (local) return normalizeDate(local[1]);
  return undefined;
}

/** Milliseconds of a corpus date (a calendar date counts as its UTC midnight), or NaN. */
export function dateTime(value: string): number {
  return Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
}

/*
 * Calendar days for the engine: the day part of a date as written (not shifted to UTC) and day numbers
 * (days since 1970-01-01), cheap to compare in hot loops.
 */
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;

/** "YYYY-MM-DD" of an ISO date or timestamp, or null when it is not one (or names no real day). */
export function isoDay(value: string | null | undefined): string | null {
  if (typeof value !== "string") return null;
  const m = ISO_DAY.exec(value.trim());
  if (!m) return null;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  return dayNumber(day) === null ? null : day;
}

/**
 * Whether a value is a real calendar day written "YYYY-MM-DD" and nothing else: what a value that came
 * back from outside (a button, a message's metadata, a JSON line) must be before it is read as a day.
 */
export function isDayString(value: unknown): value is string {
  return typeof value === "string" && value.length === 10 && isoDay(value) === value;
}

/** Days since 1970-01-01 of a "YYYY-MM-DD" day (or of an ISO timestamp's day), or null. */
export function dayNumber(value: string | null | undefined): number | null {
  if (typeof value !== "string") return null;
  const m = ISO_DAY.exec(value.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  // Date.UTC reads years 0-99 as 1900-1999, which then name no such day: refused, as before.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

/** Days in a month of the proleptic Gregorian calendar (month 1-12). */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/**
 * Day number of a calendar day, and back, by arithmetic (H. Hinnant's civil-from-days): the same as
 * Date.UTC and toISOString, which cost a Date each (every question is asked on a day; the tests hold
 * the two to each other over ±10,000 years).
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** "YYYY-MM-DD" of a day number. */
export function dayString(day: number): string {
  if (!Number.isInteger(day)) return new Date(day * 86_400_000).toISOString().slice(0, 10);
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  // toISOString writes other years with a sign and six digits.
  if (y < 0 || y > 9999) return new Date(day * 86_400_000).toISOString().slice(0, 10);
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

/** The UTC calendar day of an instant, as a day number. */
export function dayOfInstant(date: Date): number {
  return Math.floor(date.getTime() / 86_400_000);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * A date for a citation: "14 May 2024" (day month year reads the same in every English-speaking
 * newsroom). Anything that is not an ISO date is shown as given, so nothing the source said is lost.
 */
export function formatDay(value: string): string {
  const day = isoDay(value);
  if (!day) return value;
  const [y, m, d] = day.split("-");
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}

/** An instant as people read it in status lines: "25 Nov 2026, 23:10 UTC"; the text itself when it is not one. */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = date.toISOString();
  return `${formatDay(text.slice(0, 10))}, ${text.slice(11, 16)} UTC`;
}
