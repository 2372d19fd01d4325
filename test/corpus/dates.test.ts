import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDayString, normalizeDate } from "../../src/corpus/dates.js";

describe("normalizeDate", () => {
  it.each([
    ["2024-05-14T18:32:00+01:00", "2024-05-14T17:32:00Z"], // JSON-LD with an offset
    ["2024-05-14T18:32:00.123Z", "2024-05-14T18:32:00Z"],
    ["2024-05-14T18:32+0100", "2024-05-14T17:32:00Z"],
    ["2024-05-14 18:32:00+01", "2024-05-14T17:32:00Z"],
    ["Tue, 14 May 2024 18:32:00 +0100", "2024-05-14T17:32:00Z"], // RSS pubDate
    ["Tue, 14 May 2024 17:32:00 GMT", "2024-05-14T17:32:00Z"], // HTTP Last-Modified
    ["2024-05-14", "2024-05-14"],
    ["2024-05-14T18:32:00", "2024-05-14"], // no offset: the time is ambiguous, the day is not
  ])("reads %s as %s", (input, expected) => {
    expect(normalizeDate(input)).toBe(expected);
  });

  it.each(["2024-02-30", "yesterday", "", "14/05/2024", undefined])("refuses %s", (input) => {
    expect(normalizeDate(input)).toBeUndefined();
  });

  it("keeps the instant of any ISO timestamp with an offset, to the second", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01"), max: new Date("2090-01-01"), noInvalidDate: true }),
        fc.integer({ min: -12, max: 14 }),
        (date, hours) => {
          const shifted = new Date(date.getTime() + hours * 3_600_000).toISOString().slice(0, 19);
          const sign = hours < 0 ? "-" : "+";
          const offset = `${sign}${String(Math.abs(hours)).padStart(2, "0")}:00`;
          const normal = normalizeDate(`${shifted}${offset}`)!;
          expect(normal).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
          expect(Date.parse(normal)).toBe(Math.floor(date.getTime() / 1000) * 1000);
        },
      ),
    );
  });
});

describe("isDayString", () => {
  it("is a real calendar day written YYYY-MM-DD and nothing more", () => {
    // Values that come back from outside (a button, a message's metadata) are read as days only so.
    expect(isDayString("2024-02-29")).toBe(true);
    for (const v of [
      "2023-02-29",
      "2024-99-99",
      "2024-1-05",
      "2024-01-05T10:00:00Z",
      " 2024-01-05",
      20240105,
      null,
    ]) {
      expect(isDayString(v)).toBe(false);
    }
  });
});
