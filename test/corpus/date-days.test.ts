import { describe, expect, it } from "vitest";
import { dayNumber, dayString, formatDay, isoDay } from "../../src/corpus/dates.js";

describe("corpus dates", () => {
  it("reduce any ISO form to the day the source wrote, and show it as a date", () => {
    expect(isoDay("2024-05-14T18:32:00+01:00")).toBe("2024-05-14");
    expect(isoDay("2024-05-14 23:59:00-05:00")).toBe("2024-05-14");
    expect(formatDay("2024-05-14T18:32:00+01:00")).toBe("14 May 2024");
    expect(formatDay("2022-06-12")).toBe("12 Jun 2022");
  });

  it("refuse days that do not exist, and show a non-date as given", () => {
    expect(isoDay("2024-02-30")).toBeNull();
    expect(dayNumber("yesterday")).toBeNull();
    expect(formatDay("Spring 2020")).toBe("Spring 2020");
    expect(dayNumber("1970-01-02")).toBe(1);
  });
});

describe("day numbers by arithmetic", () => {
  const viaDate = {
    dayString: (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10),
    dayNumber: (value: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(value.trim());
      if (!m) return null;
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const ms = Date.UTC(year, month - 1, day);
      const check = new Date(ms);
      if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
        return null;
      return Math.round(ms / 86_400_000);
    },
  };

  it("give the day string toISOString gives, over ±10,000 years and beyond", () => {
    for (let day = -4_000_000; day <= 4_000_000; day += 97)
      expect(dayString(day)).toBe(viaDate.dayString(day));
    for (const day of [-719_528, -719_162, -1, 0, 59, 60, 11_016, 2_932_896, 2_932_897, 1.5]) {
      expect(dayString(day)).toBe(viaDate.dayString(day));
    }
  });

  it("read every YYYY-MM-DD as Date.UTC does, invalid days and years 0-99 included", () => {
    for (let year = 0; year <= 9999; year += year < 120 ? 1 : 7) {
      for (let month = 0; month <= 13; month++) {
        for (const day of [0, 1, 15, 28, 29, 30, 31, 32]) {
          const text = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
          expect([text, dayNumber(text)]).toEqual([text, viaDate.dayNumber(text)]);
        }
      }
    }
    for (const text of [
      "2024-02-29T10:00:00Z",
      " 2023-02-29 ",
      "1900-02-29",
      "2000-02-29",
      "2024-5-14",
      "x",
    ]) {
      expect([text, dayNumber(text)]).toEqual([text, viaDate.dayNumber(text)]);
    }
  });
});
