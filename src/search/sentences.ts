/** A sentence as offsets into its paragraph: text.slice(start, end). */
export interface SentenceRange {
  start: number;
  end: number;
}

// Words that end with a period without ending a sentence ("Jan. 5", "Gen. Smith", "Apple Inc. said").
const ABBREVIATIONS = new Set(
  `mr mrs ms messrs dr prof sr jr st mt ft gen sen rep reps gov lt col sgt capt cmdr adm maj pres rev hon
  jan feb mar apr jun jul aug sep sept oct nov dec no nos vs inc corp co ltd bros dept est approx fig
  ave blvd rd univ assn e.g i.e cf al`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);

// End punctuation, closing quotes/brackets, white space, then what can open a sentence.
const BOUNDARY_RE = /[.!?…]+["'”’)\]]*\s+(?=["'“‘([]?[\p{Lu}\p{N}])/gu;
const WORD_BEFORE_RE = /([\p{L}.]+)\.$/u;

function isAbbreviation(before: string): boolean {
  const m = WORD_BEFORE_RE.exec(before);
  if (!m) return false;
  const word = m[1]!;
  // An initial ("J. K. Rowling") or a dotted acronym ("U.N.", "U.S.").
  if (/^\p{Lu}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** Splits a paragraph into sentences, keeping abbreviations, initials and acronyms inside them. */
export function splitSentences(text: string): SentenceRange[] {
  const out: SentenceRange[] = [];
  let start = 0;
  // The module's regex, reset, instead of matchAll, which clones its regex on every call: the clone would
  // be most of splitting a question. Nothing here re-enters splitSentences.
  BOUNDARY_RE.lastIndex = 0;
  for (let m = BOUNDARY_RE.exec(text); m !== null; m = BOUNDARY_RE.exec(text)) {
    const punctEnd = m.index + m[0].trimEnd().length;
    const punct = m[0].trimEnd();
    // Only the last word before the period is looked at: WORD_BEFORE_RE finds the run of letters and
    // dots that ends there, which a space ends, so the text from the last space on gives the same match
    // — and spares the regex a start at every character of the sentence (most of splitting a question).
    const word = Math.max(start, text.lastIndexOf(" ", m.index) + 1);
    if (punct.startsWith(".") && !/^\.{2,}/.test(punct) && isAbbreviation(text.slice(word, m.index + 1))) {
      continue;
    }
    if (punctEnd > start) out.push({ start, end: punctEnd });
    start = m.index + m[0].length;
  }
  const tail = text.slice(start).trimEnd();
  if (tail.length > 0) out.push({ start, end: start + tail.length });
  return out;
}
