import type { ParagraphIndex } from "../../index-store/index.js";
import { indexTerms, tokenize } from "../analyze.js";
import { indexState } from "../index-state.js";
import type { RankedDoc } from "../rerank.js";
import { namesInArticle, namesOfDoc, PLACES } from "./names.js";
import { DIGIT_RE } from "./term-classes.js";

/** Salience: the names an article puts forward, and how they pick the first passage of its article. */

/**
 * Names an article puts forward: words of its title or dek that its body writes as a name in at least
 * `minParagraphs` paragraphs (sentence openers included when the article writes them as names elsewhere). Left out: the publisher's name, names of nearly every paragraph (share ≥
 * `topicShare`) and a title that is a name as a whole ("Beyoncé", "Super Bowl 50"): the article is about
 * them, so a question leaves them out as its topic rather than asks for them. For a place question only
 * names written as places (after a locative preposition) somewhere in the article count.
 * The body's most repeated name is not salient by itself: a quoted spokesperson or a source is repeated
 * as often as the answer (docs/quality.md, "Tried and left out").
 */
export function salientNames(
  index: ParagraphIndex,
  article: number,
  places: boolean,
  topicShare: number,
  minParagraphs: number,
): ReadonlySet<number> {
  const memo = indexState(index).salient.of(topicShare, minParagraphs);
  const key = article * 2 + (places ? 1 : 0);
  const known = memo.get(key);
  if (known) return known;
  const from = index.articleDocStart[article]!;
  const to = index.articleDocStart[article + 1]!;
  const count = new Map<number, number>();
  const asPlace = new Set<number>();
  for (let doc = from; doc < to; doc++) {
    for (const id of namesInArticle(index, doc)) count.set(id, (count.get(id) ?? 0) + 1);
    if (places) for (const id of namesOfDoc(index, doc, PLACES)) asPlace.add(id);
  }
  const title = new Set<number>();
  for (let i = index.articleTitleStart[article]!; i < index.articleTitleStart[article + 1]!; i++) {
    title.add(index.articleTitleTokens[i]!);
  }
  // The publisher's name ("CNN" in "… - CNN") is salient in every article of it and answers nothing.
  const publisher = new Set(
    indexTerms(index.articles[article]!.publication).map((t) => index.termIds.get(t)),
  );
  // A title that is a name as a whole ("Super Bowl 50"): its words (numbers aside) names of the body.
  const titleIds = tokenize(index.articles[article]!.title)
    .filter((t) => !t.stop && !DIGIT_RE.test(t.term))
    .map((t) => index.termIds.get(t.term) ?? -1)
    .filter((id) => !publisher.has(id));
  // Or one the body writes as it stands, capitals and all ("Newcastle upon Tyne", whose "upon" is no name).
  const titleText = index.articles[article]!.title.trim();
  const titleIsName =
    titleIds.length > 0 &&
    (titleIds.every((id) => count.has(id)) ||
      index.articles[article]!.paragraphs.some((p) => p.includes(titleText)));
  const paragraphs = Math.max(1, to - from);
  const salient = new Set<number>();
  for (const [id, n] of count) {
    if (!title.has(id) || publisher.has(id) || n < minParagraphs) continue;
    if (n / paragraphs >= topicShare) continue;
    if (titleIsName && titleIds.includes(id)) continue;
    if (places && !asPlace.has(id)) continue;
    salient.add(id);
  }
  memo.set(key, salient);
  return salient;
}

/** Whether a paragraph writes, as a name, one of `salient` that the question (`marks`) does not hold. */
export function holdsName(
  index: ParagraphIndex,
  doc: number,
  salient: ReadonlySet<number>,
  marks: Int32Array,
): boolean {
  // The few salient names are tried against the paragraph, not each of its words against them (a Set
  // look-up per word): a name the question lacks, that the paragraph writes as a name, among its words.
  let written: ReadonlySet<number> | undefined;
  for (const id of salient) {
    if (marks[id] !== 0) continue;
    written ??= namesInArticle(index, doc);
    if (written.has(id) && docHasTerm(index, doc, id)) return true;
  }
  return false;
}

/** Whether a paragraph's words include term `id`. */
function docHasTerm(index: ParagraphIndex, doc: number, id: number): boolean {
  const tokens = index.docTokens;
  const to = index.docTokenStart[doc + 1]!;
  for (let i = index.docTokenStart[doc]!; i < to; i++) if (tokens[i] === id) return true;
  return false;
}

/**
 * A candidate's score times its salience factor. (A module function, not a closure made per call, so
 * sorting by it allocates no function.)
 */
function boostedScore(r: RankedDoc, factor: ReadonlyMap<number, number>): number {
  return r.score * (factor.get(r.doc) ?? 1);
}

/**
 * Salience factors applied to a sorted head. Salience only picks the first passage
 * of the best passage's article: the one whose score × factor is highest takes the article's first place
 * and score, the article's other passages follow in their order, in the places and with the scores they
 * held — a name salient in one article says which of its paragraphs answers, not whether that article
 * outranks another one. (Re-ordering all of the article's passages by score × factor would let a later
 * paragraph that merely names the article's subject overtake the one that answers.)
 */
export function applySalience(
  index: ParagraphIndex,
  head: RankedDoc[],
  factor: ReadonlyMap<number, number>,
): RankedDoc[] {
  const lead = index.docArticle[head[0]!.doc]!;
  const slots: number[] = [];
  head.forEach((r, i) => {
    if (index.docArticle[r.doc] === lead) slots.push(i);
  });
  let first = head[slots[0]!]!;
  for (const i of slots) if (boostedScore(head[i]!, factor) > boostedScore(first, factor)) first = head[i]!;
  if (first === head[slots[0]!]) return head;
  const order = [first, ...slots.map((i) => head[i]!).filter((r) => r !== first)];
  const out = [...head];
  slots.forEach((slot, k) => {
    out[slot] = { ...order[k]!, score: head[slot]!.score };
  });
  return out;
}
