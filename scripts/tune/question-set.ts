import { readFile } from "node:fs/promises";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import type { Corpus } from "../../src/corpus/types.js";
import { type EvalQuestion, foldForEval, parseEvalFile } from "../../src/eval/eval-score.js";
import type { ParagraphIndex } from "../../src/index-store/paragraph-index.js";
import { buildIndex } from "../../src/search/build-index.js";
import type { IndexOptions } from "../../src/search/formula.js";

/** A question set over its corpus, with the index per index options (index options are fitted too). */
export interface QuestionSet {
  name: string;
  corpus: Corpus;
  questions: EvalQuestion[];
  /** Index for these index options, built once per distinct options. */
  indexFor(options: IndexOptions): ParagraphIndex;
  /** Whether paragraph `doc` of `index` holds one of question `q`'s expected phrases (memoised). */
  isHit(index: ParagraphIndex, q: number, doc: number): boolean;
}

export async function loadQuestionSet(name: string, file: string, corpusDir: string): Promise<QuestionSet> {
  const questions = parseEvalFile(await readFile(file, "utf8"), file);
  const corpus = await loadCorpus(corpusDir);
  const indexes = new Map<string, ParagraphIndex>();
  const folded = questions.map((q) => (q.expect ?? []).map(foldForEval).filter((p) => p.length > 0));
  // Paragraph order is the same in every index of one corpus, so hits are keyed by doc alone.
  const hits = new Map<number, boolean>();
  const texts = new Map<number, string>();
  return {
    name,
    corpus,
    questions,
    indexFor(options) {
      const key = JSON.stringify(options, Object.keys(options).sort());
      let index = indexes.get(key);
      if (!index) {
        index = buildIndex(corpus, options);
        indexes.set(key, index);
      }
      return index;
    },
    isHit(index, q, doc) {
      const key = q * 1_000_000 + doc;
      let hit = hits.get(key);
      if (hit === undefined) {
        let text = texts.get(doc);
        if (text === undefined) {
          text = foldForEval(index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!]!);
          texts.set(doc, text);
        }
        hit = folded[q]!.some((p) => text.includes(p));
        hits.set(key, hit);
      }
      return hit;
    },
  };
}
