import type { Article } from "../corpus/index.js";
import { NewsdeskError } from "../errors.js";
import { type ParagraphIndex, SENTENCE_TOKEN } from "../index-store/index.js";
import { tokenize } from "./analyze.js";
import { entityMask } from "./entity-tags.js";
import { type IndexAnalysis, surfaceOf } from "./index-analysis.js";
import type { FreshText, FreshVocabulary } from "./patch-fresh.js";

/**
 * The new corpus's analysis (patchIndex, patch-index.ts): term ids given in order of first use, as a
 * build gives them. A term's surface is its first use's. When that use is in an article analysed
 * afresh, its surface was read then; when it is in a reused article, it is the base's surface if the
 * base's first use was in that same article (reused articles keep their order, so the first reused use
 * is the base's first use) — else the base's first use went with a removed or changed article, and the
 * word is read again there.
 */
export function renumber(
  base: ParagraphIndex,
  articles: readonly Article[],
  sources: Int32Array,
  vocabulary: FreshVocabulary,
  freshTexts: ReadonlyMap<number, FreshText>,
): IndexAnalysis {
  const out = new Renumbering(base, vocabulary, sizes(base, articles, sources, freshTexts));
  for (let a = 0; a < articles.length; a++) {
    const fresh = freshTexts.get(a);
    if (fresh) out.freshArticle(a, fresh);
    else out.reusedArticle(a, articles[a]!, sources[a]!);
  }
  return out.analysis();
}

/** How many paragraphs, and forward-index entries, the new corpus has. */
interface Sizes {
  docs: number;
  tokens: number;
}

function sizes(
  base: ParagraphIndex,
  articles: readonly Article[],
  sources: Int32Array,
  freshTexts: ReadonlyMap<number, FreshText>,
): Sizes {
  let docs = 0;
  let tokens = 0;
  for (let a = 0; a < articles.length; a++) {
    docs += articles[a]!.paragraphs.length;
    const from = sources[a]!;
    if (from >= 0) {
      tokens +=
        base.docTokenStart[base.articleDocStart[from + 1]!]! -
        base.docTokenStart[base.articleDocStart[from]!]!;
    } else {
      for (const words of freshTexts.get(a)!.paragraphs) tokens += words.length;
    }
  }
  return { docs, tokens };
}

/**
 * The analysis being written, article by article: the forward index and its per-doc arrays, the
 * titles' and deks' ids, and the new ids (`remap`: base or fresh id → new id, −1 until first used).
 */
class Renumbering {
  private readonly remap: Int32Array;
  private readonly firstUse: Int32Array;
  private readonly terms: string[] = [];
  private readonly surfaces: string[] = [];
  private readonly titleIds: number[][] = [];
  private readonly dekIds: number[][] = [];
  private readonly docArticle: Uint32Array;
  private readonly docParagraph: Uint32Array;
  private readonly docTokenStart: Uint32Array;
  private readonly docLength: Uint32Array;
  private readonly docTokens: Uint32Array;
  private readonly docEntities: Uint16Array | undefined;
  /** The next doc, and the next forward-index entry, to write. */
  private doc = 0;
  private at = 0;

  constructor(
    private readonly base: ParagraphIndex,
    private readonly vocabulary: FreshVocabulary,
    size: Sizes,
  ) {
    this.remap = new Int32Array(base.terms.length + vocabulary.addedTerms.length).fill(-1);
    this.firstUse = firstUseArticles(base);
    this.docArticle = new Uint32Array(size.docs);
    this.docParagraph = new Uint32Array(size.docs);
    this.docTokenStart = new Uint32Array(size.docs + 1);
    this.docLength = new Uint32Array(size.docs);
    this.docTokens = new Uint32Array(size.tokens);
    this.docEntities = base.options.entityTags ? new Uint16Array(size.docs) : undefined;
  }

  /** A new or changed article, from the words read of it. */
  freshArticle(a: number, fresh: FreshText): void {
    this.titleIds.push(fresh.title.map((id) => this.fromFresh(id)));
    this.dekIds.push(fresh.dek.map((id) => this.fromFresh(id)));
    for (let p = 0; p < fresh.paragraphs.length; p++) {
      this.startDoc(a, p, fresh.lengths[p]!, fresh.entities?.[p]);
      for (const id of fresh.paragraphs[p]!)
        this.docTokens[this.at++] = id >= SENTENCE_TOKEN ? id : this.fromFresh(id);
      this.doc++;
    }
  }

  /** An unchanged article: its title's and dek's ids, then its paragraphs' entries, from the base's. */
  reusedArticle(a: number, article: Article, from: number): void {
    const { articleTitleStart, articleTitleTokens } = this.base;
    const titleStart = articleTitleStart[from]!;
    const titleEnd = titleStart + termWords(article.title);
    const title: number[] = [];
    for (let i = titleStart; i < titleEnd; i++)
      title.push(this.fromBase(articleTitleTokens[i]!, from, article.title, i - titleStart, false));
    const dek: number[] = [];
    for (let i = titleEnd; i < articleTitleStart[from + 1]!; i++)
      dek.push(this.fromBase(articleTitleTokens[i]!, from, article.dek ?? "", i - titleEnd, false));
    this.titleIds.push(title);
    this.dekIds.push(dek);
    for (let p = 0; p < article.paragraphs.length; p++)
      this.reusedParagraph(a, p, article.paragraphs[p]!, from);
  }

  private reusedParagraph(a: number, p: number, text: string, from: number): void {
    const base = this.base;
    const baseDoc = base.articleDocStart[from]! + p;
    const entities = this.docEntities && (base.docEntities ? base.docEntities[baseDoc]! : entityMask(text));
    this.startDoc(a, p, 0, entities);
    let length = 0;
    let word = 0;
    for (let i = base.docTokenStart[baseDoc]!; i < base.docTokenStart[baseDoc + 1]!; i++) {
      const id = base.docTokens[i]!;
      if (id < SENTENCE_TOKEN) {
        this.docTokens[this.at++] = this.fromBase(id, from, text, word, true);
        length++;
      } else this.docTokens[this.at++] = id;
      if (id !== SENTENCE_TOKEN) word++;
    }
    this.docLength[this.doc++] = length;
  }

  private startDoc(a: number, p: number, length: number, entities: number | undefined): void {
    this.docArticle[this.doc] = a;
    this.docParagraph[this.doc] = p;
    this.docTokenStart[this.doc] = this.at;
    this.docLength[this.doc] = length;
    if (this.docEntities) this.docEntities[this.doc] = entities!;
  }

  private fromFresh(id: number): number {
    const to = this.remap[id]!;
    return to !== -1 ? to : this.newId(id, this.vocabulary.firstSurface.get(id)!);
  }

  /** The new id of base term `id`, the `k`-th word (stop words counted or not) of `text` in article `from`. */
  private fromBase(id: number, from: number, text: string, k: number, countStops: boolean): number {
    const to = this.remap[id]!;
    if (to !== -1) return to;
    return this.newId(
      id,
      this.firstUse[id] === from ? this.base.surfaces[id]! : surfaceAt(text, k, countStops),
    );
  }

  private newId(id: number, surface: string): number {
    const to = this.terms.length;
    this.remap[id] = to;
    this.terms.push(this.vocabulary.term(id));
    this.surfaces.push(surface);
    return to;
  }

  analysis(): IndexAnalysis {
    this.docTokenStart[this.doc] = this.at;
    const termIds = new Map<string, number>();
    for (let id = 0; id < this.terms.length; id++) termIds.set(this.terms[id]!, id);
    return {
      terms: this.terms,
      surfaces: this.surfaces,
      termIds,
      titleIds: this.titleIds,
      dekIds: this.dekIds,
      docArticle: this.docArticle,
      docParagraph: this.docParagraph,
      docTokenStart: this.docTokenStart,
      docTokens: this.docTokens,
      docLength: this.docLength,
      ...(this.docEntities ? { docEntities: this.docEntities } : {}),
    };
  }
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
