/**
 * Text folding shared by documents and questions, so both sides of a match see the same characters:
 * lower case, no diacritics, straight quotes, and a few letters NFD does not decompose.
 */

const SPECIAL_LETTERS: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  þ: "th",
  ł: "l",
  ı: "i",
};

const SPECIAL_RE = /[ßæœøđðþłı]/g;
const MARKS_RE = /\p{M}+/gu;
const SINGLE_QUOTES_RE = /[‘’‚‛′`´]/g;
const DOUBLE_QUOTES_RE = /[“”„‟″«»]/g;

/** Folds one word (or any text) to its comparison form. Keeps the string length-independent of the source. */
export function foldText(text: string): string {
  let out = text.toLowerCase();
  // Fast path: pure ASCII needs nothing more.
  if (/^[\x00-\x7f]*$/.test(out)) return out;
  out = out.normalize("NFD").replace(MARKS_RE, "");
  out = out.replace(SPECIAL_RE, (ch) => SPECIAL_LETTERS[ch] ?? ch);
  out = out.replace(SINGLE_QUOTES_RE, "'").replace(DOUBLE_QUOTES_RE, '"');
  return out;
}
