import { writeFile } from "node:fs/promises";
import path from "node:path";
import { serializeArticle } from "../../src/corpus/serialize-article.js";
import type { Article } from "../../src/corpus/types.js";
import { tempDir } from "../support/paths.js";

/** A small article for runtime tests. */
export function article(id: string, paragraphs: string[], over: Partial<Article> = {}): Article {
  return { id, title: `Story ${id}`, publication: "The Harbour Gazette", paragraphs, source: id, ...over };
}

/** A scratch corpus folder and helpers to edit it like an editor would. */
export async function scratchCorpus(articles: Article[]) {
  const dir = await tempDir("newsdesk-live-");
  const file = (name: string) => path.join(dir, name);
  const put = (a: Article, name = `${a.id}.md`) => writeFile(file(name), serializeArticle(a));
  for (const a of articles) await put(a);
  return { dir, file, put };
}

/** Two stories of the same harbour town, for tests that ask about either. */
export const barrier = article("barrier", [
  "Councillors voted 31 to 9 on Monday night to build a flood barrier across the mouth of the harbour.",
  "The steel gates of the barrier will cost 48 million pounds, most of it paid by the Environment Agency.",
]);
export const ferry = article("ferry", [
  "The island ferry timetable will be cut for the summer because of a shortage of crew.",
  "The operator said sailings to the northern islands would fall from six a day to four.",
]);
