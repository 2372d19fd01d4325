import type { Article, Corpus } from "../corpus/index.js";
import {
  assembleParagraphIndex,
  corpusKey,
  type ParagraphIndex,
  SENTENCE_TOKEN,
} from "../index-store/index.js";
import { averageLength, lengthNorm, type ResolvedIndexOptions } from "./formula.js";
import type { IndexAnalysis } from "./index-analysis.js";

/**
 * The builder's second half: a corpus's analysis (index-analysis.ts) into the paragraph and article
 * postings, and the index. Everything here reads term ids and lengths, never text.
 */
export function indexOfAnalysis(
  corpus: Corpus,
  resolved: ResolvedIndexOptions,
  analysis: IndexAnalysis,
): ParagraphIndex {
  const { terms, surfaces, termIds } = analysis;
  const articles = corpus.articles;
  const paragraphs = paragraphPostings(articles, resolved, analysis);
  const articleLevel = articlePostings(articles, resolved, analysis);
  const titles = titleTokens(analysis);
  return assembleParagraphIndex(
    { options: resolved, key: corpusKey(corpus, resolved), articles, terms, surfaces, termIds },
    {
      ...(analysis.docEntities ? { docEntities: analysis.docEntities } : {}),
      docArticle: analysis.docArticle,
      docParagraph: analysis.docParagraph,
      docTokenStart: analysis.docTokenStart,
      docTokens: analysis.docTokens,
      postingStart: paragraphs.start,
      postingDocs: paragraphs.docs,
      postingTf: paragraphs.tf,
      maxTf: paragraphs.maxTf,
      articleTitleStart: titles.start,
      articleTitleTokens: titles.tokens,
      articleDocStart: articleLevel.docStart,
      articlePostingStart: articleLevel.postings.start,
      articlePostingDocs: articleLevel.postings.docs,
      articlePostingTf: articleLevel.postings.tf,
      articleMaxTf: articleLevel.postings.maxTf,
    },
  );
}

/** Every term's postings, terms in id order, each term's docs ascending. */
interface Postings {
  /** term → start of its postings; length termCount + 1. */
  start: Uint32Array;
  docs: Uint32Array;
  tf: Float32Array;
  maxTf: Float32Array;
}

/**
 * Postings written in place, in two passes over the documents in order: the first counts the
 * documents each term is in (`count`), which places every term's list (`place`); the second writes
 * each document's entries (`add`), which land ascending by doc within each list. Nothing is sorted and
 * no (term, doc, tf) triple is kept between the passes.
 */
class PostingLists {
  private readonly start: Uint32Array;
  /** term → the last doc counted for it, plus one (0: none yet). */
  private readonly counted: Uint32Array;
  private cursor: Uint32Array = new Uint32Array(0);
  private docs: Uint32Array = new Uint32Array(0);
  private tf: Float32Array = new Float32Array(0);
  private readonly maxTf: Float32Array;

  constructor(private readonly termCount: number) {
    this.start = new Uint32Array(termCount + 1);
    this.counted = new Uint32Array(termCount);
    this.maxTf = new Float32Array(termCount);
  }

  /** First pass: term `id` is in `doc` (once or more). */
  count(id: number, doc: number): void {
    if (this.counted[id] === doc + 1) return;
    this.counted[id] = doc + 1;
    this.start[id + 1]!++;
  }

  /** Between the passes: every term's list placed after the one before. */
  place(): void {
    const start = this.start;
    for (let t = 0; t < this.termCount; t++) start[t + 1]! += start[t]!;
    this.cursor = start.slice(0, this.termCount);
    this.docs = new Uint32Array(start[this.termCount]!);
    this.tf = new Float32Array(start[this.termCount]!);
  }

  /** Second pass: term `id`'s entry for `doc` (docs in ascending order). */
  add(id: number, doc: number, tf: number): void {
    const at = this.cursor[id]!++;
    this.docs[at] = doc;
    this.tf[at] = tf;
    if (this.tf[at]! > this.maxTf[id]!) this.maxTf[id] = this.tf[at]!;
  }

  done(): Postings {
    return { start: this.start, docs: this.docs, tf: this.tf, maxTf: this.maxTf };
  }
}

/** A document's pseudo-frequencies, term by term, handed to the posting lists and cleared. */
class Frequencies {
  private readonly amount: Float64Array;
  private readonly touched: number[] = [];

  constructor(termCount: number) {
    this.amount = new Float64Array(termCount);
  }

  add(id: number, amount: number): void {
    if (this.amount[id] === 0) this.touched.push(id);
    this.amount[id]! += amount;
  }

  /** Each term's amount, divided by `norm`, as `doc`'s entry; then all cleared. */
  flush(lists: PostingLists, doc: number, norm = 1): void {
    for (const id of this.touched) {
      lists.add(id, doc, this.amount[id]! / norm);
      this.amount[id] = 0;
    }
    this.touched.length = 0;
  }
}

/** The average lengths the length norms divide by: a paragraph's body, an article's title, its dek. */
interface FieldStats {
  avgBody: number;
  avgTitle: number;
  avgDek: number;
}

function fieldStats(articleCount: number, analysis: IndexAnalysis): FieldStats {
  const { docLength, titleIds, dekIds } = analysis;
  let bodySum = 0;
  for (let d = 0; d < docLength.length; d++) bodySum += docLength[d]!;
  let titleSum = 0;
  let dekSum = 0;
  for (let a = 0; a < articleCount; a++) {
    titleSum += titleIds[a]!.length;
    dekSum += dekIds[a]!.length;
  }
  return {
    avgBody: averageLength(bodySum, docLength.length),
    avgTitle: averageLength(titleSum, articleCount),
    avgDek: averageLength(dekSum, articleCount),
  };
}

/**
 * Paragraph postings with BM25F pseudo-frequencies: a paragraph's own words under its length norm,
 * plus its article's title and dek words (fields share one saturation), each under its field's norm.
 */
function paragraphPostings(
  articles: readonly Article[],
  resolved: ResolvedIndexOptions,
  analysis: IndexAnalysis,
): Postings {
  const termCount = analysis.terms.length;
  const lists = new PostingLists(termCount);
  const body = new Frequencies(termCount);
  const fields = new ArticleFields(termCount, resolved, fieldStats(articles.length, analysis));
  const { docTokenStart, docTokens, docLength } = analysis;
  forEachParagraph(articles, analysis, fields, (doc) => {
    for (let i = docTokenStart[doc]!; i < docTokenStart[doc + 1]!; i++) {
      if (docTokens[i]! < SENTENCE_TOKEN) lists.count(docTokens[i]!, doc);
    }
    for (const id of fields.terms) lists.count(id, doc);
  });
  lists.place();
  forEachParagraph(articles, analysis, fields, (doc) => {
    const share = 1 / fields.bodyNorm(docLength[doc]!);
    for (let i = docTokenStart[doc]!; i < docTokenStart[doc + 1]!; i++) {
      if (docTokens[i]! < SENTENCE_TOKEN) body.add(docTokens[i]!, share);
    }
    for (const id of fields.terms) body.add(id, fields.amount[id]!);
    body.flush(lists, doc);
  });
  return lists.done();
}

/** Every paragraph's doc number, in order, with `fields` holding its article's title and dek words. */
function forEachParagraph(
  articles: readonly Article[],
  analysis: IndexAnalysis,
  fields: ArticleFields,
  visit: (doc: number) => void,
): void {
  let doc = 0;
  for (let a = 0; a < articles.length; a++) {
    fields.read(analysis.titleIds[a]!, analysis.dekIds[a]!);
    for (let p = 0; p < articles[a]!.paragraphs.length; p++) visit(doc++);
    fields.clear();
  }
}

/** One article's title and dek words as the amounts they add to each of its paragraphs. */
class ArticleFields {
  readonly amount: Float64Array;
  readonly terms: number[] = [];

  constructor(
    termCount: number,
    private readonly resolved: ResolvedIndexOptions,
    private readonly stats: FieldStats,
  ) {
    this.amount = new Float64Array(termCount);
  }

  read(titleIds: readonly number[], dekIds: readonly number[]): void {
    const { titleWeight, dekWeight } = this.resolved;
    this.readField(titleIds, titleWeight, this.stats.avgTitle);
    this.readField(dekIds, dekWeight, this.stats.avgDek);
  }

  private readField(ids: readonly number[], weight: number, average: number): void {
    const norm = lengthNorm(this.resolved.fieldB, ids.length, average);
    for (const id of ids) {
      if (this.amount[id] === 0) this.terms.push(id);
      this.amount[id]! += weight / norm;
    }
  }

  bodyNorm(length: number): number {
    return lengthNorm(this.resolved.b, length, this.stats.avgBody);
  }

  clear(): void {
    for (const id of this.terms) this.amount[id] = 0;
    this.terms.length = 0;
  }
}

/** Article postings: each article's whole body, title and dek as one document (BM25, one length norm). */
function articlePostings(
  articles: readonly Article[],
  resolved: ResolvedIndexOptions,
  analysis: IndexAnalysis,
): { docStart: Uint32Array; postings: Postings } {
  const termCount = analysis.terms.length;
  const { docStart, norms } = articleNorms(articles, resolved.b, analysis);
  const lists = new PostingLists(termCount);
  const words = new Frequencies(termCount);
  const { titleIds, dekIds, docTokenStart, docTokens } = analysis;
  const { titleWeight, dekWeight } = resolved;
  for (let a = 0; a < articles.length; a++) {
    for (const id of titleIds[a]!) lists.count(id, a);
    for (const id of dekIds[a]!) lists.count(id, a);
    for (let i = docTokenStart[docStart[a]!]!; i < docTokenStart[docStart[a + 1]!]!; i++) {
      if (docTokens[i]! < SENTENCE_TOKEN) lists.count(docTokens[i]!, a);
    }
  }
  lists.place();
  for (let a = 0; a < articles.length; a++) {
    for (const id of titleIds[a]!) words.add(id, titleWeight);
    for (const id of dekIds[a]!) words.add(id, dekWeight);
    for (let i = docTokenStart[docStart[a]!]!; i < docTokenStart[docStart[a + 1]!]!; i++) {
      if (docTokens[i]! < SENTENCE_TOKEN) words.add(docTokens[i]!, 1);
    }
    words.flush(lists, a, norms[a]!);
  }
  return { docStart, postings: lists.done() };
}

/** article → its first doc (and the doc count last), and its length norm at the article level. */
function articleNorms(
  articles: readonly Article[],
  b: number,
  analysis: IndexAnalysis,
): { docStart: Uint32Array; norms: Float64Array } {
  const docStart = new Uint32Array(articles.length + 1);
  const lengths = new Float64Array(articles.length);
  let sum = 0;
  let doc = 0;
  for (let a = 0; a < articles.length; a++) {
    docStart[a] = doc;
    let length = analysis.titleIds[a]!.length + analysis.dekIds[a]!.length;
    for (let p = 0; p < articles[a]!.paragraphs.length; p++) length += analysis.docLength[doc++]!;
    lengths[a] = length;
    sum += length;
  }
  docStart[articles.length] = doc;
  const average = averageLength(sum, articles.length);
  const norms = lengths.map((length) => lengthNorm(b, length, average));
  return { docStart, norms };
}

/** Each article's title then dek term ids, one after the other (ParagraphIndex.articleTitleTokens). */
function titleTokens(analysis: IndexAnalysis): { start: Uint32Array; tokens: Uint32Array } {
  const { titleIds, dekIds } = analysis;
  const start = new Uint32Array(titleIds.length + 1);
  const tokens: number[] = [];
  for (let a = 0; a < titleIds.length; a++) {
    start[a] = tokens.length;
    tokens.push(...titleIds[a]!, ...dekIds[a]!);
  }
  start[titleIds.length] = tokens.length;
  return { start, tokens: Uint32Array.from(tokens) };
}
