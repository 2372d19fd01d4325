import type { Article } from "../corpus/index.js";
import { type ParagraphIndex, STOP_TOKEN } from "../index-store/index.js";
import { entityMask } from "./entity-tags.js";
import { analyseText, surfaceOf } from "./index-analysis.js";
import { type IndexedWord, type TermVocabulary, WrittenWordIds } from "./index-words.js";

/*
 * patchIndex's reading of the new and changed articles (patch-index.ts): the only texts a patch reads.
 */

/**
 * The base's terms under their base ids, and terms the base lacks under ids after them; for every id,
 * the surface of its first use in the texts analysed (which are read in corpus order).
 */
export class FreshVocabulary implements TermVocabulary {
  readonly added = new Map<string, number>();
  readonly addedTerms: string[] = [];
  readonly firstSurface = new Map<number, string>();
  constructor(private readonly base: ParagraphIndex) {}

  idOf(word: IndexedWord): number {
    let id = this.base.termIds.get(word.term) ?? this.added.get(word.term);
    if (id === undefined) {
      id = this.base.terms.length + this.addedTerms.length;
      this.added.set(word.term, id);
      this.addedTerms.push(word.term);
    }
    if (!this.firstSurface.has(id)) this.firstSurface.set(id, surfaceOf(word));
    return id;
  }

  term(id: number): string {
    return id < this.base.terms.length ? this.base.terms[id]! : this.addedTerms[id - this.base.terms.length]!;
  }
}

/** A new or changed article's words, in FreshVocabulary ids. */
export interface FreshText {
  title: number[];
  dek: number[];
  /** Each paragraph's forward-index entries. */
  paragraphs: number[][];
  lengths: number[];
  entities?: number[];
}

/** article → its words, for every article analysed afresh (sources[a] < 0), read in corpus order. */
export function analyseFresh(
  articles: readonly Article[],
  sources: Int32Array,
  vocabulary: FreshVocabulary,
  entityTags: boolean,
): Map<number, FreshText> {
  const texts = new Map<number, FreshText>();
  const words = new WrittenWordIds(vocabulary);
  for (let a = 0; a < articles.length; a++) {
    if (sources[a]! >= 0) continue;
    const article = articles[a]!;
    const title: number[] = [];
    const dek: number[] = [];
    analyseText(article.title, words, title);
    analyseText(article.dek ?? "", words, dek);
    const text: FreshText = {
      title: title.filter((id) => id !== STOP_TOKEN),
      dek: dek.filter((id) => id !== STOP_TOKEN),
      paragraphs: [],
      lengths: [],
      ...(entityTags ? { entities: article.paragraphs.map(entityMask) } : {}),
    };
    for (const paragraph of article.paragraphs) {
      const ids: number[] = [];
      text.lengths.push(analyseText(paragraph, words, ids, true));
      text.paragraphs.push(ids);
    }
    texts.set(a, text);
  }
  return texts;
}
