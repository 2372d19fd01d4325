import type { Corpus } from "../corpus/index.js";
import {
  assembleParagraphIndex,
  corpusKey,
  type ParagraphIndex,
  SENTENCE_TOKEN,
} from "../index-store/index.js";
import { averageLength, lengthNorm, type ResolvedIndexOptions } from "./formula.js";
import type { IndexAnalysis } from "./index-analysis.js";

/** Growable typed array, so building 10M postings does not box numbers in JS arrays. */
export class Growable<T extends Uint32Array | Float32Array> {
  array: T;
  length = 0;
  constructor(private readonly make: (n: number) => T) {
    this.array = make(1 << 16);
  }
  push(value: number): void {
    if (this.length === this.array.length) {
      const bigger = this.make(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length++] = value;
  }
  trimmed(): T {
    return this.array.slice(0, this.length) as T;
  }
}

/** Counting sort of (term, doc, tf) triples by term; docs stay ascending as triples come in doc order. */
function sortByTerm(
  termCount: number,
  terms: Growable<Uint32Array>,
  docs: Growable<Uint32Array>,
  tfs: Growable<Float32Array>,
): { start: Uint32Array; docs: Uint32Array; tf: Float32Array; maxTf: Float32Array } {
  const start = new Uint32Array(termCount + 1);
  const n = terms.length;
  const tt = terms.array;
  for (let i = 0; i < n; i++) start[tt[i]! + 1]!++;
  for (let t = 0; t < termCount; t++) start[t + 1]! += start[t]!;
  const cursor = start.slice(0, termCount);
  const outDocs = new Uint32Array(n);
  const outTf = new Float32Array(n);
  const maxTf = new Float32Array(termCount);
  const td = docs.array;
  const tv = tfs.array;
  for (let i = 0; i < n; i++) {
    const t = tt[i]!;
    const at = cursor[t]!++;
    outDocs[at] = td[i]!;
    outTf[at] = tv[i]!;
    if (outTf[at]! > maxTf[t]!) maxTf[t] = outTf[at]!;
  }
  return { start, docs: outDocs, tf: outTf, maxTf };
}

/**
 * The builder's second half: a corpus's analysis (index-analysis.ts) into the paragraph and article
 * postings, and the index. Everything here reads term ids and lengths, never text.
 */
export function indexOfAnalysis(
  corpus: Corpus,
  resolved: ResolvedIndexOptions,
  analysis: IndexAnalysis,
): ParagraphIndex {
  const { b, titleWeight, dekWeight, fieldB } = resolved;
  const articles = corpus.articles;
  const { terms, surfaces, termIds, titleIds, dekIds, docTokenStart, docTokens, docLength } = analysis;
  const docCount = analysis.docArticle.length;
  let bodySum = 0;
  for (let d = 0; d < docCount; d++) bodySum += docLength[d]!;
  let titleSum = 0;
  let dekSum = 0;
  for (let a = 0; a < articles.length; a++) {
    titleSum += titleIds[a]!.length;
    dekSum += dekIds[a]!.length;
  }
  const avgBody = averageLength(bodySum, docCount);
  const avgTitle = averageLength(titleSum, articles.length);
  const avgDek = averageLength(dekSum, articles.length);

  // Pass 2: (term, doc, BM25F pseudo-frequency) triples in doc order.
  const termCount = terms.length;
  const tripleTerm = new Growable((n) => new Uint32Array(n));
  const tripleDoc = new Growable((n) => new Uint32Array(n));
  const tripleTf = new Growable((n) => new Float32Array(n));
  const acc = new Float64Array(termCount);
  const fieldAcc = new Float64Array(termCount);
  const touched: number[] = [];
  let doc = 0;
  for (let a = 0; a < articles.length; a++) {
    // Title and dek words count in every paragraph of the article (BM25F: fields share one saturation).
    const fieldTerms: number[] = [];
    const addField = (ids: number[], weight: number, avg: number) => {
      const norm = lengthNorm(fieldB, ids.length, avg);
      for (const id of ids) {
        if (fieldAcc[id] === 0) fieldTerms.push(id);
        fieldAcc[id]! += weight / norm;
      }
    };
    addField(titleIds[a]!, titleWeight, avgTitle);
    addField(dekIds[a]!, dekWeight, avgDek);
    for (let p = 0; p < articles[a]!.paragraphs.length; p++) {
      const bodyNorm = lengthNorm(b, docLength[doc]!, avgBody);
      for (let i = docTokenStart[doc]!; i < docTokenStart[doc + 1]!; i++) {
        const id = docTokens[i]!;
        if (id >= SENTENCE_TOKEN) continue;
        if (acc[id] === 0) touched.push(id);
        acc[id]! += 1 / bodyNorm;
      }
      for (const id of fieldTerms) {
        if (acc[id] === 0) touched.push(id);
        acc[id]! += fieldAcc[id]!;
      }
      for (const id of touched) {
        tripleTerm.push(id);
        tripleDoc.push(doc);
        tripleTf.push(acc[id]!);
        acc[id] = 0;
      }
      touched.length = 0;
      doc++;
    }
    for (const id of fieldTerms) fieldAcc[id] = 0;
  }

  const paragraphPostings = sortByTerm(termCount, tripleTerm, tripleDoc, tripleTf);

  // Article level: each article's whole body and title as one document (BM25, one length norm).
  const articleDocStart = new Uint32Array(articles.length + 1);
  const aTerm = new Growable((n) => new Uint32Array(n));
  const aDoc = new Growable((n) => new Uint32Array(n));
  const aTf = new Growable((n) => new Float32Array(n));
  const articleLength = new Float64Array(articles.length);
  let articleSum = 0;
  doc = 0;
  for (let a = 0; a < articles.length; a++) {
    articleDocStart[a] = doc;
    let length = titleIds[a]!.length + dekIds[a]!.length;
    for (let p = 0; p < articles[a]!.paragraphs.length; p++) length += docLength[doc++]!;
    articleLength[a] = length;
    articleSum += length;
  }
  articleDocStart[articles.length] = docCount;
  const avgArticle = averageLength(articleSum, articles.length);
  for (let a = 0; a < articles.length; a++) {
    const norm = lengthNorm(b, articleLength[a]!, avgArticle);
    const add = (id: number, amount: number) => {
      if (acc[id] === 0) touched.push(id);
      acc[id]! += amount;
    };
    for (const id of titleIds[a]!) add(id, titleWeight);
    for (const id of dekIds[a]!) add(id, dekWeight);
    for (let i = docTokenStart[articleDocStart[a]!]!; i < docTokenStart[articleDocStart[a + 1]!]!; i++) {
      const id = docTokens[i]!;
      if (id < SENTENCE_TOKEN) add(id, 1);
    }
    for (const id of touched) {
      aTerm.push(id);
      aDoc.push(a);
      aTf.push(acc[id]! / norm);
      acc[id] = 0;
    }
    touched.length = 0;
  }
  const articlePostings = sortByTerm(termCount, aTerm, aDoc, aTf);
  const articleTitleStart = new Uint32Array(articles.length + 1);
  const titleTokens: number[] = [];
  for (let a = 0; a < articles.length; a++) {
    articleTitleStart[a] = titleTokens.length;
    titleTokens.push(...titleIds[a]!, ...dekIds[a]!);
  }
  articleTitleStart[articles.length] = titleTokens.length;

  return assembleParagraphIndex(
    { options: resolved, key: corpusKey(corpus, resolved), articles, terms, surfaces, termIds },
    {
      ...(analysis.docEntities ? { docEntities: analysis.docEntities } : {}),
      docArticle: analysis.docArticle,
      docParagraph: analysis.docParagraph,
      docTokenStart,
      docTokens,
      postingStart: paragraphPostings.start,
      postingDocs: paragraphPostings.docs,
      postingTf: paragraphPostings.tf,
      maxTf: paragraphPostings.maxTf,
      articleTitleStart,
      articleTitleTokens: Uint32Array.from(titleTokens),
      articleDocStart,
      articlePostingStart: articlePostings.start,
      articlePostingDocs: articlePostings.docs,
      articlePostingTf: articlePostings.tf,
      articleMaxTf: articlePostings.maxTf,
    },
  );
}
