import { createRequire } from "node:module";
import type winkNLPType from "wink-nlp";
import type { ParagraphIndex } from "../index-store/index.js";
import type { AnswerType } from "./answer-type/question-type.js";
import type { TypeNoun } from "./answer-type/type-noun.js";

/**
 * Named entities of a paragraph, by type, from wink-nlp's own English model (wink-eng-lite-web-model):
 * the learned ranker reads whether a passage holds an entity of the kind a question asks for. Tagged once
 * per paragraph, kept as one bit mask per paragraph (a bit per ENTITY_TYPES entry).
 *
 * Why wink and not compromise: on a hand-checked sample of news paragraphs compromise finds people,
 * places and organisations (with type errors: "Emmy Awards" a person) but costs ~30× the CPU per
 * paragraph (6 ms against 0.2 ms), too much for an index of a million paragraphs; wink's model tags
 * dates, times, durations, counts, money and shares with few errors, the entity kinds our own rules read
 * least well (docs/quality.md, "Entities"). Only wink's entity step runs (no sentence split, POS or
 * sentiment): the same entities at under half the CPU.
 */
export const ENTITY_TYPES = ["DATE", "TIME", "DURATION", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];

/** The bit of each entity type in a paragraph's mask. */
export const ENTITY_BIT: Readonly<Record<EntityType, number>> = Object.freeze(
  Object.fromEntries(ENTITY_TYPES.map((t, i) => [t, 1 << i])) as Record<EntityType, number>,
);

/** Longest text tagged per paragraph: a cap on the tagger's time, far above a news paragraph. */
export const MAX_TAGGED_CHARS = 4000;

type Tagger = ReturnType<typeof winkNLPType>;
let tagger: Tagger | undefined;

/**
 * The tagger, loaded on first use: the model is megabytes of code, which every worker thread and command
 * would otherwise load whether it tags or not.
 */
function taggerOf(): Tagger {
  if (!tagger) {
    const require = createRequire(import.meta.url);
    const winkNLP = require("wink-nlp") as typeof winkNLPType;
    tagger = winkNLP(require("wink-eng-lite-web-model"), ["ner"]);
  }
  return tagger;
}

/** The entity-type mask of one paragraph's text (0: none of ENTITY_TYPES). */
export function entityMask(text: string): number {
  const nlp = taggerOf();
  const doc = nlp.readDoc(text.length > MAX_TAGGED_CHARS ? text.slice(0, MAX_TAGGED_CHARS) : text);
  let mask = 0;
  for (const type of doc.entities().out(nlp.its.type) as string[]) {
    const bit = (ENTITY_BIT as Record<string, number | undefined>)[type];
    if (bit !== undefined) mask |= bit;
  }
  return mask;
}

const memo = new WeakMap<ParagraphIndex, Map<number, number>>();

/**
 * A paragraph's entity mask: from the index's tags when it was built with them (`docEntities`), else
 * tagged now and remembered with the index (scripts that rank an index built without tags).
 */
export function docEntityMask(index: ParagraphIndex, doc: number): number {
  const tags = index.docEntities;
  if (tags && tags.length === index.docCount) return tags[doc]!;
  const known = memo.get(index) ?? new Map<number, number>();
  memo.set(index, known);
  let mask = known.get(doc);
  if (mask === undefined) {
    mask = entityMask(index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!]!);
    known.set(doc, mask);
  }
  return mask;
}

/** Number of entity types a mask holds, as a 0–1 share of four (more read 1). */
export function entityKinds(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return Math.min(1, n / 4);
}

const NUMBER_ENTITIES =
  ENTITY_BIT.CARDINAL | ENTITY_BIT.MONEY | ENTITY_BIT.PERCENT | ENTITY_BIT.DURATION | ENTITY_BIT.ORDINAL;

/** The entity types that answer a question of this kind, type noun and shape (0: none in particular). */
export function askedEntities(type: AnswerType | null, noun: TypeNoun | undefined): number {
  if (noun?.money) return ENTITY_BIT.MONEY;
  switch (noun?.shape) {
    case "percent":
      return ENTITY_BIT.PERCENT;
    case "duration":
      return ENTITY_BIT.DURATION;
    case "age":
      return ENTITY_BIT.DURATION | ENTITY_BIT.CARDINAL;
    case "year":
      return ENTITY_BIT.DATE;
    default:
  }
  if ((noun?.counted.length ?? 0) > 0) return ENTITY_BIT.CARDINAL;
  if (type === "time") return ENTITY_BIT.DATE | ENTITY_BIT.TIME;
  if (type === "number") return NUMBER_ENTITIES;
  return 0;
}
