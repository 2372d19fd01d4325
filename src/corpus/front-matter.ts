import YAML from "yaml";
import type { ErrorCode } from "../errors.js";

/** Why a file's front matter cannot be read; `code` is a stable corpus error code. */
export class FrontMatterProblem extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = "FrontMatterProblem";
  }
}

export interface FrontMatter {
  /** The YAML block as parsed (null for an empty block); the caller validates its fields. */
  data: unknown;
  /** Everything after the closing "---" line. */
  content: string;
}

// Only YAML: gray-matter also accepts "---js" / "---coffee" blocks and evaluates them, so a corpus file
// could run code in whatever reads it. YAML is data only; `yaml` caps alias expansion (maxAliasCount).
const YAML_LANGUAGES = new Set(["", "yaml", "yml"]);
const OPENING = /^\uFEFF?---([^\r\n]*)\r?\n/;
const CLOSING = "\n---";

/**
 * The one front-matter reader of the project (loader and importer alike): a "---" line, a YAML block,
 * a "---" line, then the body. Splits as gray-matter did (so stored articles read the same), parses
 * the block with the `yaml` package (YAML 1.2: dates stay the strings the editor wrote) and never
 * evaluates anything. Throws FrontMatterProblem.
 */
export function parseFrontMatter(source: string): FrontMatter {
  const opening = OPENING.exec(source);
  if (!opening || opening[1]!.startsWith("-")) {
    throw new FrontMatterProblem(
      "corpus_no_front_matter",
      'no front matter — the file must start with a "---" line, then id, title and publication',
    );
  }
  const language = opening[1]!.trim().toLowerCase();
  if (!YAML_LANGUAGES.has(language)) {
    throw new FrontMatterProblem(
      "corpus_front_matter_not_yaml",
      `front matter must be YAML, not "${language.slice(0, 20)}" — start the file with a plain "---" line`,
    );
  }
  // From the line break that ends the opening line, as gray-matter does (the block keeps it).
  const rest = source.slice(opening[0].length - (opening[0].endsWith("\r\n") ? 2 : 1));
  let close = rest.indexOf(CLOSING);
  if (close === -1) close = rest.length;
  const block = rest.slice(0, close);
  let content = close === rest.length ? "" : rest.slice(close + CLOSING.length);
  if (content.startsWith("\r")) content = content.slice(1);
  if (content.startsWith("\n")) content = content.slice(1);
  if (block.replace(/^\s*#[^\n]+/gm, "").trim() === "") return { data: {}, content };
  try {
    return { data: YAML.parse(block), content };
  } catch (cause) {
    throw new FrontMatterProblem(
      "corpus_bad_yaml",
      `front matter is not valid YAML (${(cause as Error).message.split("\n")[0]})`,
      { cause },
    );
  }
}
