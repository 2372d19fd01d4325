/**
 * Golden tests of reading a follow-up with its thread, on a fixture corpus of local news
 * (test/fixtures/conversations): an appointment story (Priya Nair, superintendent: her predecessor in ¶2,
 * her pay in ¶4), a story on a security agency "established … to replace" a ministry, a lighthouse that
 * businesses "paid" for, a councillor charged and arrested, and the harbour ferry's ridership of two years.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.js";
import { citedSubjects } from "../../src/answer/cited-subjects.js";
import { followUpKind, turnOf } from "../../src/answer/follow-up.js";
import type { Answer, AnswerOptions, ThreadTurn } from "../../src/answer/types.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import type { ParagraphIndex } from "../../src/index-store/paragraph-index.js";
import { buildIndex } from "../../src/search/build-index.js";
import { repoRoot } from "../support/paths.js";

let index: ParagraphIndex;
beforeAll(async () => {
  index = buildIndex(await loadCorpus(path.join(repoRoot, "test/fixtures/conversations")));
});

const ASKED = "2025-06-10";
const ask = (question: string, options: AnswerOptions = {}) =>
  answerQuestion(index, question, { asked: ASKED, ...options });
const first = (answer: Answer) => `${answer.passages[0]?.articleId}#${answer.passages[0]?.paragraph}`;
/** A conversation as Newsdesk answers it: each question asked with the turns before it. */
function converse(questions: string[], options: AnswerOptions = {}): Answer[] {
  const turns: ThreadTurn[] = [];
  return questions.map((q) => {
    const answer = ask(q, turns.length > 0 ? { ...options, thread: { turns: [...turns] } } : options);
    turns.push(turnOf(answer));
    return answer;
  });
}

describe("which questions read their thread", () => {
  it("a pronoun, a continuation or a question of one word needs the thread; a question with its own words does not", () => {
    expect(followUpKind("who did she replace?")).toBe("pronoun");
    expect(followUpKind("and when was the ferry sold?")).toBe("continuation");
    expect(followUpKind("what about last year?")).toBe("continuation");
    expect(followUpKind("how much was awarded?")).toBe("short");
    expect(followUpKind("How much do jazz festival tickets cost?")).toBe("own");
  });
});

describe("a follow-up read with its thread", () => {
  it("'who did she replace?' quotes the appointment story, not the agency that replaced a ministry", () => {
    // Alone, the only passage writing "replace" is the agency's; read with the thread, "she" is the
    // cited story's subject (Priya Nair, carried at half weight) and the cited story is preferred, so
    // the appointment story is quoted — its ¶2 names her predecessor ("succeeds") among its passages.
    expect(first(ask("who did she replace?"))).toBe("security-agency-reform#1");
    const [, followUp] = converse(["Who is the new superintendent?", "who did she replace?"]);
    expect(followUp!.passages[0]!.articleId).toBe("nair-superintendent");
    expect(followUp!.passages.map((p) => p.paragraph)).toContain(2);
    expect(followUp!.followUp).toMatchObject({ readAs: "Priya Nair" });
  });

  it("'how much will she be paid?' stays on her story: the salary paragraph first, no lighthouse", () => {
    // Both her ¶4 and the lighthouse's ¶2 write "paid"; the thread's subject and story pick hers, and
    // the lighthouse (another story) drops out of the first three.
    const answers = converse([
      "Who is the new superintendent?",
      "who did she replace?",
      "how much will she be paid?",
    ]);
    const paid = answers[2]!;
    expect(first(paid)).toBe("nair-superintendent#4");
    expect(paid.passages.map((p) => p.articleId)).not.toContain("lighthouse-restored");
    expect(ask("how much will she be paid?").passages.map((p) => p.articleId)).toContain(
      "lighthouse-restored",
    );
  });

  it("'and when was he arrested?' is read as Dan Reyes, from the cited charge story", () => {
    // The earlier question named him and the cited article writes him in every paragraph: he is its
    // subject, and the arrest paragraph (¶2) holds the follow-up's own word.
    const [, followUp] = converse(["What was Dan Reyes charged with?", "and when was he arrested?"]);
    expect(followUp!.followUp?.readAs).toBe("Dan Reyes");
    expect(first(followUp!)).toBe("councillor-charged#2");
  });

  it("'what about last year?' takes the earlier question's words and reads 'last year' on its own day", () => {
    // The ellipsis has no words of its own: the ridership question is carried, and "last year" asked
    // on 1 Feb 2025 is 2024, the year of the January 2024 report (the 2025 one is outside it).
    const [, followUp] = converse(
      ["How many passengers did the harbour ferry carry?", "what about last year?"],
      {
        asked: "2025-02-01",
      },
    );
    expect(followUp!.asked).toBe("2025-02-01");
    expect(first(followUp!)).toBe("ferry-ridership-2024#1");
    expect(followUp!.followUp?.readAs).toBe("passengers harbour ferry carry");
    expect(ask("what about last year?", { asked: "2025-02-01" }).found).toBe(false);
  });

  it("a question with its own subject is answered as asked: no reading, the same passages as alone", () => {
    // "jazz festival tickets" are its own words and it has no pronoun: nothing of the Reyes thread
    // is carried, so the answer is the one it gets alone.
    const [, followUp] = converse([
      "What was Dan Reyes charged with?",
      "How much do jazz festival tickets cost?",
    ]);
    const alone = ask("How much do jazz festival tickets cost?");
    expect(followUp!.followUp).toEqual({});
    expect(followUp!.passages).toEqual(alone.passages);
  });

  it("filters carry over unless the follow-up names its own; the day of asking is the follow-up's", () => {
    // The thread asked from:"Capital Ledger" on 1 June; the follow-up, asked on 10 June, keeps the
    // filter but its own day. Naming from:Bayside replaces the carried filter.
    const turns: ThreadTurn[] = [
      {
        question: 'What did parliament vote? from:"Capital Ledger"',
        asked: "2025-06-01",
        filters: { publications: ["Capital Ledger"] },
        cited: ["security-agency-reform#1"],
      },
    ];
    const carried = ask("and what does it add?", { thread: { turns } });
    expect(carried.filters).toEqual({ publications: ["Capital Ledger"] });
    expect(carried.followUp?.filtersCarried).toBe(true);
    expect(carried.asked).toBe(ASKED);
    const own = ask("and what does it add? from:Bayside", { thread: { turns } });
    expect(own.filters).toEqual({ publications: ["Bayside"] });
    expect(own.followUp?.filtersCarried).toBeUndefined();
  });

  it("'it' or 'they' carries what the earlier question asked about; 'she' carries only the subject", () => {
    // "they" stands for the school board the first question named, not for Priya Nair: the question's
    // words go with the cited subject, and the reply reads it as the board. "she" stands for her: her
    // name alone is carried.
    const [, they] = converse(["What did the Bayside school board decide?", "who did they name?"]);
    expect(they!.followUp).toMatchObject({ readAs: "Bayside school board decide" });
    expect(they!.followUp?.carried).toContain("school board");
    expect(they!.followUp?.carried).toContain("Priya Nair");
    expect(they!.passages[0]?.articleId).toBe("nair-superintendent");
    const [, she] = converse(["What did the Bayside school board decide?", "when does she start?"]);
    expect(she!.followUp).toEqual({ readAs: "Priya Nair", carried: "Priya Nair" });
  });

  it("a follow-up asked later is not held to the story as it stood: newer coverage comes first", () => {
    // The thread was answered on 1 June 2024 from the 2024 ridership story; a year on, "how many now?"
    // carries its words, and the 2025 story (published after the thread's answer, so it could not have
    // been cited) is not held back by the thread's preference for the articles it cited.
    const turns: ThreadTurn[] = [];
    const firstAnswer = ask("How many passengers rode the harbour ferry?", { asked: "2024-06-01" });
    expect(firstAnswer.passages[0]?.articleId).toBe("ferry-ridership-2024");
    turns.push(turnOf(firstAnswer));
    const later = ask("how many now?", { asked: "2025-06-10", thread: { turns } });
    expect(later.followUp?.readAs).toBe("passengers rode harbour ferry");
    expect(later.passages[0]?.articleId).toBe("ferry-ridership-2025");
  });

  it("a question with its own subject keeps the thread's filters, and only them", () => {
    // The thread set the period (before:2024-06); a question that brings its own subject still asks
    // within it: the 2024 ridership story, not the 2025 record the question alone finds. It carries no
    // words and no story from the thread, and the reply says it read the thread's filters.
    const [, own] = converse([
      "How many passengers rode the harbour ferry? before:2024-06",
      "How many passengers did the harbour ferry carry?",
    ]);
    const alone = ask("How many passengers did the harbour ferry carry?");
    expect(alone.passages[0]?.articleId).toBe("ferry-ridership-2025");
    expect(own!.passages[0]?.articleId).toBe("ferry-ridership-2024");
    expect(own!.filters).toEqual({ before: "2024-06-30" });
    expect(own!.followUp).toEqual({ filtersCarried: true });
  });

  it("a thread that could not be read: answered alone, and the answer says why", () => {
    const unread = ask("who did she replace?", {
      thread: { unread: "Slack limited how often the thread can be read." },
    });
    const alone = ask("who did she replace?");
    expect(unread.followUp).toEqual({ unread: "Slack limited how often the thread can be read." });
    expect(unread.passages).toEqual(alone.passages);
  });

  it("cited ids that no longer exist (an article removed since) carry no name and break nothing", () => {
    const turns: ThreadTurn[] = [
      { question: "Who is the new superintendent?", cited: ["gone#1", "also-gone#x"] },
    ];
    const answer = ask("who did she replace?", { thread: { turns } });
    expect(answer.found).toBe(true);
    expect(answer.followUp?.readAs).toBe("new superintendent");
  });
});

describe("the subject of cited passages", () => {
  it("is the name the article writes most, in its fullest common form", () => {
    // ¶2 writes only "Nair" and "Tom Alder"; Nair is in every paragraph but the last, Alder in one,
    // and the headline writes her full name.
    expect(citedSubjects(index, ["nair-superintendent#2"])).toEqual(["Priya Nair"]);
    expect(citedSubjects(index, ["councillor-charged#3"])).toEqual(["Dan Reyes"]);
    expect(citedSubjects(index, ["nope#1"])).toEqual([]);
  });
});
