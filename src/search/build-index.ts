import type { Article, Corpus } from "../corpus/index.js";
import { type ParagraphIndex, STOP_TOKEN } from "../index-store/index.js";
import { entityMask } from "./entity-tags.js";
import { type IndexOptions, resolveIndexOptions } from "./formula.js";
import { Growable } from "./growable.js";
import { analyseText, FirstUseVocabulary, type IndexAnalysis } from "./index-analysis.js";
import { indexOfAnalysis } from "./index-postings.js";
import { WrittenWordIds } from "./index-words.js";

/** Every paragraph's entity-type mask (entity-tags.ts), in doc order: tagged once, kept with the index. */
function tagEntities(articles: readonly Article[], docCount: number): Uint16Array {
  const tags = new Uint16Array(docCount);
  let doc = 0;
  for (const article of articles) for (const text of article.paragraphs) tags[doc++] = entityMask(text);
  return tags;
}

/** The builder's first pass: every text analysed once; paragraphs go to the forward index. */
export function analyseCorpus(articles: readonly Article[], entityTags: boolean): IndexAnalysis {
  const vocabulary = new FirstUseVocabulary();
  const words = new WrittenWordIds(vocabulary);
  let docCount = 0;
  for (const article of articles) docCount += article.paragraphs.length;
  const docArticle = new Uint32Array(docCount);
  const docParagraph = new Uint32Array(docCount);
  const docTokenStart = new Uint32Array(docCount + 1);
  const docLength = new Uint32Array(docCount);
  const forward = new Growable((n) => new Uint32Array(n));
  const titleIds: number[][] = [];
  const dekIds: number[][] = [];
  let doc = 0;
  for (let a = 0; a < articles.length; a++) {
    const article = articles[a]!;
    const title: number[] = [];
    const dek: number[] = [];
    analyseText(article.title, words, title);
    analyseText(article.dek ?? "", words, dek);
    titleIds.push(title.filter((id) => id !== STOP_TOKEN));
    dekIds.push(dek.filter((id) => id !== STOP_TOKEN));
    for (let p = 0; p < article.paragraphs.length; p++) {
      docArticle[doc] = a;
      docParagraph[doc] = p;
      docTokenStart[doc] = forward.length;
      docLength[doc] = analyseText(article.paragraphs[p]!, words, forward, true);
      doc++;
    }
  }
  docTokenStart[docCount] = forward.length;
  return {
    terms: vocabulary.terms,
    surfaces: vocabulary.surfaces,
    termIds: vocabulary.termIds,
    titleIds,
    dekIds,
    docArticle,
    docParagraph,
    docTokenStart,
    docTokens: forward.trimmed(),
    docLength,
    ...(entityTags ? { docEntities: tagEntities(articles, docCount) } : {}),
  };
}

/** Builds the paragraph index of a corpus in memory. Pure apart from time spent. */
export function buildIndex(corpus: Corpus, options: IndexOptions = {}): ParagraphIndex {
  const resolved = resolveIndexOptions(options);
  return indexOfAnalysis(corpus, resolved, analyseCorpus(corpus.articles, resolved.entityTags));
}
