/**
 * How strong is "covers the story strongly"? Measures the timeline's threshold (src/answer/timeline.ts)
 * on the shared news corpus and on archive articles, for stories picked by a rule, not from any
 * question: the names that head between 3 (2 in the small news corpus) and 40 headlines of the corpus
 * (capitalised words that are not a headline's first word) and appear in at most a twentieth of the
 * articles (a name, not a common word), a seeded sample of them.
 *
 * An article is ON-STORY when its headline or its first three paragraphs name the story (the words
 * all appear there: the story is what it is about), OFF-STORY otherwise (it mentions the name further
 * down, in passing, or not at all). For each threshold: the on-story articles the timeline lists (of
 * all on-story articles in the corpus) and the off-story ones it lists. Same-day updates are not folded
 * here: every article counts.
 *
 * With --labels FILE (repeatable), the proxy gives way to labels judged by hand
 * (test/fixtures/timeline-labels/*.json: for each story, every article holding all its words, read
 * and marked on-story or off-story): the same grid, each row also holding every word (as the engine
 * does, STRONG_COVERAGE), plus the chosen rule itself (isStrong), counted against those labels, with
 * F1, summed over the stories and per story for the chosen rule. Only the labelled sets are measured.
 *
 *   npx tsx scripts/measure-timeline.ts [--archive N] [--stories N]
 *   npx tsx scripts/measure-timeline.ts --labels test/fixtures/timeline-labels/news.json \
 *     --labels test/fixtures/timeline-labels/archive.json
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createEngine } from "../src/answer/engine.js";
import { isStrong, STRONG_COVERAGE, STRONG_MENTIONS, STRONG_SCORE } from "../src/answer/timeline.js";
import { loadCorpus } from "../src/corpus/load-corpus.js";
import type { Article } from "../src/corpus/types.js";
import { buildIndex } from "../src/search/build-index.js";
import { type StoryRanking, storyArticles } from "../src/search/story.js";
import { readArchive } from "./bench/archive-reader.js";
import { summarize } from "./bench/percentile.js";
import { createRandom } from "./bench/random.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const shared = path.resolve(root, "..", "shared");

const fold = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

/** Capitalised words of headlines, not first: candidate story names, with the headlines they head. */
function storyNames(articles: readonly Article[], min: number, max: number): string[] {
  const count = new Map<string, number>();
  for (const a of articles) {
    const words = new Set(
      a.title
        .split(/[^\p{L}\p{N}'’-]+/u)
        .slice(1)
        .filter((w) => /^\p{Lu}\p{Ll}{3,}$/u.test(w)),
    );
    for (const w of words) count.set(w, (count.get(w) ?? 0) + 1);
  }
  // A story's name, not a common word: in at most a twentieth of the articles' texts.
  const texts = articles.map((a) => fold([a.title, ...a.paragraphs].join(" ")));
  return [...count.entries()]
    .filter(([, n]) => n >= min && n <= max)
    .map(([w]) => w)
    .filter((w) => texts.filter((t) => t.includes(fold(w))).length <= articles.length / 20)
    .sort();
}

function onStory(article: Article, name: string): boolean {
  const needle = fold(name);
  return fold([article.title, ...article.paragraphs.slice(0, 3)].join(" ")).includes(needle);
}

const THRESHOLDS = [0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const MENTIONS = [1, 2, 3];

async function measure(
  label: string,
  articles: Article[],
  stories: number,
  seed: number,
  minHeadlines: number,
): Promise<void> {
  const index = buildIndex({ articles });
  const paragraphs = articles.reduce((n, a) => n + a.paragraphs.length, 0);
  const names = storyNames(articles, minHeadlines, 40);
  const random = createRandom(seed);
  const picked: string[] = [];
  const pool = [...names];
  while (picked.length < stories && pool.length > 0) picked.push(pool.splice(random.int(pool.length), 1)[0]!);
  console.log(
    `\n## ${label}: ${articles.length} articles, ${paragraphs} paragraphs, ${names.length} candidate names, ${picked.length} picked`,
  );
  // Latency of a whole timeline (ranking, threshold, folding, excerpts of the first page), each story's
  // name asked 3 times after one warm-up pass.
  const ask = createEngine(index).ask;
  for (const name of picked) ask(name, { timeline: true });
  const ms: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    for (const name of picked) {
      const start = performance.now();
      ask(name, { timeline: true });
      ms.push(performance.now() - start);
    }
  }
  console.log(`timeline latency over ${ms.length} asks (ms): ${JSON.stringify(summarize(ms))}`);
  const totals = new Map<string, { listed: number; on: number; off: number; all: number }>();
  const perStory: string[] = [];
  for (const name of picked) {
    const ranking = storyArticles(index, name, {}, undefined, 300);
    const onAll = articles.filter((a) => onStory(a, name)).length;
    const best = ranking.articles[0]?.score ?? 0;
    const row: string[] = [];
    for (const c of MENTIONS) {
      for (const t of THRESHOLDS) {
        const listed = ranking.articles.filter(
          (a) => a.score >= t * best && ranking.mentions(a.article) >= c,
        );
        const on = listed.filter((a) => onStory(index.articles[a.article]!, name)).length;
        const key = `${t}/${c}`;
        const sum = totals.get(key) ?? { listed: 0, on: 0, off: 0, all: 0 };
        sum.listed += listed.length;
        sum.on += on;
        sum.off += listed.length - on;
        sum.all += onAll;
        totals.set(key, sum);
        if (t === 0.8 && c === 2) row.push(`${on}/${onAll} on-story listed, ${listed.length - on} off-story`);
      }
    }
    perStory.push(`| ${name} | ${row.join("")} |`);
  }
  console.log("\n| story | at 0.8 of the best, 2 paragraphs |\n| --- | --- |");
  console.log(perStory.join("\n"));
  console.log(
    "\n| score ≥ × best | paragraphs naming it ≥ | listed | on-story listed / all on-story | off-story listed |",
  );
  console.log("| --- | --- | --- | --- | --- |");
  for (const [key, s] of totals) {
    const [t, c] = key.split("/");
    console.log(
      `| ${t} | ${c} | ${s.listed} | ${s.on} / ${s.all} (${((100 * s.on) / Math.max(1, s.all)).toFixed(0)}%) | ${s.off} (${((100 * s.off) / Math.max(1, s.listed)).toFixed(0)}% of listed) |`,
    );
  }
}

/** A file of test/fixtures/timeline-labels: stories and their candidate articles, judged by hand. */
interface LabelFile {
  set: "news" | "archive";
  /** For the archive set: the first N archive lines the labels were read in (with the news corpus). */
  archiveArticles?: number;
  stories: { story: string; words: string; on: string[]; off: Record<string, string> }[];
}

interface Count {
  listed: number;
  on: number;
  all: number;
}

const f1 = (c: Count) => (c.on === 0 ? 0 : (2 * c.on) / (c.listed + c.all));
const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(0)}%`;
const CHOSEN = "chosen";

/**
 * Counts each rule's listing against the hand labels. A listed article that is no story's candidate
 * (it lacks a word, so nobody read it) counts off-story and is named, so a gap in the labels shows.
 */
function measureLabelled(label: string, articles: Article[], file: LabelFile): void {
  const index = buildIndex({ articles });
  const idOf = (article: number) => index.articles[article]!.id;
  const known = new Set(articles.map((a) => a.id));
  const rules: {
    key: string;
    keep: (a: StoryRanking["articles"][number], best: number, r: StoryRanking) => boolean;
  }[] = [];
  for (const c of MENTIONS) {
    for (const t of THRESHOLDS) {
      rules.push({
        key: `${t}/${c}`,
        keep: (a, best, r) =>
          a.score >= t * best && a.coverage >= STRONG_COVERAGE && r.mentions(a.article) >= c,
      });
    }
  }
  rules.push({ key: CHOSEN, keep: (a, best, r) => isStrong(a, best, r.mentions) });
  const totals = new Map(rules.map((r) => [r.key, { listed: 0, on: 0, all: 0 }]));
  const perStory: string[] = [];
  const details: string[] = [];
  const unlabelled = new Set<string>();
  let judged = 0;
  for (const story of file.stories) {
    const on = new Set(story.on);
    const missing = [...story.on, ...Object.keys(story.off)].filter((id) => !known.has(id));
    if (missing.length > 0)
      throw new Error(`${story.story}: labelled articles not in the corpus: ${missing.join(", ")}`);
    judged += on.size + Object.keys(story.off).length;
    const ranking = storyArticles(index, story.words, {}, undefined, 300);
    const best = ranking.articles[0]?.score ?? 0;
    for (const rule of rules) {
      const listed = ranking.articles.filter((a) => rule.keep(a, best, ranking)).map((a) => idOf(a.article));
      const sum = totals.get(rule.key)!;
      const count = { listed: listed.length, on: listed.filter((id) => on.has(id)).length, all: on.size };
      sum.listed += count.listed;
      sum.on += count.on;
      sum.all += count.all;
      for (const id of listed) if (!on.has(id) && !(id in story.off)) unlabelled.add(`${story.story} ${id}`);
      if (rule.key !== CHOSEN) continue;
      const unread = listed.filter((id) => !on.has(id) && !(id in story.off));
      const offListed = listed.filter((id) => id in story.off);
      perStory.push(
        `| ${story.story} | ${on.size + Object.keys(story.off).length} | ${count.on} / ${on.size} | ${count.listed - count.on}${unread.length > 0 ? ` (unlabelled: ${unread.join(", ")})` : ""} | ${f1(count).toFixed(2)} |`,
      );
      for (const id of offListed) details.push(`- ${story.story}: off-story listed ${id} (${story.off[id]})`);
      for (const id of story.on.filter((id) => !listed.includes(id)))
        details.push(`- ${story.story}: on-story not listed ${id}`);
    }
  }
  console.log(
    `\n## ${label}: ${articles.length} articles, ${file.stories.length} stories, ${judged} candidate articles judged by hand`,
  );
  console.log(
    `\nPer story, the chosen rule (score ≥ ${STRONG_SCORE} × best, every word, ≥ ${STRONG_MENTIONS} paragraphs):`,
  );
  console.log(
    "\n| story | candidates | on-story listed / all on-story | off-story listed | F1 |\n| --- | --- | --- | --- | --- |",
  );
  console.log(perStory.join("\n"));
  console.log(
    `\nListed by any row but never judged (counted off-story): ${[...unlabelled].join(", ") || "none"}`,
  );
  console.log(`\nThe chosen rule's misses and off-story lines:\n${details.join("\n") || "(none)"}`);
  console.log(
    "\n| score ≥ × best | paragraphs naming it ≥ | listed | on-story listed / all on-story | off-story listed | F1 |",
  );
  console.log("| --- | --- | --- | --- | --- | --- |");
  for (const [key, s] of totals) {
    const [t, c] =
      key === CHOSEN ? [`**${STRONG_SCORE} (chosen: isStrong)**`, `**${STRONG_MENTIONS}**`] : key.split("/");
    console.log(
      `| ${t} | ${c} | ${s.listed} | ${s.on} / ${s.all} (${pct(s.on, s.all)}) | ${s.listed - s.on} (${pct(s.listed - s.on, s.listed)} of listed) | ${f1(s).toFixed(2)} |`,
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      archive: { type: "string", default: "10000" },
      stories: { type: "string", default: "20" },
      labels: { type: "string", multiple: true },
    },
  });
  const stories = Number(values.stories);
  if (values.labels && values.labels.length > 0) {
    const news = (await loadCorpus(path.join(shared, "eval", "news", "corpus"))).articles;
    for (const file of values.labels) {
      const labels = JSON.parse(readFileSync(path.resolve(file), "utf8")) as LabelFile;
      if (labels.set === "news") {
        measureLabelled(`news corpus, labels ${path.basename(file)}`, news, labels);
        continue;
      }
      // The archive labels were read in one subset: measure that subset, whatever --archive says.
      const n = labels.archiveArticles ?? Number(values.archive);
      const archive = await readArchive(path.join(shared, "bench", "news-archive.jsonl.gz"), n);
      measureLabelled(
        `archive, first ${n} articles with the news corpus, labels ${path.basename(file)}`,
        [...archive, ...news],
        labels,
      );
    }
    return;
  }
  const news = (await loadCorpus(path.join(shared, "eval", "news", "corpus"))).articles;
  // The news corpus is 206 articles on many subjects: a name heads 2 headlines at most, mostly.
  await measure("news corpus", news, stories, 7, 2);
  if (Number(values.archive) <= 0) return;
  const archive = await readArchive(
    path.join(shared, "bench", "news-archive.jsonl.gz"),
    Number(values.archive),
  );
  // As the bench's 445k size: the first N archive articles and the news corpus among them.
  await measure(
    `archive, first ${values.archive} articles with the news corpus`,
    [...archive, ...news],
    stories,
    11,
    3,
  );
}

await main();
