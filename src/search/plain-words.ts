/*
 * Where a word of plain text ends, by hand: what the sticky regex
 *   /(?:[A-Za-z]\.){2,}|[0-9]+(?:[.,][0-9]+)*[A-Za-z]*|[A-Za-z0-9]+(?:['’][A-Za-z0-9]+)*\/y
 * matches at a letter or digit (its first alternative that matches wins). Every word of the corpus is
 * read here when the index is built, and a regex call per word was a sixth of reading it
 * (docs/performance.md). test/search/equivalence.test.ts holds the plain tokenizer to the Unicode one.
 */

const DOT = 46;
const COMMA = 44;
const APOSTROPHE = 39;
const RIGHT_SINGLE_QUOTE = 0x2019;

export function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiLetter(c: number): boolean {
  const lower = c | 0x20;
  return lower >= 97 && lower <= 122;
}

/** An ASCII letter or digit: where a word of plain text may start. */
export function isAsciiWordChar(c: number): boolean {
  return isAsciiDigit(c) || isAsciiLetter(c);
}

/** Where the next word of plain text starts from `from` on: its first ASCII letter or digit (or the end). */
export function plainWordStart(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isAsciiWordChar(text.charCodeAt(i))) i++;
  return i;
}

/** The end of the word of plain text that starts at `start`, an ASCII letter or digit. */
export function plainWordEnd(text: string, start: number): number {
  return isAsciiDigit(text.charCodeAt(start)) ? numberEnd(text, start) : letterWordEnd(text, start);
}

// Every read below checks the text's length first: charCodeAt past the end gives NaN, and a NaN here
// made these functions several times slower than reading the characters (a number that is not an int).

/** The character at `i`, or −1 past the end. */
function charAt(text: string, i: number): number {
  return i < text.length ? text.charCodeAt(i) : -1;
}

/** [0-9]+(?:[.,][0-9]+)*[A-Za-z]* — "1,000", "3.5", "18th". */
function numberEnd(text: string, start: number): number {
  let i = digitsEnd(text, start);
  for (;;) {
    const c = charAt(text, i);
    if ((c === DOT || c === COMMA) && isAsciiDigit(charAt(text, i + 1))) i = digitsEnd(text, i + 1);
    else break;
  }
  while (isAsciiLetter(charAt(text, i))) i++;
  return i;
}

function digitsEnd(text: string, from: number): number {
  let i = from;
  while (isAsciiDigit(charAt(text, i))) i++;
  return i;
}

/** (?:[A-Za-z]\.){2,} — "U.N." — else [A-Za-z0-9]+(?:['’][A-Za-z0-9]+)* — "don't". */
function letterWordEnd(text: string, start: number): number {
  let i = start;
  while (isAsciiLetter(charAt(text, i)) && charAt(text, i + 1) === DOT) i += 2;
  if (i - start >= 4) return i;
  i = alphanumericEnd(text, start);
  for (;;) {
    const c = charAt(text, i);
    if ((c === APOSTROPHE || c === RIGHT_SINGLE_QUOTE) && isAsciiWordChar(charAt(text, i + 1))) {
      i = alphanumericEnd(text, i + 1);
    } else break;
  }
  return i;
}

function alphanumericEnd(text: string, from: number): number {
  let i = from;
  while (isAsciiWordChar(charAt(text, i))) i++;
  return i;
}
