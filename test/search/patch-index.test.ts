import { describe, expect, it } from "vitest";
import type { Article } from "../../src/corpus/types.js";
import { serializeIndex } from "../../src/index-store/index-file.js";
import type { ParagraphIndex } from "../../src/index-store/paragraph-index.js";
import { buildIndex } from "../../src/search/build-index.js";
import { resolveIndexOptions } from "../../src/search/formula.js";
import { patchIndex } from "../../src/search/patch-index.js";
import { random } from "../support/random.js";

/*
 * patchIndex against the rule it replaces: after any edit, the index a full build makes of the edited
 * corpus. Random small corpora and random edit sequences (add, correct, delete, move), each patched from
 * the index patched before it, are compared with a fresh build array for array and term for term —
 * the cache file's bytes hold every array, the vocabulary, the surfaces and the key.
 */

// Words that meet in one term under different surfaces ("runs", "running", "Runner's"), stop words,
// numbers written two ways, acronyms, names: where first-use order and surfaces can go wrong.
const WORDS = [
  "run",
  "runs",
  "running",
  "Runner's",
  "runner",
  "city",
  "cities",
  "City's",
  "the",
  "a",
  "of",
  "and",
  "Paris",
  "paris",
  "PARIS",
  "1,000",
  "1000",
  "3.5",
  "U.N.",
  "UN",
  "council",
  "councils",
  "voted",
  "votes",
  "budget",
  "Budgets",
  "mayor",
  "Mayor's",
  "école",
  "ecole",
  "organising",
  "organized",
];

function generator(seed: number) {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const int = (n: number) => Math.floor(next() * n);
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(" ");
  const sentence = () => `${words(1 + int(6))}${pick([".", ".", "!", "?"])}`;
  const paragraph = () => Array.from({ length: 1 + int(3) }, sentence).join(" ");
  let ids = 0;
  const article = (): Article => {
    const id = `a${ids++}`;
    const dek = int(3) === 0 ? {} : { dek: words(int(5)) };
    return {
      id,
      title: words(int(6)),
      ...dek,
      publication: "Test",
      paragraphs: Array.from({ length: int(5) }, paragraph),
      source: `${id}.md`,
    };
  };
  /** One random edit of a corpus (a new array; articles are never mutated). */
  const edit = (articles: Article[]): Article[] => {
    const out = [...articles];
    const at = int(out.length + 1);
    const kind = out.length === 0 ? 0 : int(6);
    if (kind <= 1) out.splice(at, 0, article());
    else if (kind === 2) out.splice(Math.min(at, out.length - 1), 1);
    else if (kind === 3) {
      const i = Math.min(at, out.length - 1);
      const old = out[i]!;
      const paragraphs = [...old.paragraphs];
      if (paragraphs.length > 0 && int(2) === 0) paragraphs[int(paragraphs.length)] = paragraph();
      else paragraphs.push(paragraph());
      out[i] = { ...old, paragraphs, ...(int(3) === 0 ? { title: words(1 + int(4)) } : {}) };
    } else if (kind === 4) {
      // Moved: the same article elsewhere in corpus order.
      const [moved] = out.splice(Math.min(at, out.length - 1), 1);
      out.splice(int(out.length + 1), 0, moved!);
    } else {
      // Corrected with the same text in another object (as a re-read file gives it).
      const i = Math.min(at, out.length - 1);
      out[i] = { ...out[i]!, paragraphs: [...out[i]!.paragraphs] };
    }
    return out;
  };
  return { article, edit, int };
}

function expectSameIndex(patched: ParagraphIndex, built: ParagraphIndex): void {
  expect(patched.terms).toEqual(built.terms);
  expect(patched.surfaces).toEqual(built.surfaces);
  expect([...patched.termIds]).toEqual([...built.termIds]);
  expect(Buffer.from(serializeIndex(patched)).equals(Buffer.from(serializeIndex(built)))).toBe(true);
}

describe("patchIndex gives the index a full build gives", () => {
  for (const entityTags of [false, true]) {
    it(`after every edit of random edit sequences (entity tags ${entityTags ? "on" : "off"})`, () => {
      const options = resolveIndexOptions({ entityTags });
      // Entity tagging is dear (~0.2 ms a paragraph): fewer sequences with it.
      const seeds = entityTags ? 12 : 40;
      let compared = 0;
      for (let seed = 1; seed <= seeds; seed++) {
        const { article, edit, int } = generator(seed * 7919 + (entityTags ? 1 : 0));
        let articles = Array.from({ length: int(6) }, article);
        let index = buildIndex({ articles }, options);
        for (let step = 0; step < 12; step++) {
          articles = edit(articles);
          const patched = patchIndex(index, { articles })!;
          expectSameIndex(patched.index, buildIndex({ articles }, options));
          index = patched.index;
          compared++;
        }
      }
      expect(compared).toBe(seeds * 12);
    });
  }

  it("reads only the new and changed articles", () => {
    const { article } = generator(3);
    const articles = Array.from({ length: 8 }, article);
    const base = buildIndex({ articles }, resolveIndexOptions());
    const corrected = { ...articles[5]!, paragraphs: [...articles[5]!.paragraphs, "A correction."] };
    const edited = [
      ...articles.slice(0, 2),
      ...articles.slice(3, 5),
      corrected,
      ...articles.slice(6),
      article(),
    ];
    const patched = patchIndex(base, { articles: edited })!;
    expect({ reused: patched.reused, analysed: patched.analysed }).toEqual({ reused: 6, analysed: 2 });
    expectSameIndex(patched.index, buildIndex({ articles: edited }, resolveIndexOptions()));
    const paragraphs = corrected.paragraphs.length + edited.at(-1)!.paragraphs.length;
    expect(patchIndex(base, { articles: edited }, paragraphs)).toBeDefined();
    expect(patchIndex(base, { articles: edited }, paragraphs - 1)).toBeUndefined();
  });

  it("empties an index and fills an empty one", () => {
    const { article } = generator(11);
    const articles = Array.from({ length: 4 }, article);
    const options = resolveIndexOptions();
    const empty = patchIndex(buildIndex({ articles }, options), { articles: [] })!.index;
    expectSameIndex(empty, buildIndex({ articles: [] }, options));
    expectSameIndex(patchIndex(empty, { articles })!.index, buildIndex({ articles }, options));
  });

  it("gives a deleted article's words no place, and a new one's all of theirs", () => {
    const { article } = generator(5);
    const articles = Array.from({ length: 5 }, article);
    const gone = { ...article(), title: "Zanzibar", paragraphs: ["Zanzibar quokkas."] };
    const base = buildIndex({ articles: [...articles, gone] }, resolveIndexOptions());
    expect(base.termIds.has("zanzibar")).toBe(true);
    const added: Article = { ...article(), paragraphs: ["Quetzal feathers."] };
    const { index } = patchIndex(base, { articles: [...articles, added] })!;
    expect(index.termIds.has("zanzibar")).toBe(false);
    expect(index.termIds.has("quetzal")).toBe(true);
    expect(index.articles.at(-1)!.id).toBe(added.id);
  });
});
