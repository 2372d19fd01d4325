import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import type { AskFn } from "../../src/answer/index.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { buildIndex } from "../../src/search/build-index.js";
import { repoRoot } from "../support/paths.js";

let ask: AskFn;
beforeAll(async () => {
  ask = createEngine(buildIndex(await loadCorpus(path.join(repoRoot, "test/fixtures/desk")))).ask;
});

const ids = (question: string, demoted?: string[]) =>
  ask(question, { limit: 10, ...(demoted ? { demoted } : {}) }).passages.map(
    (p) => `${p.articleId}#${p.paragraph}`,
  );

describe("passages voted down (AnswerOptions.demoted)", () => {
  const question = "harbour ferry hull repairs";

  it("are not first while another passage answers; they stay further down, the rest in order", () => {
    const plain = ids(question);
    expect(plain.length).toBeGreaterThan(2);
    const demoted = ids(question, [plain[0]!]);
    expect(demoted[0]).toBe(plain[1]);
    expect(demoted.slice(1)).toEqual([plain[0], ...plain.slice(2)]);
    const two = ids(question, [plain[0]!, plain[1]!]);
    expect(two).toEqual([plain[2], plain[0], plain[1], ...plain.slice(3)]);
  });

  it("change nothing when the first passage is not among them, or when every passage is", () => {
    const plain = ids(question);
    expect(ids(question, [plain[1]!, "no-such-article#3"])).toEqual(plain);
    expect(ids(question, plain)).toEqual(plain);
  });

  it("apply within a scope and with pages: the page after the first skips nothing", () => {
    const scoped = { scope: { sections: ["Politics", "Transport"] }, limit: 1 };
    const first = ask(question, scoped).passages[0]!;
    const id = `${first.articleId}#${first.paragraph}`;
    const demoted = ask(question, { ...scoped, demoted: [id] });
    expect(`${demoted.passages[0]!.articleId}#${demoted.passages[0]!.paragraph}`).not.toBe(id);
    expect(demoted.scope).toEqual({ sections: ["Politics", "Transport"] });
    const second = ask(question, { ...scoped, demoted: [id], offset: 1 }).passages[0]!;
    expect(`${second.articleId}#${second.paragraph}`).toBe(id);
  });
});
