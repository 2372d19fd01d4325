import { readFileSync } from "node:fs";
import { baseForm } from "./irregular-verbs.js";

/**
 * Related words of English words, from WordNet (scripts/generate-related-words.ts writes
 * related-words.txt): synonyms of a word's common senses and its derivationally related forms, as index
 * terms ("invade" → "invas", "occupi"). Questions often say in other words what their answer says;
 * these let a passage match a question word through a word of the same meaning.
 */
let table: ReadonlyMap<string, readonly string[]> | undefined;

function load(): ReadonlyMap<string, readonly string[]> {
  const map = new Map<string, readonly string[]>();
  const text = readFileSync(new URL("./related-words.txt", import.meta.url), "utf8");
  for (const line of text.split("\n")) {
    if (line.length === 0 || line.startsWith("#")) continue;
    const tab = line.indexOf("\t");
    map.set(line.slice(0, tab), line.slice(tab + 1).split(" "));
  }
  return map;
}

// WordNet's own detachment rules (morphy): inflected ending → base ending, nouns, verbs and adjectives.
const DETACH: readonly [string, string][] = [
  ["ies", "y"],
  ["ches", "ch"],
  ["shes", "sh"],
  ["ses", "s"],
  ["xes", "x"],
  ["zes", "z"],
  ["men", "man"],
  ["es", "e"],
  ["es", ""],
  ["s", ""],
  ["ied", "y"],
  ["ed", "e"],
  ["ed", ""],
  ["ing", "e"],
  ["ing", ""],
];
const DOUBLED = /([b-df-hj-np-tv-z])\1$/;

/**
 * Base forms a written word may be an inflection of ("removed" → "remove", "stopped" → "stop"):
 * the table is keyed by base forms, as WordNet is. Comparatives and superlatives are keys themselves.
 */
function baseForms(folded: string): string[] {
  const out = [folded];
  const irregular = baseForm(folded);
  if (irregular !== folded) out.push(irregular);
  for (const [ending, base] of DETACH) {
    if (!folded.endsWith(ending) || folded.length - ending.length < 2) continue;
    const stem = folded.slice(0, -ending.length);
    out.push(stem + base);
    // "stopped" → "stopp" → "stop"
    if (base === "" && DOUBLED.test(stem)) out.push(stem.slice(0, -1));
  }
  return out;
}

/**
 * Index terms WordNet relates to a written (folded) word, closest senses first; none for a word it does
 * not know. The table is read on first use and kept.
 */
export function relatedTerms(folded: string): readonly string[] {
  let found = memo.get(folded);
  if (found === undefined) {
    found = computeRelatedTerms(folded);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(folded, found);
  }
  return found;
}

/**
 * Related terms of recently asked words: they depend on the word alone, and trying each of its base
 * forms against the table is a large share of analysing a question. Bounded: cleared when full.
 */
const memo = new Map<string, readonly string[]>();
const MEMO_LIMIT = 50_000;

/** Reads the table now instead of at the first question that needs it, which would wait for it. */
export function loadRelatedWords(): void {
  table ??= load();
}

function computeRelatedTerms(folded: string): readonly string[] {
  table ??= load();
  const out: string[] = [];
  for (const form of baseForms(folded)) {
    for (const term of table.get(form) ?? []) if (!out.includes(term)) out.push(term);
  }
  return out;
}
