import { setImmediate } from "node:timers/promises";
import type { Answer, AskFn, Passage } from "../../src/answer/types.js";
import type { Corpus } from "../../src/corpus/types.js";
import type { BuildAsk } from "../../src/runtime/live-index.js";

/**
 * A stand-in engine for runtime tests, independent of ranking: a passage matches when it contains
 * every word of the question. Building yields to the event loop `yields` times, so a rebuild takes
 * real time during which questions keep arriving — like the engine's build of a large corpus.
 */
export function createWordEngine(options: { yields?: number } = {}) {
  let builds = 0;
  const build: BuildAsk = async (corpus: Corpus): Promise<AskFn> => {
    builds++;
    const rows = corpus.articles.flatMap((article) =>
      article.paragraphs.map((text, i) => ({ article, text, paragraph: i + 1, lower: text.toLowerCase() })),
    );
    for (let i = 0; i < (options.yields ?? 0); i++) await setImmediate();
    return (question): Answer => {
      const words = question.toLowerCase().split(/\W+/).filter(Boolean);
      const passages: Passage[] = rows
        .filter((row) => words.every((w) => row.lower.includes(w)))
        .slice(0, 3)
        .map((row, i) => ({
          rank: i + 1,
          articleId: row.article.id,
          articleTitle: row.article.title,
          publication: row.article.publication,
          url: row.article.url ?? null,
          published: row.article.published ?? null,
          corrected: row.article.corrected ?? null,
          paragraph: row.paragraph,
          text: row.text,
          excerpt: row.text,
          excerptSpans: [{ text: row.text, match: false }],
          score: 1,
        }));
      return { question, found: passages.length > 0, passages, hasMore: false };
    };
  };
  return { build, builds: () => builds };
}
