import type { Answer, AnswerOptions, AskFn, Passage } from "../../src/answer/types.js";

/** A passage as the engine would return it, for tests of renderers and surfaces. */
export function makePassage(overrides: Partial<Passage> = {}): Passage {
  const excerptSpans = overrides.excerptSpans ?? [
    { text: "Massimov was sentenced to ", match: false },
    { text: "18 years", match: true },
    { text: " in prison.", match: false },
  ];
  return {
    rank: 1,
    articleId: "massimov",
    articleTitle: "Massimov sentenced",
    publication: "The Diplomat",
    url: "https://example.com/massimov",
    published: null,
    corrected: null,
    paragraph: 1,
    text: "Massimov was sentenced to 18 years in prison. He appealed.",
    excerpt: excerptSpans.map((s) => (s.match ? `**${s.text}**` : s.text)).join(""),
    excerptSpans,
    score: 10,
    ...overrides,
  };
}

/**
 * An AskFn over a fixed list of passages: questions containing "unknown" find nothing; others get
 * the passages page by page. It lets surfaces be tested without depending on ranking.
 */
export function createFakeAsk(
  passages: Passage[] = [makePassage()],
): AskFn & { calls: string[]; options: AnswerOptions[] } {
  const calls: string[] = [];
  const seen: AnswerOptions[] = [];
  const ask = (question: string, options: AnswerOptions = {}): Answer => {
    calls.push(question);
    seen.push(options);
    const limit = options.limit ?? 3;
    const offset = options.offset ?? 0;
    if (/unknown/i.test(question)) {
      return { question, found: false, passages: [], hasMore: false, hint: "Try words like “Massimov”." };
    }
    const page = passages.slice(offset, offset + limit).map((p, i) => ({ ...p, rank: offset + i + 1 }));
    const answer: Answer = {
      question,
      found: page.length > 0,
      passages: page,
      hasMore: offset + limit < passages.length,
    };
    // As the engine does: the answer says the day it was asked on.
    if (typeof options.asked === "string") answer.asked = options.asked;
    return answer;
  };
  return Object.assign(ask, { calls, options: seen });
}
