/**
 * Dates as the corpus gives them ("2024-05-14", "2024-05-14T18:32:00+01:00") reduced to the calendar day
 * the source wrote: the day part as written, not shifted to UTC, since a story dated the 14th in its
 * own time zone is the 14th's story for its readers. Day numbers (days since 1970-01-01) make dates
 * cheap to compare in the engine's hot loops.
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

/** Days since 1970-01-01 of a "YYYY-MM-DD" day (or of an ISO timestamp's day), or null. */
export function dayNumber(value: string | null | undefined): number | null {
  if (typeof value !== "string") return null;
  const m = ISO_DAY.exec(value.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // 2024-02-31 is no day: Date.UTC would roll it over to March.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return null;
  return Math.round(ms / 86_400_000);
}

/** "YYYY-MM-DD" of a day number. */
export function dayString(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
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
