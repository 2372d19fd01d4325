import { z } from "zod";

// An ISO date or timestamp: "2022-09-14" or "2022-09-14T10:00:00Z". Kept as the string the file gives,
// so the corpus round-trips verbatim; only its shape is checked.
const isoDate = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/,
    "must be an ISO date like 2022-09-14",
  );

const nonEmpty = z.string().trim().min(1, "must not be empty");

/**
 * Metadata of an article as written in a corpus file (front matter or a JSONL line).
 * Field names follow the files (snake_case); `toArticle` maps them to the Article type.
 */
export const articleMetaSchema = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be a slug of letters, digits, '.', '_' or '-'")
    .max(200, "must be at most 200 characters"),
  title: nonEmpty,
  publication: nonEmpty,
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  published: isoDate.optional(),
  byline: nonEmpty.optional(),
  section: nonEmpty.optional(),
  dek: nonEmpty.optional(),
  image_credit: nonEmpty.optional(),
  corrected: isoDate.optional(),
  correction: nonEmpty.optional(),
});

export type ArticleMeta = z.infer<typeof articleMetaSchema>;

/** A JSONL export line: the same metadata plus the paragraphs. */
export const articleRecordSchema = articleMetaSchema.extend({
  paragraphs: z.array(z.string()),
});

/**
 * Formats the first zod issue as `field "x": what is wrong`. `input` is the value that was parsed: zod 4
 * does not keep it on issues, and "missing" must be told from "of the wrong type" (`id: 1`).
 */
export function describeIssue(error: z.ZodError, input?: unknown): { field: string; problem: string } {
  const issue = error.issues[0];
  const field = issue?.path.length ? issue.path.join(".") : "(root)";
  let problem = issue?.message ?? "is invalid";
  if (issue?.code === "invalid_type") {
    const value = valueAt(input, issue.path);
    problem =
      value === undefined
        ? "is required but missing"
        : `must be ${article(issue.expected)}, not ${typeName(value)}`;
  }
  return { field, problem };
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return article(typeof value);
}

function article(type: string): string {
  const names: Record<string, string> = { string: "text", array: "a list", object: "an object" };
  return names[type] ?? (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
}
