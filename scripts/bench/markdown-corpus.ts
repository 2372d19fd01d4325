import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import type { Article } from "../../src/corpus/types.js";

/**
 * Reads a folder of Markdown articles (front matter + blank-line-separated paragraphs).
 * A bench-local reader so the harness runs before (and independently of) the corpus loader;
 * it does not validate — the shared eval corpus is known good.
 */
export async function readMarkdownCorpus(dir: string): Promise<Article[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".md")).sort();
  const articles: Article[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const parsed = matter(await readFile(file, "utf8"));
    const data = parsed.data as Record<string, unknown>;
    const paragraphs = parsed.content
      .split(/\n\s*\n/)
      .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
      .filter((p) => p !== "");
    articles.push({
      id: String(data.id ?? path.basename(name, ".md")),
      title: String(data.title ?? ""),
      publication: String(data.publication ?? ""),
      ...(data.url ? { url: String(data.url) } : {}),
      ...(data.published ? { published: String(data.published) } : {}),
      paragraphs,
      source: file,
    });
  }
  return articles;
}
