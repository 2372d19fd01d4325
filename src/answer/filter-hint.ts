import { dayString, formatDay } from "../corpus/index.js";
import type { ParagraphIndex } from "../index-store/index.js";
import {
  type ArticleRestriction,
  articleWeights,
  type EngineOptions,
  isDated,
  type RankedDoc,
  type Ranking,
  rankQuery,
  resolveEngineOptions,
} from "../search/index.js";
import type { AskContext } from "./ask-context.js";

/** One part of an ask's restriction that leaves articles out, named as the asker wrote it. */
interface Part {
  /** As typed: "from:Reuters"; or what the day of asking means: "published by 1 Jan 2020 (…)". */
  label: string;
  /** Whether the label is a filter the asker typed (read "with from:Reuters"). */
  typed: boolean;
  only: ArticleRestriction;
}

/** What keeps every part's preferences (time span, a thread's story) but leaves nothing out. */
function preferences(r: ArticleRestriction): ArticleRestriction {
  const kept: ArticleRestriction = {};
  if (r.span) kept.span = r.span;
  if (r.story) kept.story = r.story;
  return kept;
}

/** The parts of an ask's restriction that exclude articles: filters, date bounds, the day of asking. */
function partsOf(context: AskContext): Part[] {
  const r = context.restriction ?? {};
  const f = context.filters ?? {};
  const base = preferences(r);
  const parts: Part[] = [];
  if (r.publications?.length) {
    const label = (f.publications ?? []).map((p) => `from:${p}`).join(" or ");
    parts.push({ label, typed: true, only: { ...base, publications: r.publications } });
  }
  if (r.sections?.length) {
    const label = (f.sections ?? []).map((s) => `section:${s}`).join(" or ");
    parts.push({ label, typed: true, only: { ...base, sections: r.sections } });
  }
  if (r.after !== undefined || r.before !== undefined) {
    const label = [f.after ? `after:${f.after}` : "", f.before ? `before:${f.before}` : ""]
      .filter(Boolean)
      .join(" ");
    const only: ArticleRestriction = { ...base };
    if (r.after !== undefined) only.after = r.after;
    if (r.before !== undefined) only.before = r.before;
    parts.push({ label, typed: true, only });
  }
  if (r.asked !== undefined) {
    const only: ArticleRestriction = { ...base, asked: r.asked };
    if (r.datedOnly) only.datedOnly = true;
    parts.push({
      label: `published by ${formatDay(dayString(r.asked))} (the day of asking)`,
      typed: false,
      only,
    });
  }
  return parts;
}

/** Whether the ask's question (as `ranking` analysed it) finds passages under `restriction`. */
function finds(
  index: ParagraphIndex,
  ranking: Ranking,
  engine: EngineOptions,
  restriction: ArticleRestriction,
): boolean {
  return rankQuery(index, ranking.query, engine, 0, restriction).ranked !== null;
}

function joined(labels: readonly string[]): string {
  return labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}

/**
 * When an ask's filters or dates left nothing that the question alone would find: one sentence naming
 * them ("Nothing matches with from:Reuters — no article is from there; …"). Undefined when the
 * question finds nothing without them either (then the words are the problem, and the usual hint says
 * so). Costs a few more rankings, on the not-found path of filtered asks only.
 */
export function filterHint(
  index: ParagraphIndex,
  context: AskContext,
  engine: EngineOptions,
  ranking: Ranking,
): string | undefined {
  // Not found whatever the restriction: the words are the problem.
  if (ranking.unrestricted) return undefined;
  const parts = partsOf(context);
  if (parts.length === 0) return undefined;
  const open = preferences(context.restriction ?? {});
  if (!finds(index, ranking, engine, open)) return undefined;
  // Each part alone: those that leave nothing by themselves are named; when none does, it is the
  // parts together.
  const alone = parts.length === 1 ? parts : parts.filter((p) => !finds(index, ranking, engine, p.only));
  const together = alone.length === 0;
  const culprits = together ? parts : alone;
  const typed = culprits.filter((p) => p.typed).map((p) => p.label);
  const others = culprits.filter((p) => !p.typed).map((p) => p.label);
  const label = [typed.length > 0 ? `with ${joined(typed)}` : "", ...others].filter(Boolean).join(" and ");
  const empty = culprits.filter((p) => p.typed && noArticle(index, p.only, engine)).map((p) => p.label);
  const none = empty.length > 0 ? ` (no article at all passes ${joined(empty)})` : "";
  const many = culprits.length > 1;
  return `No passage ${label}${together ? " together" : ""} matches the question${none}; without ${many ? "them" : "that"} it finds passages — widen or remove ${many ? "one" : "it"}.`;
}

/**
 * Whether a not-found ask's filters or channel scope are what left nothing: its question (as `ranking`
 * analysed it, carried words included) finds passages as of its day of asking with them lifted. False
 * when nothing but the day excludes, or when the words find nothing anyway. One more ranking, on the
 * not-found path of filtered or scoped asks only.
 */
export function restrictedOut(
  index: ParagraphIndex,
  context: AskContext,
  engine: EngineOptions,
  ranking: Ranking,
): boolean {
  if (ranking.unrestricted) return false;
  const r = context.restriction ?? {};
  const filtered =
    (r.publications?.length ?? 0) > 0 ||
    (r.sections?.length ?? 0) > 0 ||
    (r.bylines?.length ?? 0) > 0 ||
    r.scope !== undefined ||
    r.after !== undefined ||
    r.before !== undefined;
  if (!filtered) return false;
  const sameDay = preferences(r);
  if (r.asked !== undefined) sameDay.asked = r.asked;
  return finds(index, ranking, engine, sameDay);
}

/** Whether no article at all passes a restriction (a publication the corpus does not hold). */
function noArticle(index: ParagraphIndex, restriction: ArticleRestriction, engine: EngineOptions): boolean {
  const weights = articleWeights(index, restriction, resolveEngineOptions(engine));
  if (!weights) return false;
  for (let a = 0; a < weights.length; a++) if (weights[a]! > 0) return false;
  return true;
}

/**
 * How many articles without a date match the question but were left out by a date filter or a chosen
 * day of asking: the undated articles among the passages the ask finds with those lifted. 0 when the
 * ask leaves no undated article out.
 */
export function undatedLeftOut(
  index: ParagraphIndex,
  context: AskContext,
  engine: EngineOptions,
  ranking: Ranking,
): number {
  const r = context.restriction;
  if (!r || !(r.datedOnly || r.after !== undefined || r.before !== undefined)) return 0;
  // Not found whatever the restriction: lifting the date filters finds nothing either.
  if (ranking.unrestricted || !anyUndated(index)) return 0;
  const lifted: ArticleRestriction = { ...r };
  delete lifted.after;
  delete lifted.before;
  delete lifted.datedOnly;
  const ranked: RankedDoc[] | null = rankQuery(index, ranking.query, engine, 0, lifted).ranked;
  const undated = new Set<number>();
  for (const p of ranked ?? []) {
    const article = index.docArticle[p.doc]!;
    if (!isDated(index, article)) undated.add(article);
  }
  return undated.size;
}

const undatedIn = new WeakMap<ParagraphIndex, boolean>();

function anyUndated(index: ParagraphIndex): boolean {
  let known = undatedIn.get(index);
  if (known === undefined) {
    known = index.articles.some((_, a) => !isDated(index, a));
    undatedIn.set(index, known);
  }
  return known;
}
