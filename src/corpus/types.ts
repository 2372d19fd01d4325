import type { CorpusError } from "../errors.js";

/** One article of the corpus, as loaded and validated. Paragraph i (0-based here) is cited as ¶(i+1). */
export interface Article {
  /** Stable slug, unique in the corpus. */
  id: string;
  title: string;
  publication: string;
  url?: string;
  /** ISO date (YYYY-MM-DD or full ISO timestamp). */
  published?: string;
  byline?: string;
  section?: string;
  dek?: string;
  imageCredit?: string;
  /** ISO date of the latest correction, when the article was corrected. */
  corrected?: string;
  /** Optional note describing the correction. */
  correction?: string;
  /** Body paragraphs, verbatim. Never empty. */
  paragraphs: string[];
  /** File the article came from (and line, for JSONL exports) — for error messages and status. */
  source: string;
}

export interface Corpus {
  articles: Article[];
  /** Files the loader set aside (loadCorpus's `setAside`): each one's error, the first 100. */
  setAside?: CorpusError[];
  /** How many files were set aside (more than `setAside` lists when over 100). */
  setAsideCount?: number;
}
