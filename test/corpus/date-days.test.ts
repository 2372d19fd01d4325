import { describe, expect, it } from "vitest";
import { dayNumber, formatDay, isoDay } from "../../src/corpus/dates.js";

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
