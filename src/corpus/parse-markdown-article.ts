import { CorpusError } from "../errors.js";
import { articleMetaSchema, describeIssue } from "./article-schema.js";
import { type FrontMatter, FrontMatterProblem, parseFrontMatter } from "./front-matter.js";
import { type CorpusLimits, paragraphProblem, resolveCorpusLimits } from "./limits.js";
import { splitParagraphs } from "./split-paragraphs.js";
import { toArticle } from "./to-article.js";
import type { Article } from "./types.js";

/** Parses one corpus Markdown file (front matter + paragraphs). Throws CorpusError naming file and field. */
export function parseMarkdownArticle(
  source: string,
  file: string,
  limits: CorpusLimits = resolveCorpusLimits(),
): Article {
  let parsed: FrontMatter;
  try {
    parsed = parseFrontMatter(source);
  } catch (cause) {
    if (!(cause instanceof FrontMatterProblem)) throw cause;
    throw new CorpusError(cause.code, `${file}: ${cause.message}.`, { file }, { cause });
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
  const problem = paragraphProblem(paragraphs, limits);
  if (problem) {
    throw new CorpusError("corpus_too_large", `${file}: ${problem}.`, { file, field: "body" });
  }
  return toArticle(result.data, paragraphs, file);
}
