import { describe, expect, it } from "vitest";
import { corpusKey } from "../../src/index-store/corpus-key.js";
import { deserializeIndex, serializeIndex } from "../../src/index-store/index-file.js";
import { buildIndex } from "../../src/search/build-index.js";
import { askedEntities, docEntityMask, ENTITY_BIT, entityMask } from "../../src/search/entity-tags.js";
import { resolveIndexOptions } from "../../src/search/formula.js";
import { fixtureIndex } from "./fixture.js";

describe("entity tags", () => {
  it("reads the kinds of entity a news sentence holds from wink's English model", () => {
    // Money, a weekday and a share: what "how much", "when" and "what percentage" ask for.
    const mask = entityMask("The city paid $1.2 million on Tuesday, 15% more than it budgeted.");
    expect(mask & ENTITY_BIT.MONEY).not.toBe(0);
    expect(mask & ENTITY_BIT.DATE).not.toBe(0);
    expect(mask & ENTITY_BIT.PERCENT).not.toBe(0);
    expect(entityMask("The mayor spoke to reporters outside the hall.")).toBe(0);
  });

  it("asks for money when the question asks how much something cost, a date when it asks when", () => {
    expect(askedEntities("number", { noun: null, money: true, counted: [], shape: null })).toBe(
      ENTITY_BIT.MONEY,
    );
    expect(askedEntities("time", undefined) & ENTITY_BIT.DATE).not.toBe(0);
    expect(askedEntities("name", undefined)).toBe(0);
  });

  it("tags every paragraph once at build time and keeps the tags in the cache file", async () => {
    const { corpus, index: plain } = await fixtureIndex();
    const tagged = buildIndex(corpus, { entityTags: true });
    expect(tagged.docEntities?.length).toBe(tagged.docCount);
    for (let doc = 0; doc < tagged.docCount; doc++) {
      const text = corpus.articles[tagged.docArticle[doc]!]!.paragraphs[tagged.docParagraph[doc]!]!;
      expect(tagged.docEntities![doc]).toBe(entityMask(text));
      // An index built without tags tags a paragraph when asked: the same mask.
      expect(docEntityMask(plain, doc)).toBe(tagged.docEntities![doc]);
    }
    const back = deserializeIndex(serializeIndex(tagged), corpus.articles, tagged.key);
    expect(Array.from(back.docEntities!)).toEqual(Array.from(tagged.docEntities!));
    expect(deserializeIndex(serializeIndex(plain), corpus.articles, plain.key).docEntities).toBeUndefined();
  });

  it("keeps the untagged index's key, so caches built before tags stay valid", async () => {
    const { corpus, index } = await fixtureIndex();
    expect(index.key).toBe(corpusKey(corpus, resolveIndexOptions()));
    expect(corpusKey(corpus, resolveIndexOptions({ entityTags: true }))).not.toBe(index.key);
  });
});
