/**
 * Characters a page or a file may carry that change how text looks rather than what it says: C0 and
 * C1 controls (ESC starts a terminal's escape sequences), bidirectional overrides, embeddings and
 * isolates (U+202E shows "txt.exe" as "exe.txt"), direction marks and zero-width characters (they
 * hide or split words). Tab, line feed and carriage return are ordinary white space and stay.
 */
const CONTROL = "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f";
const OVERRIDE = "\\u202a-\\u202e\\u2066-\\u2069";
const INVISIBLE = `\\u061c\\u200b-\\u200f\\u2060-\\u2065\\ufeff${OVERRIDE}`;

const UNSAFE_TEST = new RegExp(`[${CONTROL}${INVISIBLE}]`);
const QUOTE_UNSAFE_TEST = new RegExp(`[${CONTROL}${OVERRIDE}]`);
const CONTROL_ALL = new RegExp(`[${CONTROL}]`, "g");
const INVISIBLE_ALL = new RegExp(`[${INVISIBLE}]`, "g");
const OVERRIDE_ALL = new RegExp(`[${OVERRIDE}]`, "g");

/**
 * A title, publication, byline or log text safe to show in a citation, a log or a terminal: controls
 * become spaces (word boundaries stay), direction and zero-width characters are removed. Returns
 * `text` itself when it has none (the usual case: one test, no copy).
 */
export function displayText(text: string): string {
  if (!UNSAFE_TEST.test(text)) return text;
  return text.replace(CONTROL_ALL, " ").replace(INVISIBLE_ALL, "");
}

/**
 * An article's paragraph, quoted verbatim but for what can rewrite the text around it: controls
 * become spaces and direction overrides, embeddings and isolates are removed. Direction marks and
 * joiners stay: right-to-left scripts and emoji sequences need them.
 */
export function quotedText(text: string): string {
  if (!QUOTE_UNSAFE_TEST.test(text)) return text;
  return text.replace(CONTROL_ALL, " ").replace(OVERRIDE_ALL, "");
}
