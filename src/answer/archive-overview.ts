import type { Article } from "../corpus/index.js";
import { tokenize } from "../search/index.js";
import type { AskFn } from "./types.js";

/** What the overview reads of an article. */
export type Headline = Pick<Article, "title" | "publication" | "published">;

/**
 * What the archive holds and what it is good for, drawn from the articles themselves: the greeting of
 * the assistant view, its suggested prompts and the App Home say this, never fixed strings. Pure.
 */
export interface ArchiveOverview {
  articles: number;
  /** How many publications, and the largest few (most articles first). */
  publicationCount: number;
  publications: string[];
  /** The newest dated article. */
  newest: { title: string; publication: string; published: string } | null;
  /**
   * The most-covered recent stories, as headline words ("Priya Nair", "harbour ferry"): the phrases
   * that most of the newest headlines share, most-covered first.
   */
  stories: string[];
  /** Questions about those stories that the archive answers (each was asked and found passages). */
  examples: string[];
}

/** Newest headlines read for stories when dates allow: those of the newest article's last weeks. */
export const RECENT_DAYS = 30;
/** At least (and, undated, exactly) this many of the newest articles are read: a quiet month reads older ones. */
const MIN_RECENT = 10;
/** At most this many are read (a busy month of a large archive). */
const MAX_RECENT = 2_000;
const MAX_STORIES = 4;
const MAX_PUBLICATIONS = 5;
/** Shortest word a story phrase may be made of (shorter words are rarely a topic). */
const MIN_WORD = 3;

function time(article: Headline): number {
  const t = article.published ? Date.parse(article.published) : Number.NaN;
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/** The newest articles: those of the newest one's last RECENT_DAYS, within MIN_RECENT..MAX_RECENT. */
function recent(articles: readonly Headline[]): Headline[] {
  const sorted = [...articles].sort((a, b) => time(b) - time(a));
  const newest = time(sorted[0] ?? ({} as Headline));
  const since = newest - RECENT_DAYS * 86_400_000;
  const inWindow = sorted.findIndex((a) => time(a) < since);
  const count = inWindow < 0 ? sorted.length : inWindow;
  return sorted.slice(0, Math.min(MAX_RECENT, Math.max(MIN_RECENT, count)));
}

/**
 * A headline's candidate phrases: pairs of adjacent content words, and single words written with a
 * capital inside the headline (a name: "Nicole", "Nair"; the first word's capital says nothing). Words
 * of a publication's name ("CNN") are no story.
 */
function phrasesOf(title: string, ignored: ReadonlySet<string>): Map<string, Phrase> {
  const words = tokenize(title);
  const out = new Map<string, Phrase>();
  const content = (i: number) => {
    const t = words[i];
    return Boolean(t && !t.stop && !t.numeric && t.folded.length >= MIN_WORD && !ignored.has(t.folded));
  };
  for (let i = 0; i < words.length; i++) {
    if (!content(i)) continue;
    const w = words[i]!;
    const name = i > 0 && w.capitalized;
    if (name) out.set(w.term, { shown: title.slice(w.start, w.end), name });
    const next = words[i + 1];
    if (next && content(i + 1) && next.position === w.position + 1) {
      const shown = title.slice(w.start, next.end);
      out.set(`${w.term} ${next.term}`, { shown, name: name && next.capitalized });
    }
  }
  return out;
}

interface Phrase {
  shown: string;
  /** Written with a capital inside the headline: likely a name. */
  name: boolean;
}

/** Folded words of the publications' names. */
function publicationWords(articles: readonly Headline[]): Set<string> {
  const words = new Set<string>();
  for (const a of articles) for (const t of tokenize(a.publication)) words.add(t.folded);
  return words;
}

/**
 * The stories most headlines share: phrases by how many recent headlines hold them (names, then pairs
 * of words, before other phrases at equal counts), each shown as the newest headline writes it. A single word
 * mostly seen inside a pair ("Nicole" of "Hurricane Nicole") gives way to the pair, and a phrase inside
 * one already chosen is skipped. Phrases of one headline each come last, the newest first.
 */
export function topStories(articles: readonly Headline[], max = MAX_STORIES): string[] {
  const ignored = publicationWords(articles);
  const counts = new Map<string, Phrase & { n: number; order: number }>();
  for (const [order, article] of recent(articles).entries()) {
    for (const [key, phrase] of phrasesOf(article.title, ignored)) {
      const seen = counts.get(key);
      if (seen) seen.n++;
      else counts.set(key, { ...phrase, n: 1, order });
    }
  }
  const words = (key: string) => key.split(" ");
  const ranked = [...counts.entries()]
    .filter(([key, { n }]) => {
      if (words(key).length > 1) return true;
      // A word whose pairs hold most of its uses is shown as its pair.
      let inPairs = 0;
      for (const [k, c] of counts) if (k !== key && words(k).includes(key)) inPairs = Math.max(inPairs, c.n);
      return inPairs * 2 < n;
    })
    .sort(
      ([ka, a], [kb, b]) =>
        b.n - a.n ||
        Number(b.name) - Number(a.name) ||
        words(kb).length - words(ka).length ||
        a.order - b.order ||
        (ka < kb ? -1 : 1),
    );
  const chosen: string[] = [];
  const keys: string[][] = [];
  for (const [key, { shown }] of ranked) {
    if (chosen.length >= max) break;
    const parts = words(key);
    if (keys.some((k) => parts.some((p) => k.includes(p)))) continue;
    keys.push(parts);
    chosen.push(shown);
  }
  return chosen;
}

/** The question a story is asked as (a suggested prompt, an example on the Home tab). */
export function storyQuestion(story: string): string {
  return `What's the latest on ${story}?`;
}

function publicationsOf(articles: readonly Headline[]): { count: number; largest: string[] } {
  const counts = new Map<string, number>();
  for (const a of articles) counts.set(a.publication, (counts.get(a.publication) ?? 0) + 1);
  const largest = [...counts.entries()]
    .sort(([pa, a], [pb, b]) => b - a || (pa < pb ? -1 : 1))
    .slice(0, MAX_PUBLICATIONS)
    .map(([p]) => p);
  return { count: counts.size, largest };
}

/**
 * The overview of `articles`. With `ask`, each story's question is asked and kept as an example only
 * when the archive finds passages for it.
 */
export function archiveOverview(articles: readonly Headline[], ask?: AskFn): ArchiveOverview {
  const { count, largest } = publicationsOf(articles);
  const newestArticle = [...articles].sort((a, b) => time(b) - time(a))[0];
  const stories = topStories(articles, MAX_STORIES * 2);
  const questions = stories.map(storyQuestion);
  const good = ask ? questions.filter((q) => ask(q, { limit: 1 }).found) : questions;
  return {
    articles: articles.length,
    publicationCount: count,
    publications: largest,
    newest:
      newestArticle?.published && Number.isFinite(time(newestArticle))
        ? {
            title: newestArticle.title,
            publication: newestArticle.publication,
            published: newestArticle.published,
          }
        : null,
    stories: stories.slice(0, MAX_STORIES),
    examples: good.slice(0, MAX_STORIES),
  };
}
