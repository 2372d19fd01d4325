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
export function isoInstant(time: number): string {
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

/** True when `later` is a later date than `earlier` (both in any form `normalizeDate` reads). */
export function isLater(later: string | undefined, earlier: string | undefined): boolean {
  const a = normalizeDate(later);
  const b = normalizeDate(earlier);
  if (!a || !b) return false;
  // A calendar date against an instant on the same day says nothing about which came first.
  if (a.length !== b.length && a.slice(0, 10) === b.slice(0, 10)) return false;
  return dateTime(a) > dateTime(b);
}
