import type { SentenceRange } from "../search/index.js";
import { paragraphWords } from "./paragraph-words.js";
import type { ExcerptSpan } from "./types.js";

export interface ExcerptQuery {
  /** Index term → question word (group) it matches. */
  termGroup: ReadonlyMap<string, number>;
  /** Informativeness of each question word, by group. */
  groupIdf: readonly number[];
}

export interface Excerpt {
  excerpt: string;
  spans: ExcerptSpan[];
}

const ELLIPSIS = "…";

interface Match {
  start: number;
  end: number;
  group: number;
}

function sentenceScore(range: SentenceRange, matches: readonly Match[], groupIdf: readonly number[]): number {
  // Each question word's idf once, summed in the order the words first occur (float addition): the
  // first 31 words tracked in a bit set, any later ones in a Set made only for such a question.
  let seen = 0;
  let more: Set<number> | undefined;
  let score = 0;
  let count = 0;
  for (const m of matches) {
    if (m.start < range.start || m.end > range.end) continue;
    count++;
    const g = m.group;
    if (g < 31) {
      if ((seen & (1 << g)) !== 0) continue;
      seen |= 1 << g;
    } else {
      more ??= new Set();
      if (more.has(g)) continue;
      more.add(g);
    }
    score += groupIdf[g] ?? 1;
  }
  // Distinct words decide; repeats only break ties.
  return score + 0.01 * count;
}

/** Cuts [start, end) of a long sentence to `budget` characters around its densest matches, at word edges. */
function window(
  text: string,
  range: SentenceRange,
  matches: readonly Match[],
  budget: number,
): SentenceRange {
  const inside = matches.filter((m) => m.start >= range.start && m.end <= range.end);
  let bestStart = range.start;
  let bestCount = -1;
  // Slide a window that starts shortly before each match; keep the one holding the most matches.
  for (const m of inside.length > 0 ? inside : [{ start: range.start, end: range.start, group: -1 }]) {
    const from = Math.max(range.start, m.start - Math.floor(budget / 5));
    const to = from + budget;
    const count = inside.filter((x) => x.start >= from && x.end <= to).length;
    if (count > bestCount) {
      bestCount = count;
      bestStart = from;
    }
  }
  let start = bestStart;
  let end = Math.min(range.end, start + budget);
  if (end - start < budget) start = Math.max(range.start, end - budget);
  // Snap to word boundaries so no word is cut in half.
  if (start > range.start) {
    const space = text.indexOf(" ", start);
    if (space !== -1 && space < end) start = space + 1;
  }
  if (end < range.end) {
    const space = text.lastIndexOf(" ", end);
    if (space > start) end = space;
  }
  while (end > start && /[\s,;:]/.test(text[end - 1]!)) end--;
  return { start, end };
}

/**
 * Unmatched text joins the span before it when that one is unmatched too. (A module function, not a
 * closure made per excerpt, so building an excerpt allocates no function.)
 */
function pushText(spans: ExcerptSpan[], s: string): void {
  if (s.length === 0) return;
  const prev = spans[spans.length - 1];
  if (prev && !prev.match) prev.text += s;
  else spans.push({ text: s, match: false });
}

/**
 * The passage's best sentence(s) — most of the question's distinct words, weighted by idf — grown with
 * neighbouring sentences while they fit, or cut with "…" when one sentence is too long. Matched words are
 * wrapped in ** in `excerpt` and flagged in `spans`; all other text is verbatim.
 */
export function buildExcerpt(text: string, query: ExcerptQuery, maxChars = 300): Excerpt {
  const budget = Math.max(20, maxChars);
  const { tokens, sentences } = paragraphWords(text);
  const matches: Match[] = [];
  for (const t of tokens) {
    if (t.stop) continue;
    const group = query.termGroup.get(t.term);
    if (group !== undefined) matches.push({ start: t.start, end: t.end, group });
  }
  if (sentences.length === 0) return { excerpt: "", spans: [] };

  const scores = sentences.map((s) => sentenceScore(s, matches, query.groupIdf));
  let best = 0;
  for (let i = 1; i < sentences.length; i++) if (scores[i]! > scores[best]!) best = i;

  let first = best;
  let last = best;
  let range: SentenceRange;
  let cutStart = false;
  let cutEnd = false;
  if (sentences[best]!.end - sentences[best]!.start > budget) {
    range = window(text, sentences[best]!, matches, budget - 2);
    cutStart = range.start > sentences[best]!.start;
    cutEnd = range.end < sentences[best]!.end;
  } else {
    // Grow with the neighbour that matches more (the next one on a tie: answers tend to follow).
    for (;;) {
      const next = last + 1 < sentences.length ? last + 1 : -1;
      const prev = first - 1 >= 0 ? first - 1 : -1;
      const fitsNext = next !== -1 && sentences[next]!.end - sentences[first]!.start <= budget;
      const fitsPrev = prev !== -1 && sentences[last]!.end - sentences[prev]!.start <= budget;
      if (fitsNext && (!fitsPrev || scores[next]! >= scores[prev]!)) last = next;
      else if (fitsPrev) first = prev;
      else break;
    }
    range = { start: sentences[first]!.start, end: sentences[last]!.end };
  }

  const spans: ExcerptSpan[] = [];
  if (cutStart) pushText(spans, ELLIPSIS);
  let at = range.start;
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i]!;
    if (m.start < range.start || m.end > range.end) continue;
    const gap = text.slice(at, m.start);
    const prev = spans[spans.length - 1];
    // Adjacent matched words ("Karim Massimov") form one marked span.
    if (prev?.match && at > range.start && /^\s+$/.test(gap)) {
      prev.text += gap + text.slice(m.start, m.end);
    } else {
      pushText(spans, gap);
      spans.push({ text: text.slice(m.start, m.end), match: true });
    }
    at = m.end;
  }
  pushText(spans, text.slice(at, range.end));
  if (cutEnd) pushText(spans, ELLIPSIS);
  // Concatenated, not joined: the Slack reply reads the spans, and an excerpt string nobody reads is
  // then never flattened.
  let excerpt = "";
  for (const s of spans) excerpt += s.match ? `**${s.text}**` : s.text;
  return { excerpt, spans };
}
