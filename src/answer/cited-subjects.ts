import { articleNumber, type ParagraphIndex } from "../index-store/index.js";
import { type Token, tokenize } from "../search/index.js";

/**
 * The people, places and things the articles a thread cited are about, as their names are written
 * ("Priya Nair"): the subject a follow-up's pronoun stands for. Candidates are the runs of capitalised
 * words of the cited paragraph and its headline; each counts the paragraphs of its article that write
 * its last word capitalised (a surname stands for the full name), not at a paragraph's start. The most
 * written come first; ties go to the earlier in the cited paragraph.
 */

/** Cited passages read for subjects: the latest answer's best few. */
const CITED_READ = 2;
/** A name written in fewer of its article's paragraphs than this is a passing mention, not the subject. */
const MIN_PARAGRAPHS = 2;

const POSSESSIVE = /['’]s$/;
const isNameWord = (t: Token) => t.capitalized && !t.stop && !t.numeric;

/** Runs of capitalised words standing next to each other ("Priya Nair"), as written. */
function nameRuns(text: string): string[] {
  const runs: string[] = [];
  let run: Token[] = [];
  const close = () => {
    if (run.length > 0) {
      runs.push(text.slice(run[0]!.start, run[run.length - 1]!.end).replace(POSSESSIVE, ""));
    }
    run = [];
  };
  for (const t of tokenize(text)) {
    const last = run[run.length - 1];
    // A possessive ends a name: "Kanye West's Twitter account" names Kanye West.
    const joined = last && !POSSESSIVE.test(text.slice(last.start, last.end));
    if (isNameWord(t) && (!last || (joined && /^[ \u00a0]$/.test(text.slice(last.end, t.start))))) {
      run.push(t);
    } else {
      close();
      if (isNameWord(t)) run.push(t);
    }
  }
  close();
  return runs;
}

/** How many paragraphs write `word` capitalised, not as their first word. */
function paragraphsNaming(paragraphs: readonly string[], word: string): number {
  let n = 0;
  for (const p of paragraphs) {
    const at = p.indexOf(word, 1);
    if (at > 0 && !/[\p{L}\p{N}]/u.test(p[at + word.length] ?? "") && !/[\p{L}\p{N}]/u.test(p[at - 1]!)) n++;
  }
  return n;
}

/** A capitalised word right before a position (a space between), or a slash: a credit ("AP/…") runs on. */
const NAME_BEFORE = /(?:\p{Lu}[\p{L}\p{M}'’.-]*[ \u00a0]|\/)$/u;

/**
 * How many times the article writes `name` as a whole name: not right after another capitalised word
 * ("Getty Images Williams" is a photo credit running into a caption, not a name).
 */
function timesWritten(article: { title: string; paragraphs: readonly string[] }, name: string): number {
  let n = 0;
  for (const text of [article.title, ...article.paragraphs]) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      if (!NAME_BEFORE.test(text.slice(Math.max(0, at - 40), at))) n++;
    }
  }
  return n;
}

interface Candidate {
  /** Paragraphs of the article naming its last word. */
  count: number;
  /** First seen, for ties. */
  order: number;
  /** Its forms as written ("Liz Truss", "British Prime Minister Liz Truss"), with how often each is. */
  forms: Map<string, number>;
}

/**
 * Subject names of the cited passages ("articleId#paragraph"), most written first; unknown ids are
 * skipped. Runs ending in the same word are one name, written in the form of two or more words the
 * article uses most ("Liz Truss" rather than "British Prime Minister Liz Truss").
 */
export function citedSubjects(index: ParagraphIndex, cited: readonly string[], max = 1): string[] {
  const byLast = new Map<string, Candidate>();
  let order = 0;
  for (const id of cited.slice(0, CITED_READ)) {
    const hash = id.lastIndexOf("#");
    const a = articleNumber(index, hash > 0 ? id.slice(0, hash) : id);
    if (a === undefined) continue;
    const article = index.articles[a]!;
    const paragraph = article.paragraphs[Number(id.slice(hash + 1)) - 1] ?? "";
    for (const run of [...nameRuns(paragraph), ...nameRuns(article.title)]) {
      const words = run.split(/\s+/);
      const last = words[words.length - 1]!;
      let candidate = byLast.get(last);
      if (!candidate) {
        const count = paragraphsNaming(article.paragraphs, last);
        if (count < MIN_PARAGRAPHS) continue;
        candidate = { count, order: order++, forms: new Map() };
        byLast.set(last, candidate);
      }
      // Every shorter ending of the run is a form too ("Minister Liz Truss", "Liz Truss").
      for (let from = 0; from < words.length; from++) {
        const form = words.slice(from).join(" ");
        if (!candidate.forms.has(form)) candidate.forms.set(form, timesWritten(article, form));
      }
    }
  }
  // A name of two or more words (a person, a team, a place) before a single word ("NFL", "British"):
  // a pronoun stands for someone, and single capitalised words are more often adjectives and acronyms.
  const named = [...byLast.values()].map((c) => ({ ...c, name: bestForm(c.forms) }));
  const full = (name: string) => (name.includes(" ") ? 1 : 0);
  return named
    .sort((x, y) => full(y.name) - full(x.name) || y.count - x.count || x.order - y.order)
    .slice(0, max)
    .map((c) => c.name);
}

/**
 * The shortest form of two or more words the article writes as a whole name (most often among equals:
 * "Serena Williams", not "Images Williams" of a photo credit), else the single word.
 */
function bestForm(forms: ReadonlyMap<string, number>): string {
  let best: [string, number, number] | undefined;
  for (const [form, times] of forms) {
    const words = form.split(" ").length;
    if (words < 2 || times < 1) continue;
    if (!best || words < best[1] || (words === best[1] && times > best[2])) best = [form, words, times];
  }
  return best?.[0] ?? [...forms.keys()].reduce((a, b) => (a.length <= b.length ? a : b));
}
