import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { Article } from "../../src/corpus/types.js";

/** Writes articles as a JSON Lines bulk export, the format the app loads archives from. */
export async function writeCorpusJsonl(file: string, articles: readonly Article[]): Promise<void> {
  const out = createWriteStream(file);
  for (const a of articles) {
    const line = JSON.stringify({
      id: a.id,
      title: a.title,
      publication: a.publication,
      url: a.url,
      published: a.published,
      paragraphs: a.paragraphs,
    });
    if (!out.write(`${line}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}
