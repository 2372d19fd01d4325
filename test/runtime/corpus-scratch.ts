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
