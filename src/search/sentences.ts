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
  for (const m of text.matchAll(BOUNDARY_RE)) {
    const punctEnd = m.index + m[0].trimEnd().length;
    const punct = m[0].trimEnd();
    if (punct.startsWith(".") && !/^\.{2,}/.test(punct) && isAbbreviation(text.slice(start, m.index + 1))) {
      continue;
    }
    if (punctEnd > start) out.push({ start, end: punctEnd });
    start = m.index + m[0].length;
  }
  const tail = text.slice(start).trimEnd();
  if (tail.length > 0) out.push({ start, end: start + tail.length });
  return out;
}
