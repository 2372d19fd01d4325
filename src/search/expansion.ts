/** One index term a word of the question matches, and how strongly: its own file so the index state can name it. */
export interface Expansion {
  termId: number;
  term: string;
  /** Relative to the word as typed: 1 for the word itself, less for corrections, completions, synonyms. */
  weight: number;
  kind: "exact" | "fuzzy" | "prefix" | "related";
}
