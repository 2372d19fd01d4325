import type { ParagraphIndex } from "../../src/index-store/paragraph-index.js";
import { SENTENCE_TOKEN } from "../../src/index-store/paragraph-index.js";

export interface BoilerplateThresholds {
  boilerplateRepeatsShort: number;
  boilerplateRepeats: number;
  boilerplateShortWords: number;
  boilerplateCreditWords: number;
}

/**
 * The boilerplate rule written the plain way, for equivalence tests of the one-pass detector: a map from
 * a paragraph's exact word sequence to the set of articles holding it, then the same thresholds.
 */
export function referenceBoilerplate(index: ParagraphIndex, options: BoilerplateThresholds): Uint8Array {
  const sequence = (doc: number) =>
    Array.from(index.docTokens.subarray(index.docTokenStart[doc]!, index.docTokenStart[doc + 1]!)).join(",");
  const articlesOf = new Map<string, Set<number>>();
  for (let doc = 0; doc < index.docCount; doc++) {
    const key = sequence(doc);
    if (key === "") continue;
    const set = articlesOf.get(key) ?? new Set<number>();
    set.add(index.docArticle[doc]!);
    articlesOf.set(key, set);
  }
  const flags = new Uint8Array(index.docCount);
  for (let doc = 0; doc < index.docCount; doc++) {
    const tokens = index.docTokens.subarray(index.docTokenStart[doc]!, index.docTokenStart[doc + 1]!);
    const words = tokens.filter((t) => t !== SENTENCE_TOKEN).length;
    if (words === 0) continue;
    const repeats = articlesOf.get(sequence(doc))?.size ?? 0;
    const text = index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!]!;
    const endsSentence = /[.!?…]["'”’)\]]*\s*$/u.test(text);
    if (repeats >= options.boilerplateRepeats) flags[doc] = 1;
    else if (repeats >= options.boilerplateRepeatsShort && words <= options.boilerplateShortWords)
      flags[doc] = 1;
    else if (words <= options.boilerplateCreditWords && !endsSentence) flags[doc] = 1;
  }
  return flags;
}
