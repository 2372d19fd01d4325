import { type ParagraphIndex, SENTENCE_TOKEN } from "../../index-store/index.js";
import { indexTerms, tokenize } from "../analyze.js";
import { indexState } from "../index-state.js";
import { SUBJECT_PRONOUNS } from "../question-words.js";
import type { RankedDoc } from "../rerank.js";
import { namesInArticle } from "./names.js";

/**
 * An article's principal subject: the word of its title that its body writes as a name in the most
 * paragraphs (at least `minParagraphs`), the publisher's name aside. A pronoun of a question ("who
 * dismissed him", "how many years did she get") stands for it: a news story is about someone, and a
 * question asked of it names them by pronoun. Unlike salientNames, a name of nearly every paragraph
 * counts most here — it is who the story is about, not a candidate answer. −1 when no title word is one.
 */
export function principalSubject(index: ParagraphIndex, article: number, minParagraphs: number): number {
  const memo = indexState(index).subjects.of(minParagraphs, 0);
  const known = memo.get(article);
  if (known !== undefined) return known;
  const title = new Set<number>();
  for (let i = index.articleTitleStart[article]!; i < index.articleTitleStart[article + 1]!; i++) {
    title.add(index.articleTitleTokens[i]!);
  }
  const publisher = new Set(
    indexTerms(index.articles[article]!.publication).map((t) => index.termIds.get(t)),
  );
  const count = new Map<number, number>();
  for (let doc = index.articleDocStart[article]!; doc < index.articleDocStart[article + 1]!; doc++) {
    for (const id of namesInArticle(index, doc)) {
      if (title.has(id) && !publisher.has(id)) count.set(id, (count.get(id) ?? 0) + 1);
    }
  }
  let best = -1;
  let most = minParagraphs - 1;
  // Ties go to the smaller term id: the same subject whatever order the names were read in.
  for (const [id, n] of count) if (n > most || (n === most && best >= 0 && id < best)) [best, most] = [id, n];
  memo.set(article, best);
  return best;
}

/**
 * A sorted head with each article's passages re-ordered among the places they hold, by `within` (doc →
 * score; a doc without one keeps its score): the slots and their scores stay, so an article never moves
 * against another, only which of its passages comes first changes.
 */
export function reorderWithinArticles<T extends RankedDoc>(
  index: ParagraphIndex,
  head: readonly T[],
  within: ReadonlyMap<number, number>,
): T[] {
  const slots = new Map<number, number[]>();
  head.forEach((r, i) => {
    const article = index.docArticle[r.doc]!;
    const list = slots.get(article);
    if (list) list.push(i);
    else slots.set(article, [i]);
  });
  const out = [...head];
  for (const list of slots.values()) {
    if (list.length < 2) continue;
    const key = (r: T) => within.get(r.doc) ?? r.score;
    const order = list.map((i) => head[i]!).sort((x, y) => key(y) - key(x) || x.doc - y.doc);
    list.forEach((slot, k) => {
      out[slot] = { ...order[k]!, score: head[slot]!.score };
    });
  }
  return out;
}

/**
 * 1 where a paragraph's forward-index entry (docTokens, from its first) is a personal pronoun ("he",
 * "his", "her") that speaks of the story's `subject`: in the subject's story, a sentence that says "his"
 * and names no one else speaks of the subject as surely as one naming them ("His opinion stemmed from the
 * belief…" in a story about Tesla); a sentence naming someone else may mean them ("Abish was dismissed
 * from his post"). The forward index keeps stop words as one marker, so the paragraph's own words are
 * read (only for a question with such a pronoun, and only for the boost's candidates).
 */
export function pronounFlagsOfDoc(index: ParagraphIndex, doc: number, subject: number): Uint8Array {
  const from = index.docTokenStart[doc]!;
  const to = index.docTokenStart[doc + 1]!;
  const flags = new Uint8Array(to - from);
  const names = namesInArticle(index, doc);
  const text = index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!]!;
  let i = from;
  let sentence: number[] = [];
  let otherName = false;
  const close = () => {
    if (!otherName) for (const at of sentence) flags[at - from] = 1;
    sentence = [];
    otherName = false;
  };
  for (const token of tokenize(text)) {
    while (i < to && index.docTokens[i] === SENTENCE_TOKEN) {
      close();
      i++;
    }
    if (i >= to) break;
    if (SUBJECT_PRONOUNS.has(token.folded)) sentence.push(i);
    else if (index.docTokens[i] !== subject && names.has(index.docTokens[i]!)) otherName = true;
    i++;
  }
  close();
  return flags;
}
