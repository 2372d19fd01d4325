import matter from "gray-matter";
import YAML from "yaml";
import { CorpusError } from "../errors.js";
import { articleMetaSchema, describeIssue } from "./article-schema.js";
import { splitParagraphs } from "./split-paragraphs.js";
import { toArticle } from "./to-article.js";
import type { Article } from "./types.js";

// gray-matter's default js-yaml turns unquoted dates into Date objects; YAML 1.2 (the `yaml`
// package) keeps them as the strings the editor wrote, which is what the corpus stores.
const matterOptions = { engines: { yaml: (source: string) => YAML.parse(source) as object } };

/** Parses one corpus Markdown file (front matter + paragraphs). Throws CorpusError naming file and field. */
export function parseMarkdownArticle(source: string, file: string): Article {
  if (!/^\uFEFF?---\r?\n/.test(source)) {
    throw new CorpusError(
      "corpus_no_front_matter",
      `${file}: no front matter — the file must start with a "---" line, then id, title and publication.`,
      { file },
    );
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    // gray-matter caches by content; a fresh options object per call would not disable that, but the
    // cache is keyed by the full text so edited files are re-parsed.
    parsed = matter(source.replace(/^\uFEFF/, ""), matterOptions);
  } catch (cause) {
    throw new CorpusError(
      "corpus_bad_yaml",
      `${file}: front matter is not valid YAML (${(cause as Error).message.split("\n")[0]}).`,
      { file },
      { cause },
    );
  }
  const data = parsed.data ?? {};
  const result = articleMetaSchema.safeParse(data);
  if (!result.success) {
    const { field, problem } = describeIssue(result.error, data);
    throw new CorpusError("corpus_invalid_field", `${file}: field "${field}" ${problem}.`, { file, field });
  }
  const paragraphs = splitParagraphs(parsed.content);
  if (paragraphs.length === 0) {
    throw new CorpusError(
      "corpus_no_paragraphs",
      `${file}: the article has no paragraphs after its front matter.`,
      {
        file,
        field: "body",
      },
    );
  }
  return toArticle(result.data, paragraphs, file);
}
