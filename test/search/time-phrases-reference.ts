import * as chrono from "chrono-node";
import { RULES, type TimePhrases, type TimeSpan } from "../../src/search/time-phrases.js";

/**
 * The time-phrase reader as first written — every calendar rule replaced in turn, chrono.parse on the
 * rest, the white space folded by two regexes — to hold the faster src/search/time-phrases.ts to.
 */
const REPORTING_LAG = 2;
const dayOf = (y: number, m: number, d: number) => Math.round(Date.UTC(y, m, d) / 86_400_000);

function bounded(preposition: string, span: TimeSpan, asked: number): TimeSpan | undefined {
  if (span.from > asked) return undefined;
  if (preposition === "since" || preposition === "after") return { from: span.from, to: asked };
  if (preposition === "before") return { from: Number.NEGATIVE_INFINITY, to: span.from - 1 };
  return { from: span.from, to: Math.min(asked, span.to + REPORTING_LAG) };
}

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
  return from <= to ? { from, to } : b;
}

export function plainTidy(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/\s+([?.!,;:])/g, "$1")
    .trim();
}

export function plainReadTimePhrases(question: string, asked: number): TimePhrases {
  const phrases: string[] = [];
  let span: TimeSpan | undefined;
  let text = question;
  for (const rule of RULES) {
    text = text.replace(rule.pattern, (...args) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      const found = rule.span(asked, match);
      if (!found) return args[0] as string;
      phrases.push(args[0] as string);
      span = intersect(span, found);
      return " ";
    });
  }
  const results = chrono.parse(text, { instant: new Date(asked * 86_400_000 + 12 * 3_600_000), timezone: 0 });
  for (const result of results.reverse()) {
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
  text = plainTidy(text);
  return span ? { text, phrases, span } : { text, phrases };
}
