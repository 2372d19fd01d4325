import MiniSearch from "minisearch";
import { stemmer } from "stemmer";
import type { Article } from "../../src/corpus/types.js";
import { STOP_WORDS } from "./stop-words.js";

interface ParagraphDoc {
  id: number;
  title: string;
  text: string;
}

/** Stop words never reach the index or the query; everything else is lower-cased and Porter-stemmed. */
function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  if (STOP_WORDS.has(lower)) return null;
  return stemmer(lower);
}

const OPTIONS = {
  fields: ["title", "text"],
  processTerm,
  searchOptions: {
    boost: { title: 0.5 },
    // Fuzzy only on long words: on short ones it costs much and mostly matches noise.
    fuzzy: (term: string) => (term.length >= 6 ? 0.2 : false),
  },
};

export interface ReferenceHit {
  articleId: string;
  paragraph: number;
  text: string;
}

/**
 * Plain MiniSearch tuned as in the eval README (stop words dropped, Porter stemming via `stemmer`,
 * fuzzy 0.2 on terms of 6+ characters, title boost 0.5), one document per paragraph: the yardstick
 * every engine figure is divided by.
 */
export interface ReferenceIndex {
  search(question: string, limit?: number): ReferenceHit[];
  /** `JSON.stringify` of the index: MiniSearch's own persistence. */
  serialize(): string;
  /** Time to `MiniSearch.loadJSON` a serialized index, in ms. */
  timeLoadJson(json: string): number;
}

export function buildReference(articles: readonly Article[]): ReferenceIndex {
  const index = new MiniSearch<ParagraphDoc>(OPTIONS);
  const owner: number[] = [];
  const paragraphNo: number[] = [];
  let id = 0;
  articles.forEach((article, a) => {
    article.paragraphs.forEach((text, p) => {
      owner.push(a);
      paragraphNo.push(p);
      index.add({ id, title: article.title, text });
      id += 1;
    });
  });
  return {
    search(question, limit = 3) {
      return index
        .search(question)
        .slice(0, limit)
        .map((r) => {
          const n = r.id as number;
          const article = articles[owner[n]!]!;
          const p = paragraphNo[n]!;
          return { articleId: article.id, paragraph: p + 1, text: article.paragraphs[p]! };
        });
    },
    serialize: () => JSON.stringify(index),
    timeLoadJson(json) {
      const start = performance.now();
      MiniSearch.loadJSON(json, OPTIONS);
      return performance.now() - start;
    },
  };
}
