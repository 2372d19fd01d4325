/**
 * The error-code catalogue (src/error-codes.ts) is the one list of stable codes: every code src/ throws,
 * logs or reports is declared there, and every entry there is used by some code path. The type system
 * already rejects a misspelt code where it is typed `ErrorCode`; this scan also catches a code written
 * where nothing types it (a log line's fields, a comparison).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, isErrorCode, NewsdeskError } from "../src/errors.js";

const SRC = path.resolve(import.meta.dirname, "../src");
const CATALOGUE = path.join(SRC, "error-codes.ts");

/** snake_case or UPPER_SNAKE: the shape of a code, as opposed to a sentence or a single word. */
const CODE_LIKE = /^(?:[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)$/;

/** Where a string literal stands as a code. */
const CODE_POSITIONS: readonly RegExp[] = [
  // `code: "x"`, `code === "x"`, `code !== "x"`, `code ?? "x"`, `? code : "x"`
  /\bcode\b\s*(?::|===|!==|\?\?)\s*"([^"\n]+)"/g,
  // the first argument of a constructor: `new NewsdeskError("x", …)`, `new FetchError("x", …)` (but
  // ConfigError's first argument is the environment variable it names; its code is always config_invalid)
  /\bnew\s+(?!ConfigError\b)[A-Z]\w*\(\s*"([^"\n]+)"/g,
  // a subclass passing its code up, or the importer's helper
  /\b(?:super|importError)\(\s*"([^"\n]+)"/g,
  // a typed constant or an inline check: `const X: ErrorCode = "x"`, `"x" satisfies ErrorCode`
  /\bErrorCode\s*=\s*"([^"\n]+)"/g,
  /"([^"\n]+)"\s+satisfies\s+ErrorCode\b/g,
];

/**
 * Codes of other systems that src/ only compares against: they name someone else's failure, so they
 * are not ours to declare.
 */
const FOREIGN_CODES = new Set([
  // Node's util.parseArgs errors (cli/ask-command.ts) and a stream's premature close (slack/http-server.ts).
  "ERR_PARSE_ARGS_UNKNOWN_OPTION",
  "ERR_PARSE_ARGS_INVALID_OPTION_VALUE",
  "ERR_STREAM_PREMATURE_CLOSE",
  // Bolt's code for a request whose workspace has no installation (slack/start-slack-app.ts).
  "slack_bolt_authorization_error",
  // zod's issue code (corpus/article-schema.ts, ingest/sources-config.ts).
  "invalid_type",
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return entry.name.endsWith(".ts") ? [file] : [];
  });
}

/** Code-like literals in code positions, each with where it was found. */
function codesIn(text: string): string[] {
  const found: string[] = [];
  for (const pattern of CODE_POSITIONS) {
    for (const match of text.matchAll(pattern)) {
      const literal = match[1]!;
      if (CODE_LIKE.test(literal)) found.push(literal);
    }
  }
  return found;
}

const uses = new Map<string, string[]>();
for (const file of sourceFiles(SRC)) {
  if (file === CATALOGUE) continue;
  for (const code of codesIn(readFileSync(file, "utf8"))) {
    uses.set(code, [...(uses.get(code) ?? []), path.relative(SRC, file)]);
  }
}

describe("the error-code catalogue", () => {
  it("finds the codes src/ uses (the scan itself works)", () => {
    expect(codesIn('throw new NewsdeskError("corpus_bad_json", "m")')).toEqual(["corpus_bad_json"]);
    expect(codesIn('super(\n  "config_invalid",\n  message)')).toEqual(["config_invalid"]);
    expect(codesIn('log.warn({ code: "reload_failed" }, "m")')).toEqual(["reload_failed"]);
    expect(codesIn('code: isErrorCode(code) ? code : "index_failed"')).toEqual(["index_failed"]);
    expect(codesIn('const A: ErrorCode = "ANSWER_FAILED";')).toEqual(["ANSWER_FAILED"]);
    expect(codesIn('new ConfigError("SLACK_BOT_TOKEN", "m")')).toEqual([]);
    // Sentences, single words and other strings are not codes.
    expect(codesIn('new Error("Premature close"); code: "custom"; new URL("https://a_b.example")')).toEqual(
      [],
    );
    expect(uses.size).toBeGreaterThan(40);
  });

  it("declares every code that src/ throws, logs or compares against", () => {
    const undeclared = [...uses].filter(([code]) => !isErrorCode(code) && !FOREIGN_CODES.has(code));
    expect(undeclared).toEqual([]);
  });

  it("has no entry that src/ never uses, and no foreign code that src/ stopped comparing against", () => {
    expect(Object.keys(ERROR_CODES).filter((code) => !uses.has(code))).toEqual([]);
    expect([...FOREIGN_CODES].filter((code) => !uses.has(code))).toEqual([]);
  });

  it("gives every entry a code-shaped name and a one-sentence meaning, and user sentences that are plain", () => {
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      expect(code, code).toMatch(CODE_LIKE);
      const sentences: [string, string][] = [["meaning", entry.meaning]];
      if ("user" in entry) sentences.push(["user", entry.user]);
      for (const [what, sentence] of sentences) {
        expect(sentence, `${code}.${what}`).toMatch(/^[A-Z].*\.$/s);
        expect(sentence, `${code}.${what}: one sentence`).not.toMatch(/[.;!?]\s+[A-Z]/);
      }
      if ("user" in entry) expect(entry.user, `${code}.user names no code`).not.toMatch(/_/);
    }
  });

  it("is frozen, and isErrorCode accepts exactly its entries", () => {
    expect(Object.isFrozen(ERROR_CODES)).toBe(true);
    expect(isErrorCode("corpus_bad_json")).toBe(true);
    expect(isErrorCode("corpus_bad_jsn")).toBe(false);
    expect(isErrorCode("toString")).toBe(false);
    expect(isErrorCode("ENOENT")).toBe(false);
    expect(isErrorCode(42)).toBe(false);
    expect(new NewsdeskError("reload_raced", "m").code).toBe("reload_raced");
  });
});
