import type { Corpus } from "../corpus/types.js";
import { tokenize } from "./analyze.js";
import { corpusKey } from "./corpus-key.js";
import { type IndexOptions, resolveIndexOptions } from "./index-options.js";
import type { ParagraphIndex } from "./paragraph-index.js";

/** Growable typed array, so building 10M postings does not box numbers in JS arrays. */
class Growable<T extends Uint32Array | Float32Array> {
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
}

/** Index terms of a text; records the first folded surface of each new term (for hints). */
function termsOf(text: string, surfaces: Map<string, string>): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    if (token.stop) continue;
    out.push(token.term);
    if (!surfaces.has(token.term)) surfaces.set(token.term, token.folded.replace(/'s$/, ""));
  }
  return out;
}

function countTerms(terms: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** Builds the paragraph index of a corpus in memory. Pure apart from time spent. */
export function buildIndex(corpus: Corpus, options: IndexOptions = {}): ParagraphIndex {
  const resolved = resolveIndexOptions(options);
  const { b, titleWeight, dekWeight, fieldB } = resolved;
  const articles = corpus.articles;
  const surfaceOf = new Map<string, string>();

  // Pass 1: analyse every paragraph once; keep per-paragraph term counts only transiently.
  let docCount = 0;
  let bodyLengthSum = 0;
  let titleLengthSum = 0;
  let dekLengthSum = 0;
  const titleTerms: string[][] = [];
  const dekTerms: string[][] = [];
  for (const article of articles) {
    docCount += article.paragraphs.length;
    const title = termsOf(article.title, surfaceOf);
    const dek = termsOf(article.dek ?? "", surfaceOf);
    titleTerms.push(title);
    dekTerms.push(dek);
    titleLengthSum += title.length;
    dekLengthSum += dek.length;
  }
  const avgTitle = Math.max(1, titleLengthSum / Math.max(1, articles.length));
  const avgDek = Math.max(1, dekLengthSum / Math.max(1, articles.length));

  const docArticle = new Uint32Array(docCount);
  const docParagraph = new Uint32Array(docCount);
  const bodyTerms: string[][] = [];
  let doc = 0;
  for (let a = 0; a < articles.length; a++) {
    const paragraphs = articles[a]!.paragraphs;
    for (let p = 0; p < paragraphs.length; p++) {
      const terms = termsOf(paragraphs[p]!, surfaceOf);
      bodyTerms.push(terms);
      bodyLengthSum += terms.length;
      docArticle[doc] = a;
      docParagraph[doc] = p;
      doc++;
    }
  }
  const avgBody = Math.max(1, bodyLengthSum / Math.max(1, docCount));

  // Pass 2: (term, doc, pseudo-frequency) triples in doc order.
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const tripleTerm = new Growable((n) => new Uint32Array(n));
  const tripleDoc = new Growable((n) => new Uint32Array(n));
  const tripleTf = new Growable((n) => new Float32Array(n));
  const idOf = (term: string): number => {
    let id = termIds.get(term);
    if (id === undefined) {
      id = terms.length;
      termIds.set(term, id);
      terms.push(term);
    }
    return id;
  };

  doc = 0;
  for (let a = 0; a < articles.length; a++) {
    const article = articles[a]!;
    // Title and dek words count in every paragraph of the article (BM25F: fields share one saturation).
    const fieldTf = new Map<string, number>();
    const titleNorm = 1 - fieldB + (fieldB * titleTerms[a]!.length) / avgTitle;
    for (const [term, count] of countTerms(titleTerms[a]!)) {
      fieldTf.set(term, (fieldTf.get(term) ?? 0) + (titleWeight * count) / titleNorm);
    }
    const dekNorm = 1 - fieldB + (fieldB * dekTerms[a]!.length) / avgDek;
    for (const [term, count] of countTerms(dekTerms[a]!)) {
      fieldTf.set(term, (fieldTf.get(term) ?? 0) + (dekWeight * count) / dekNorm);
    }
    for (let p = 0; p < article.paragraphs.length; p++) {
      const body = bodyTerms[doc]!;
      const bodyNorm = 1 - b + (b * body.length) / avgBody;
      const tf = countTerms(body);
      for (const [term, count] of tf) {
        tripleTerm.push(idOf(term));
        tripleDoc.push(doc);
        tripleTf.push(count / bodyNorm + (fieldTf.get(term) ?? 0));
      }
      for (const [term, value] of fieldTf) {
        if (tf.has(term)) continue;
        tripleTerm.push(idOf(term));
        tripleDoc.push(doc);
        tripleTf.push(value);
      }
      bodyTerms[doc] = []; // free as we go
      doc++;
    }
  }

  // Counting sort by term; docs stay ascending within each term because triples are in doc order.
  const termCount = terms.length;
  const postingStart = new Uint32Array(termCount + 1);
  const n = tripleTerm.length;
  const tt = tripleTerm.array;
  for (let i = 0; i < n; i++) postingStart[tt[i]! + 1]!++;
  for (let t = 0; t < termCount; t++) postingStart[t + 1]! += postingStart[t]!;
  const cursor = postingStart.slice(0, termCount);
  const postingDocs = new Uint32Array(n);
  const postingTf = new Float32Array(n);
  const maxTf = new Float32Array(termCount);
  const td = tripleDoc.array;
  const tv = tripleTf.array;
  for (let i = 0; i < n; i++) {
    const t = tt[i]!;
    const at = cursor[t]!++;
    postingDocs[at] = td[i]!;
    postingTf[at] = tv[i]!;
    if (tv[i]! > maxTf[t]!) maxTf[t] = tv[i]!;
  }

  return {
    options: resolved,
    key: corpusKey(corpus, resolved),
    articles,
    docCount,
    docArticle,
    docParagraph,
    terms,
    surfaces: terms.map((term) => surfaceOf.get(term) ?? term),
    termIds,
    postingStart,
    postingDocs,
    postingTf,
    maxTf,
  };
}
