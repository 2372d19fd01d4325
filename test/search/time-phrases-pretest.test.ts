import * as chrono from "chrono-node";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  mayHoldDate,
  mayHoldRule,
  PARSER_GATES,
  parseDates,
  RULES,
  readsOnlyTimeOfDay,
  readTimePhrases,
  tidy,
} from "../../src/search/time-phrases.js";
import { plainReadTimePhrases, plainTidy } from "./time-phrases-reference.js";

// Words chrono reads as (parts of) dates, words that glue them, and ordinary words; joined with and
// without spaces so that glued forms ("inmay", "5pm", "thed ago") are tried too.
const VOCABULARY = [
  ..."january feb mar march apr may jun june jul aug sep sept oct nov dec december".split(" "),
  ..."sunday sun mon monday tue tues wed thu thurs fri sat saturday".split(" "),
  ..."now today tonight tomorrow overmorrow tmr tmrw yesterday last night morning noon midnight".split(" "),
  ..."s m h d w y sec min mins hr hrs mo mos qtr yr second minutes hours day days week weeks month years quarter".split(
    " ",
  ),
  ..."ago before earlier later after from henceforth forward out within in for this past next end of the".split(
    " ",
  ),
  ..."a an one two twelve half few several couple about around first fifth twenty-first thirty-first".split(
    " ",
  ),
  ..."at on to until through am pm a.m. BC AD CE T Z EST".split(" "),
  ..."who what senator election won stock market snow known money Omar decade".split(" "),
  ..."afternoon evening midday weekend weekday wednesday thursday friday tuesday sunday thur. sept. jan.".split(
    " ",
  ),
  ..."BE BCE eleven ten three couple of de till – （ ） : ：".split(" "),
  "1",
  "5",
  "12",
  "31",
  "2021",
  "1999",
  "7:30",
  "12/25",
  "2023-04-27",
  "06/2022",
  "5/6/2023",
  "+",
  "-",
  "~",
];
const SEPARATORS = [" ", " ", " ", "", ", ", "-", "/", ". ", "? ", "  "];

const text = fc
  .array(fc.tuple(fc.constantFrom(...VOCABULARY), fc.constantFrom(...SEPARATORS)), { maxLength: 12 })
  .map((parts) => parts.map(([word, sep]) => word + sep).join(""));

const REF = { instant: new Date(Date.UTC(2023, 0, 6, 12)), timezone: 0 };

describe("mayHoldDate (the test before chrono)", () => {
  it("is false only for texts chrono reads no date in", () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string(), fc.string({ unit: "grapheme" })), (t) => {
        if (!mayHoldDate(t)) expect(chrono.parse(t, REF)).toEqual([]);
      }),
      { numRuns: 5000 },
    );
  });

  it("lets through the texts that hold dates", () => {
    for (const t of ["on Tuesday", "in June", "two weeks ago", "5pm", "the 5th of May", "last night"]) {
      expect(mayHoldDate(t)).toBe(true);
      expect(chrono.parse(t, REF).length).toBeGreaterThan(0);
    }
  });

  it("spares chrono most questions without a date", () => {
    const plain = ["Who is the senator?", "What was Massimov sentenced to?", "Which company cut jobs?"];
    expect(plain.filter(mayHoldDate)).toEqual([]);
    // And the reading of such a question is unchanged: no phrases, the text as asked.
    expect(readTimePhrases(plain[0]!, 19363)).toEqual({ text: plain[0], phrases: [] });
  });
});

/** What a chrono result says, comparable with toEqual (results hold their parser's context). */
const reading = (results: chrono.ParsedResult[]) =>
  results.map((r) => ({
    index: r.index,
    text: r.text,
    start: r.start.date().getTime(),
    end: r.end?.date().getTime(),
    certain: ["year", "month", "day", "weekday", "hour"].map((c) => r.start.isCertain(c as chrono.Component)),
  }));

describe("the parsers' gates (texts every match of a parser's pattern holds)", () => {
  const context = new chrono.ParsingContext("", { instant: new Date(0), timezone: 0 });
  const parsers = chrono.casual.parsers.map((parser) => ({
    name: parser.constructor.name,
    pattern: new RegExp(parser.pattern(context).source, parser.pattern(context).flags.replace(/[gy]/g, "")),
  }));

  it("gate only parsers chrono has", () => {
    const names = new Set(parsers.map((p) => p.name));
    expect(Object.keys(PARSER_GATES).filter((name) => !names.has(name))).toEqual([]);
  });

  it("hold wherever their parser's pattern matches", () => {
    const gated = parsers.filter((p) => PARSER_GATES[p.name] !== undefined);
    expect(gated.length).toBeGreaterThan(10);
    fc.assert(
      fc.property(fc.oneof(text, text, fc.string(), fc.string({ unit: "grapheme" })), (t) => {
        for (const p of gated) {
          if (!p.pattern.test(t)) continue;
          for (const gate of PARSER_GATES[p.name]!) {
            expect([p.name, gate.test(t)]).toEqual([p.name, true]);
          }
        }
      }),
      { numRuns: 5000 },
    );
  });

  it("would catch a gate that is too narrow", () => {
    // A gate without "week" misses "weekend", which the weekday parser reads.
    const narrow = /sun|mon|tue|wed|thu|fri|sat/i;
    const weekday = parsers.find((p) => p.name === "ENWeekdayParser")!;
    const t = "Over the WEEKEND";
    expect(weekday.pattern.test(t)).toBe(true);
    expect(narrow.test(t)).toBe(false);
    expect(PARSER_GATES.ENWeekdayParser!.every((gate) => gate.test(t))).toBe(true);
  });
});

describe("readsOnlyTimeOfDay (texts chrono is not run on)", () => {
  // Numbers in the shapes questions hold them, with the words that make times of day and ranges.
  const numbers = fc
    .array(
      fc.tuple(
        fc.constantFrom(
          ..."31 1,000 2022 7.0 94 5 12 12:30 7:30 0 100 1999 24 25 9.5 3 pm am a.m. p.m. at from to - – o'clock EST men people magnitude age the of in night morning".split(
            " ",
          ),
          ..."Police arrested killed more than who what won season".split(" "),
        ),
        fc.constantFrom(...SEPARATORS),
      ),
      { maxLength: 10 },
    )
    .map((parts) => parts.map(([w, sep]) => w + sep).join(""));

  it("holds only texts whose every reading names an hour (readTimePhrases drops those)", () => {
    let seen = 0;
    fc.assert(
      fc.property(fc.oneof(numbers, numbers, text), (t) => {
        if (!readsOnlyTimeOfDay(t)) return;
        seen++;
        for (const r of chrono.parse(t, REF)) expect([t, r.start.isCertain("hour")]).toEqual([t, true]);
      }),
      { numRuns: 5000 },
    );
    expect(seen).toBeGreaterThan(500);
  });

  it("leaves dates with a time to chrono", () => {
    expect(readsOnlyTimeOfDay("Police arrested 31 men at 5 pm")).toBe(true);
    expect(readsOnlyTimeOfDay("on Tuesday at 5 pm")).toBe(false);
    expect(readsOnlyTimeOfDay("Who won?")).toBe(false);
    expect(readsOnlyTimeOfDay("How many of the 31 were freed on May 3?")).toBe(false);
    expect(readTimePhrases("How many of the 31 were freed on May 3?", 19363).phrases).toEqual(["on May 3"]);
  });
});

describe("parseDates (only the parsers whose pattern matches, then every refiner)", () => {
  it("reads what chrono.parse reads", () => {
    fc.assert(
      fc.property(fc.oneof(text, text, fc.string()), (t) => {
        expect(reading(parseDates(t, REF.instant))).toEqual(reading(chrono.parse(t, REF)));
      }),
      { numRuns: 3000 },
    );
  });

  it("reads dates with several parsers and refiners at work", () => {
    const t = "Who spoke on Tuesday, March 3 at 5pm, two weeks ago, and from May 1 to May 5 2021?";
    expect(parseDates(t, REF.instant).length).toBeGreaterThan(2);
    expect(reading(parseDates(t, REF.instant))).toEqual(reading(chrono.parse(t, REF)));
  });
});

describe("mayHoldRule (the test before the calendar rules)", () => {
  it("is false only for texts no rule matches", () => {
    const words = fc.constantFrom(
      ..."this last past week weekend month year earlier later so far over the in during since before after throughout 2021 1999 yesterday today tonight morning most recent recently lately latest newest just passed who won".split(
        " ",
      ),
    );
    const phrase = fc
      .array(fc.tuple(words, fc.constantFrom(...SEPARATORS)), { maxLength: 10 })
      .map((parts) => parts.map(([w, sep]) => w + sep).join(""));
    fc.assert(
      fc.property(fc.oneof(phrase, text, fc.string()), (t) => {
        const matched = RULES.some((rule) => new RegExp(rule.pattern.source, "i").test(t));
        expect(mayHoldRule(t)).toBe(matched);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("readTimePhrases against the reader as first written (time-phrases-reference.ts)", () => {
  const words = fc.constantFrom(
    ..."this last past week weekend month year earlier later so far over the in during since before after throughout 2021 1999 yesterday today tonight morning most recent recently lately latest newest just passed who won on Tuesday June May 3 two weeks ago at 5 pm".split(
      " ",
    ),
  );
  const phrase = fc
    .array(fc.tuple(words, fc.constantFrom(...SEPARATORS, "\n", "\t", " ? ", " , ")), { maxLength: 12 })
    .map((parts) => parts.map(([w, sep]) => w + sep).join(""));

  it("reads every text the same: phrases, span and the text left", () => {
    fc.assert(
      fc.property(
        fc.oneof(phrase, phrase, text, fc.string()),
        fc.integer({ min: 0, max: 25_000 }),
        (t, day) => {
          expect(readTimePhrases(t, day)).toEqual(plainReadTimePhrases(t, day));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("tidies white space as the two regexes and trim do", () => {
    const spaced = fc
      .array(
        fc.constantFrom(
          ..."a b. ? , : ; ! x .. ?!".split(" "),
          ..." \t\n\v\f\r\u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff",
          // Near misses: no white space to \s.
          "\u200b",
          "\u180e",
          "\u0085",
          "  ",
        ),
        { maxLength: 20 },
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.oneof(spaced, spaced, fc.string(), fc.string({ unit: "binary" })), (t) => {
        expect(tidy(t)).toBe(plainTidy(t));
      }),
      { numRuns: 3000 },
    );
  });
});
