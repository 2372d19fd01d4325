import * as chrono from "chrono-node";

/**
 * Time in a question, read relative to the day it was asked: "this week", "last month", "yesterday",
 * "recently", "in 2021", "since March", "on Tuesday", "two weeks ago". Each phrase becomes a span of
 * days (day numbers, days since 1970-01-01) that the answer prefers its articles to be published in,
 * and is taken out of the words a passage must match ("week" is not what the question is about).
 *
 * Relative phrases of the calendar are read here, where their meaning for a news question is plain
 * (the seven days up to the asking are "this week"); dates and weekdays are read by chrono-node. A date
 * after the day of asking is read as the last one before it ("in June" asked in January is last June);
 * one that still lies ahead ("in 600 years") names no span. Pure.
 */
export interface TimeSpan {
  /** First day of the span (inclusive), a day number. */
  from: number;
  /** Last day of the span (inclusive), a day number. */
  to: number;
}

export interface TimePhrases {
  /** The question with its time phrases removed (spaces folded). */
  text: string;
  /** The phrases as written, in order. */
  phrases: string[];
  /** The span the phrases name together (the intersection of theirs), or undefined when none. */
  span?: TimeSpan;
}

/** Days a "recently", "latest" or "lately" reaches back: what the words mean to a reader, not a ranking weight. */
const RECENT_DAYS = 30;
/**
 * Days after a day-sized span during which coverage of that day still counts as the day's: a story of
 * Tuesday's vote is often published on Wednesday.
 */
const REPORTING_LAG = 2;

function utcParts(day: number): { y: number; m: number; d: number; w: number } {
  const date = new Date(day * 86_400_000);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth(), d: date.getUTCDate(), w: date.getUTCDay() };
}

const dayOf = (y: number, m: number, d: number) => Math.round(Date.UTC(y, m, d) / 86_400_000);

export type Rule = { pattern: RegExp; span: (asked: number, match: RegExpExecArray) => TimeSpan | undefined };

/** Phrases of the calendar read relative to the asking, before chrono sees the rest. */
export const RULES: readonly Rule[] = [
  {
    pattern:
      /\b(?:earlier\s+|later\s+)?this\s+(?:past\s+)?week(?:end)?\b|\bthis\s+past\s+weekend\b|\bover\s+the\s+weekend\b|\b(?:in\s+)?the\s+past\s+(?:few\s+days|week)\b/gi,
    span: (asked) => ({ from: asked - 6, to: asked }),
  },
  { pattern: /\blast\s+week(?:end)?\b/gi, span: (asked) => ({ from: asked - 13, to: asked - 5 }) },
  {
    pattern: /\b(?:earlier\s+|later\s+)?this\s+month\b|\bthe\s+past\s+month\b/gi,
    span: (asked) => {
      const { y, m } = utcParts(asked);
      return { from: Math.min(dayOf(y, m, 1), asked - 6), to: asked };
    },
  },
  {
    pattern: /\blast\s+month\b/gi,
    span: (asked) => {
      const { y, m } = utcParts(asked);
      return { from: dayOf(y, m - 1, 1), to: dayOf(y, m, 1) - 1 + REPORTING_LAG };
    },
  },
  {
    pattern: /\b(?:earlier\s+|later\s+)?this\s+year\b|\bso\s+far\s+this\s+year\b|\bthe\s+past\s+year\b/gi,
    span: (asked) => {
      const { y } = utcParts(asked);
      return { from: Math.min(dayOf(y, 0, 1), asked - 30), to: asked };
    },
  },
  {
    pattern: /\blast\s+year\b/gi,
    span: (asked) => {
      const { y } = utcParts(asked);
      return { from: dayOf(y - 1, 0, 1), to: dayOf(y, 0, 1) - 1 + REPORTING_LAG };
    },
  },
  { pattern: /\byesterday\b/gi, span: (asked) => ({ from: asked - 1, to: asked }) },
  { pattern: /\b(?:today|tonight|this\s+morning)\b/gi, span: (asked) => ({ from: asked, to: asked }) },
  {
    pattern: /\b(?:most\s+)?recent(?:ly)?\b|\blately\b|\blatest\b|\bnewest\b|\bjust\s+(?=\w+ed\b)/gi,
    span: (asked) => ({ from: asked - RECENT_DAYS, to: asked }),
  },
  {
    // "in 2021", "during 2019", "since 2020", "before 2018"; a bare year is a word of the question.
    pattern: /\b(in|during|since|before|after|throughout)\s+((?:19|20)\d{2})\b(?!\s*(?:years|%|percent))/gi,
    span: (asked, match) => {
      const year = Number(match[2]);
      const from = dayOf(year, 0, 1);
      const to = dayOf(year + 1, 0, 1) - 1;
      return bounded(match[1]!.toLowerCase(), { from, to }, asked);
    },
  },
];

/** The span a preposition makes of a date's span: since X runs to the asking, before X ends at X. */
function bounded(preposition: string, span: TimeSpan, asked: number): TimeSpan | undefined {
  if (span.from > asked) return undefined;
  if (preposition === "since" || preposition === "after") return { from: span.from, to: asked };
  if (preposition === "before") return { from: Number.NEGATIVE_INFINITY, to: span.from - 1 };
  return { from: span.from, to: Math.min(asked, span.to + REPORTING_LAG) };
}

/** The span of a chrono result, moved back before the asking when chrono read it ahead of it. */
function chronoSpan(result: chrono.ParsedResult, asked: number): TimeSpan | undefined {
  const start = result.start;
  const known = (c: chrono.Component) => start.isCertain(c);
  let y = start.get("year") ?? 1970;
  const m = (start.get("month") ?? 1) - 1;
  const d = start.get("day") ?? 1;
  let from: number;
  let to: number;
  if (known("day") || (known("weekday") && !known("month"))) {
    from = dayOf(y, m, d);
    if (!known("year") && !known("month") && from > asked) from -= 7;
    else if (!known("year") && from > asked) from = dayOf(--y, m, d);
    to = from;
  } else if (known("month")) {
    from = dayOf(y, m, 1);
    if (!known("year") && from > asked) from = dayOf(--y, m, 1);
    to = dayOf(y, m + 1, 1) - 1;
  } else if (known("year")) {
    from = dayOf(y, 0, 1);
    to = dayOf(y + 1, 0, 1) - 1;
  } else {
    // "2 weeks ago", "3 days ago": chrono dates them itself.
    from = dayOf(y, m, d);
    to = from;
  }
  if (!Number.isFinite(from) || from > asked) return undefined;
  return { from, to };
}

function intersect(a: TimeSpan | undefined, b: TimeSpan): TimeSpan {
  if (!a) return b;
  const from = Math.max(a.from, b.from);
  const to = Math.min(a.to, b.to);
  // Phrases that contradict each other ("last week … in 2019"): the later phrase's span alone.
  return from <= to ? { from, to } : b;
}

const MONTH = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;

/**
 * For chrono's parsers, by class name: patterns that every match of the parser's own pattern also
 * matches (each alternative of its required part holds one of their words or digits; letters compared
 * without case, as the parsers do), so a text one of them does not match is not matched by the parser,
 * and its long pattern — opening with `(\W|^)`, tried at every character — is not tried. Most questions
 * hold no month, weekday or digit. A parser not named here is always tried;
 * test/search/time-phrases-pretest.test.ts holds each gate to its pattern.
 */
export const PARSER_GATES: Readonly<Record<string, readonly RegExp[]>> = {
  ENYearMonthDayParser: [/[0-9]{4}/],
  ISOFormatParser: [/[0-9]{4}-/],
  SlashDateFormatParser: [/[0-9][/.-][0-9]/],
  ENTimeUnitWithinFormatParser: [/in|for/i],
  ENMonthNameLittleEndianParser: [MONTH],
  ENMonthNameMiddleEndianParser: [MONTH],
  ENWeekdayParser: [/sun|mon|tue|wed|thu|fri|sat|week/i],
  ENSlashMonthFormatParser: [/[0-9]\/[0-9]/],
  ENTimeExpressionParser: [/[0-9]/],
  ENTimeUnitAgoFormatParser: [/ago|before|earlier/i],
  ENTimeUnitLaterFormatParser: [/later|after|from now|henceforth|forward|out/i],
  ENYearMonthNameParser: [/[1-9]/, MONTH],
  ENCasualDateParser: [/now|today|night|morrow|tmr|yesterday/i],
  ENCasualTimeParser: [/morning|evening|night|midday|noon/i],
  ENEndOfCurrentMonthParser: [/month/i],
  ENMonthNameParser: [MONTH],
  ENRelativeDateFormatParser: [/this|last|past|next/i],
  ENTimeUnitCasualRelativeFormatParser: [/this|last|past|next|after|[+-]/i],
};

/**
 * The distinct gates, each tested at most once per text: several parsers share one (the month names
 * gate four), and a gate's answer does not depend on the parser asking.
 */
const GATES: RegExp[] = [];
function gateNumber(gate: RegExp): number {
  const at = GATES.indexOf(gate);
  return at >= 0 ? at : GATES.push(gate) - 1;
}

/**
 * chrono's own parsers, each with its pattern. chrono.parse builds a context and runs every parser and
 * refiner on every text, though most questions hold no date and the rest match few parsers: a parser
 * whose pattern does not match the text returns nothing (each starts by matching its pattern, and only
 * matches again past a match of its own), and refiners only merge, adjust or drop results. So a text
 * is read by the parsers whose pattern matches it, in chrono's order, and all its refiners — the same
 * results — and one that none matches is not given to chrono at all.
 */
const PARSERS = chrono.casual.parsers.map((parser) => {
  const pattern = parser.pattern(new chrono.ParsingContext("", { instant: new Date(0), timezone: 0 }));
  // Without g or y, test() keeps no state between calls.
  return {
    parser,
    pattern: new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, "")),
    gates: (PARSER_GATES[parser.constructor.name] ?? []).map(gateNumber),
  };
});
const REFINERS = chrono.casual.refiners;
/** Per gate while one text is read: 0 not tested yet, GATE_HOLDS or GATE_FAILS. */
const gateState = new Uint8Array(GATES.length);
const GATE_HOLDS = 1;
const GATE_FAILS = 2;

/**
 * The bit of chrono's time-of-day parser ("at 5", "7:30 pm"; 0 if chrono has none by that name). Every
 * reading it makes names an hour (AbstractTimeExpressionParser assigns one to each), and with no other
 * parser's readings beside them the refiners have no date to merge them into: readTimePhrases drops
 * every such reading, so a text only this parser matches — a question with a number in it — is not read.
 */
const TIME_OF_DAY = (() => {
  const i = PARSERS.findIndex((entry) => entry.parser.constructor.name === "ENTimeExpressionParser");
  return i < 0 ? 0 : 1 << i;
})();

/** Readers made of a subset of the parsers, by which ones (a bit per parser); few subsets ever occur. */
const readers = new Map<number, chrono.Chrono>();
const MAX_READERS = 256;

/** Which parsers' patterns match `text`, a bit per parser: their gates first (cheap), then the pattern. */
function parsersOf(text: string): number {
  gateState.fill(0);
  let key = 0;
  next: for (let i = 0; i < PARSERS.length; i++) {
    const entry = PARSERS[i]!;
    for (const gate of entry.gates) if (!gateHolds(gate, text)) continue next;
    if (entry.pattern.test(text)) key |= 1 << i;
  }
  return key;
}

function gateHolds(gate: number, text: string): boolean {
  if (gateState[gate] === 0) gateState[gate] = GATES[gate]!.test(text) ? GATE_HOLDS : GATE_FAILS;
  return gateState[gate] === GATE_HOLDS;
}

/** The chrono reader of the parsers in `key` (not 0). */
function readerOf(key: number): chrono.Chrono {
  let reader = readers.get(key);
  if (!reader) {
    const parsers = PARSERS.filter((_, i) => (key & (1 << i)) !== 0).map((entry) => entry.parser);
    reader = new chrono.Chrono({ parsers, refiners: REFINERS });
    if (readers.size < MAX_READERS) readers.set(key, reader);
  }
  return reader;
}

/** Whether chrono could read a date in `text` (false: it surely reads none). */
export function mayHoldDate(text: string): boolean {
  return parsersOf(text) !== 0;
}

/** Whether only chrono's time-of-day parser could read `text` (its readings, if any, all name an hour). */
export function readsOnlyTimeOfDay(text: string): boolean {
  return TIME_OF_DAY !== 0 && parsersOf(text) === TIME_OF_DAY;
}

/**
 * Every calendar rule's pattern in one: a text it does not match is left as it is by all of them (each
 * rule only cuts what its own pattern matches), so the ten passes are skipped.
 */
const ANY_RULE = new RegExp(RULES.map((rule) => `(?:${rule.pattern.source})`).join("|"), "i");

/** Whether a calendar rule could read a phrase in `text` (false: none of RULES matches it). */
export function mayHoldRule(text: string): boolean {
  return ANY_RULE.test(text);
}

/** chrono's reading of `text` on the day `instant` falls in: what chrono.parse returns, read faster. */
export function parseDates(text: string, instant: Date): chrono.ParsedResult[] {
  const key = parsersOf(text);
  return key === 0 ? [] : readerOf(key).parse(text, { instant, timezone: 0 });
}

/** Reads the time phrases of a question asked on day `asked` (a day number). */
export function readTimePhrases(question: string, asked: number): TimePhrases {
  const phrases: string[] = [];
  let span: TimeSpan | undefined;
  let text = question;
  for (const rule of mayHoldRule(question) ? RULES : []) {
    // Most texts a rule could read hold one or two of the ten: a test is cheaper than a replace.
    rule.pattern.lastIndex = 0;
    if (!rule.pattern.test(text)) continue;
    text = text.replace(rule.pattern, (...args) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      const found = rule.span(asked, match);
      if (!found) return args[0] as string;
      phrases.push(args[0] as string);
      span = intersect(span, found);
      return " ";
    });
  }
  const key = parsersOf(text);
  // Times of day alone are no dates of a story (see TIME_OF_DAY): chrono is not run for them.
  const results =
    key === 0 || key === TIME_OF_DAY
      ? []
      : readerOf(key).parse(text, { instant: new Date(asked * 86_400_000 + 12 * 3_600_000), timezone: 0 });
  // Right to left, so the indexes of earlier results stay valid as later ones are cut out.
  for (const result of results.reverse()) {
    // A lone number or a weekday-less time of day is not a date of the story ("at 5", "600 years").
    if (!/\p{L}/u.test(result.text) || result.start.isCertain("hour")) continue;
    const found = chronoSpan(result, asked);
    if (!found) continue;
    const before = text.slice(0, result.index);
    const prepMatch = /\b(since|before|after|in|during|on|from)\s*$/i.exec(before);
    const preposition = prepMatch?.[1]?.toLowerCase() ?? "in";
    const spanned =
      preposition === "since" || preposition === "after" || preposition === "before"
        ? bounded(preposition, found, asked)
        : { from: found.from, to: Math.min(asked, found.to + REPORTING_LAG) };
    if (!spanned) continue;
    const cutFrom = prepMatch ? result.index - prepMatch[0].length : result.index;
    phrases.unshift(text.slice(cutFrom, result.index + result.text.length).trim());
    span = intersect(span, spanned);
    text = `${text.slice(0, cutFrom)} ${text.slice(result.index + result.text.length)}`;
  }
  text = tidy(text);
  return span ? { text, phrases, span } : { text, phrases };
}

/**
 * `text` with its white space folded to single spaces, none before punctuation (? . ! , ; :), and
 * trimmed — what `.replace(/\s+/g, " ").replace(/\s+([?.!,;:])/g, "$1").trim()` makes of it, in one
 * pass over the characters, and without a copy when there is nothing to change (most questions).
 */
export function tidy(text: string): string {
  const n = text.length;
  let i = 0;
  while (i < n && isWhiteSpace(text.charCodeAt(i))) i++;
  // Stretches between changes are copied whole: most of a question is single spaces between words.
  let out = "";
  let copied = i;
  while (i < n) {
    if (!isWhiteSpace(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const spaceFrom = i;
    while (i < n && isWhiteSpace(text.charCodeAt(i))) i++;
    if (i === n) return out + text.slice(copied, spaceFrom);
    const beforePunctuation = isTidyPunctuation(text.charCodeAt(i));
    if (i - spaceFrom === 1 && text.charCodeAt(spaceFrom) === 32 && !beforePunctuation) continue;
    out += text.slice(copied, spaceFrom) + (beforePunctuation ? "" : " ");
    copied = i;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function isTidyPunctuation(c: number): boolean {
  // ? . ! , ; :
  return c === 63 || c === 46 || c === 33 || c === 44 || c === 59 || c === 58;
}

/** What `\s` matches (and String.prototype.trim removes): ECMAScript's white space and line terminators. */
function isWhiteSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
