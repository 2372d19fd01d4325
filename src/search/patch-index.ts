import type { Article, Corpus } from "../corpus/index.js";
import { NewsdeskError } from "../errors.js";
import { type ParagraphIndex, SENTENCE_TOKEN, STOP_TOKEN } from "../index-store/index.js";
import { tokenize } from "./analyze.js";
import { entityMask } from "./entity-tags.js";
import { analyseText, type IndexAnalysis, surfaceOf } from "./index-analysis.js";
import { indexOfAnalysis } from "./index-postings.js";
import { type IndexedWord, type TermVocabulary, WrittenWordIds } from "./index-words.js";

/**
 * The index of `corpus` made from `base`, an index of an earlier state of it: equal, array for array
 * and term for term, to `buildIndex(corpus, base.options)` (test/search/patch-index.test.ts holds it
 * to that on random corpora and edits), in a fraction of its time when few articles changed.
 *
 * Only the texts of new and changed articles are read (tokenising, sentences, entity tags: most of a
 * build). An unchanged article's words are taken from `base`'s forward index, its term ids renumbered
 * in the order a build would give them (first use, corpus order). The rest of the build — lengths,
 * BM25F weights, postings — reads term ids only and runs as in a full build (index-postings.ts): corpus
 * statistics change with every edit (average lengths, document frequencies), so every posting's weight
 * may change, and computing them all keeps the index exactly what a build would make.
 * Undefined when more than `maxParagraphs` paragraphs would have to be read (a full build is the
 * better tool then, off the answering thread).
 */
export function patchIndex(
  base: ParagraphIndex,
  corpus: Corpus,
  maxParagraphs = Number.POSITIVE_INFINITY,
): PatchedIndex | undefined {
  const articles = corpus.articles;
  const sources = reusedSources(base, articles);
  let freshParagraphs = 0;
  for (let a = 0; a < articles.length; a++)
    if (sources[a]! < 0) freshParagraphs += articles[a]!.paragraphs.length;
  if (freshParagraphs > maxParagraphs) return undefined;
  const fresh = new FreshVocabulary(base);
  const freshTexts = analyseFresh(articles, sources, fresh, base.options.entityTags);
  const analysis = renumber(base, articles, sources, fresh, freshTexts);
  return {
    index: indexOfAnalysis(corpus, base.options, analysis),
    reused: sources.reduce((n, s) => (s >= 0 ? n + 1 : n), 0),
    analysed: freshTexts.size,
  };
}

export interface PatchedIndex {
  index: ParagraphIndex;
  /** Articles whose words were taken from the base index. */
  reused: number;
  /** Articles read and analysed (new or changed). */
  analysed: number;
}

/** Whether two articles give the index the same words (id aside: the index reads no other field). */
function sameText(x: Article, y: Article): boolean {
  if (x === y) return true;
  if (x.title !== y.title || (x.dek ?? "") !== (y.dek ?? "")) return false;
  if (x.paragraphs.length !== y.paragraphs.length) return false;
  for (let p = 0; p < x.paragraphs.length; p++) if (x.paragraphs[p] !== y.paragraphs[p]) return false;
  return true;
}

/**
 * article → the base article whose words it reuses, or −1 (analysed afresh). Reused articles keep the
 * base's relative order (an article moved before one already reused is analysed afresh), which is what
 * lets a term's first use be found without reading texts (see `renumber`).
 */
function reusedSources(base: ParagraphIndex, articles: readonly Article[]): Int32Array {
  const byId = new Map<string, number>();
  for (let a = 0; a < base.articles.length; a++) byId.set(base.articles[a]!.id, a);
  const sources = new Int32Array(articles.length).fill(-1);
  let last = -1;
  for (let a = 0; a < articles.length; a++) {
    const from = byId.get(articles[a]!.id);
    if (from === undefined || from <= last || !sameText(base.articles[from]!, articles[a]!)) continue;
    sources[a] = from;
    last = from;
  }
  return sources;
}

/**
 * The base's terms under their base ids, and terms the base lacks under ids after them; for every id,
 * the surface of its first use in the texts analysed (which are read in corpus order).
 */
class FreshVocabulary implements TermVocabulary {
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
interface FreshText {
  title: number[];
  dek: number[];
  /** Each paragraph's forward-index entries. */
  paragraphs: number[][];
  lengths: number[];
  entities?: number[];
}

function analyseFresh(
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

/** base term id → the base article of its first use (title, dek, paragraphs, article by article). */
function firstUseArticles(base: ParagraphIndex): Int32Array {
  const first = new Int32Array(base.terms.length).fill(-1);
  const { articleTitleStart, articleTitleTokens, articleDocStart, docTokenStart, docTokens } = base;
  for (let a = 0; a < base.articles.length; a++) {
    for (let i = articleTitleStart[a]!; i < articleTitleStart[a + 1]!; i++) {
      const id = articleTitleTokens[i]!;
      if (first[id] === -1) first[id] = a;
    }
    const to = docTokenStart[articleDocStart[a + 1]!]!;
    for (let i = docTokenStart[articleDocStart[a]!]!; i < to; i++) {
      const id = docTokens[i]!;
      if (id < SENTENCE_TOKEN && first[id] === -1) first[id] = a;
    }
  }
  return first;
}

/** The folded surface of the `k`-th word of `text` that is a term (stop words skipped), or every word's. */
function surfaceAt(text: string, k: number, countStops: boolean): string {
  let seen = 0;
  for (const token of tokenize(text)) {
    if (token.stop && !countStops) continue;
    if (seen++ === k) return surfaceOf(token);
  }
  throw new NewsdeskError("internal_invariant", `patchIndex: word ${k} of a reused text is missing.`);
}

/** How many words of `text` are terms: where an article's title ends in the base's title tokens. */
function termWords(text: string): number {
  let n = 0;
  for (const token of tokenize(text)) if (!token.stop) n++;
  return n;
}

/**
 * The new corpus's analysis: term ids given in order of first use, as a build gives them. A term's
 * surface is its first use's. When that use is in an article analysed afresh, its surface was read
 * then; when it is in a reused article, it is the base's surface if the base's first use was in that
 * same article (reused articles keep their order, so the first reused use is the base's first use) —
 * else the base's first use went with a removed or changed article, and the word is read again there.
 */
function renumber(
  base: ParagraphIndex,
  articles: readonly Article[],
  sources: Int32Array,
  vocabulary: FreshVocabulary,
  freshTexts: ReadonlyMap<number, FreshText>,
): IndexAnalysis {
  const firstUse = firstUseArticles(base);
  const remap = new Int32Array(base.terms.length + vocabulary.addedTerms.length).fill(-1);
  const terms: string[] = [];
  const surfaces: string[] = [];
  const give = (id: number, surface: () => string): number => {
    let to = remap[id]!;
    if (to === -1) {
      to = terms.length;
      remap[id] = to;
      terms.push(vocabulary.term(id));
      surfaces.push(surface());
    }
    return to;
  };
  const fromFresh = (id: number) => give(id, () => vocabulary.firstSurface.get(id)!);

  let docCount = 0;
  let tokenCount = 0;
  for (let a = 0; a < articles.length; a++) {
    docCount += articles[a]!.paragraphs.length;
    const from = sources[a]!;
    if (from >= 0) {
      tokenCount +=
        base.docTokenStart[base.articleDocStart[from + 1]!]! -
        base.docTokenStart[base.articleDocStart[from]!]!;
    } else {
      for (const words of freshTexts.get(a)!.paragraphs) tokenCount += words.length;
    }
  }
  const docArticle = new Uint32Array(docCount);
  const docParagraph = new Uint32Array(docCount);
  const docTokenStart = new Uint32Array(docCount + 1);
  const docLength = new Uint32Array(docCount);
  const docTokens = new Uint32Array(tokenCount);
  const docEntities = base.options.entityTags ? new Uint16Array(docCount) : undefined;
  const titleIds: number[][] = [];
  const dekIds: number[][] = [];
  let doc = 0;
  let at = 0;
  for (let a = 0; a < articles.length; a++) {
    const article = articles[a]!;
    const from = sources[a]!;
    const fresh = freshTexts.get(a);
    if (fresh) {
      titleIds.push(fresh.title.map(fromFresh));
      dekIds.push(fresh.dek.map(fromFresh));
      for (let p = 0; p < fresh.paragraphs.length; p++) {
        docArticle[doc] = a;
        docParagraph[doc] = p;
        docTokenStart[doc] = at;
        docLength[doc] = fresh.lengths[p]!;
        if (docEntities) docEntities[doc] = fresh.entities![p]!;
        for (const id of fresh.paragraphs[p]!) docTokens[at++] = id >= SENTENCE_TOKEN ? id : fromFresh(id);
        doc++;
      }
      continue;
    }
    // A reused article: its title's and dek's ids, then its paragraphs' entries, from the base.
    const fromBase = (id: number, text: string, k: number, countStops: boolean) =>
      give(id, () => (firstUse[id] === from ? base.surfaces[id]! : surfaceAt(text, k, countStops)));
    const titleStart = base.articleTitleStart[from]!;
    const titleEnd = titleStart + termWords(article.title);
    const title: number[] = [];
    for (let i = titleStart; i < titleEnd; i++)
      title.push(fromBase(base.articleTitleTokens[i]!, article.title, i - titleStart, false));
    const dek: number[] = [];
    for (let i = titleEnd; i < base.articleTitleStart[from + 1]!; i++)
      dek.push(fromBase(base.articleTitleTokens[i]!, article.dek ?? "", i - titleEnd, false));
    titleIds.push(title);
    dekIds.push(dek);
    const firstDoc = base.articleDocStart[from]!;
    for (let p = 0; p < article.paragraphs.length; p++) {
      const baseDoc = firstDoc + p;
      docArticle[doc] = a;
      docParagraph[doc] = p;
      docTokenStart[doc] = at;
      if (docEntities) {
        docEntities[doc] = base.docEntities ? base.docEntities[baseDoc]! : entityMask(article.paragraphs[p]!);
      }
      let length = 0;
      let word = 0;
      for (let i = base.docTokenStart[baseDoc]!; i < base.docTokenStart[baseDoc + 1]!; i++) {
        const id = base.docTokens[i]!;
        if (id === SENTENCE_TOKEN) {
          docTokens[at++] = id;
          continue;
        }
        if (id !== STOP_TOKEN) {
          docTokens[at++] = fromBase(id, article.paragraphs[p]!, word, true);
          length++;
        } else docTokens[at++] = id;
        word++;
      }
      docLength[doc] = length;
      doc++;
    }
  }
  docTokenStart[docCount] = at;
  const termIds = new Map<string, number>();
  for (let id = 0; id < terms.length; id++) termIds.set(terms[id]!, id);
  return {
    terms,
    surfaces,
    termIds,
    titleIds,
    dekIds,
    docArticle,
    docParagraph,
    docTokenStart,
    docTokens,
    docLength,
    ...(docEntities ? { docEntities } : {}),
  };
}
