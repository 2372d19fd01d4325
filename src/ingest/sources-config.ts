import YAML from "yaml";
import { z } from "zod";
import { INGEST_DEFAULTS } from "./defaults.js";
import { SOURCE_KINDS, type SourceKind } from "./detect.js";
import { isHttpUrl } from "./http-get.js";
import { redactUrl } from "./redact-url.js";

/** One source the running bot polls. */
export interface SourceConfig {
  /** Shown in status and logs; default: the URL's host and path. */
  name: string;
  kind: SourceKind;
  url: string;
  intervalMs: number;
  /** Publication for pages that do not name theirs. */
  publication?: string;
  /**
   * Other origins (scheme://host:port) of the newsroom this source may lead to: redirects, story
   * links and canonical URLs elsewhere are refused. The source's own origin is always allowed.
   */
  sites?: string[];
  /** Set: this source may reach internal addresses (loopback, private, link-local). Default: refused. */
  allowInternal?: true;
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

/** "90s", "5m", "1h" or a number of seconds → ms; undefined when unreadable. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value > 0 ? value * 1000 : undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*$/i.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * UNITS[(match[2] || "s").toLowerCase()]!;
}

const interval = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === undefined || ms < INGEST_DEFAULTS.minIntervalMs) {
    ctx.addIssue({
      code: "custom",
      message: `must be a duration of at least ${INGEST_DEFAULTS.minIntervalMs / 1000}s, such as "5m" or "90s"`,
    });
    return z.NEVER;
  }
  return ms;
});

/** "https://www.example.org" from any URL of it; undefined when not http(s). */
function originOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

const noUserInfo = (value: string) => {
  try {
    const url = new URL(value);
    return !url.username && !url.password;
  } catch {
    return true;
  }
};

const source = z.object({
  name: z.string().trim().min(1, "must not be empty").optional(),
  kind: z.enum(SOURCE_KINDS, { error: `must be one of ${SOURCE_KINDS.join(", ")}` }).default("auto"),
  url: z
    .string()
    .refine(isHttpUrl, { error: "must be an http(s) URL such as https://www.example.org/feed.xml" })
    .refine(noUserInfo, {
      error:
        "must not hold a user name or password (a URL is shown in status and logs; the bot reads public pages only), so remove the part before @",
    }),
  sites: z
    .array(
      z.string().refine((v) => originOf(v) !== undefined && noUserInfo(v), {
        error: "must list http(s) origins such as https://www.example.org",
      }),
    )
    .optional(),
  allow_internal: z.boolean({ error: "must be true or false" }).optional(),
  interval: interval.optional(),
  publication: z.string().trim().min(1, "must not be empty").optional(),
});

const file = z.object({
  interval: interval.optional(),
  sources: z.array(source, { error: "must be a list of sources (each with at least a url)" }),
});

/** Where in the file a problem is, as a person reads it: `sources[2].url`. */
function fieldOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) =>
      typeof key === "number" ? `${out}[${key + 1}]` : out ? `${out}.${String(key)}` : String(key),
    "",
  );
}

/** A sources file that cannot be used: `field` is where, `message` one sentence with the fix. */
export class SourcesFileError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "SourcesFileError";
  }
}

/**
 * Reads a sources file (YAML): an optional default `interval` and a list of `sources`, each with a
 * `url`, and optionally `kind` (auto, page, feed, sitemap, wordpress), `interval`, `name` and
 * `publication`. Throws SourcesFileError naming the file, the field (1-based list position) and the fix.
 */
export function parseSourcesFile(text: string, fileName: string): SourceConfig[] {
  let data: unknown;
  try {
    data = YAML.parse(text);
  } catch (error) {
    throw new SourcesFileError(
      "(file)",
      `${fileName} is not valid YAML (${(error as Error).message.split("\n")[0]}); fix the file or unset SOURCES_FILE.`,
    );
  }
  const parsed = file.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = fieldOf(issue.path) || "sources";
    const problem =
      issue.code === "invalid_type" && issue.input === undefined ? "is required" : issue.message;
    throw new SourcesFileError(
      field,
      `${fileName}: ${field} ${problem}; fix it in the file or unset SOURCES_FILE.`,
    );
  }
  const seen = new Set<string>();
  return parsed.data.sources.map((entry, i) => {
    if (seen.has(entry.url)) {
      throw new SourcesFileError(
        `sources[${i + 1}].url`,
        `${fileName}: sources[${i + 1}].url repeats ${redactUrl(entry.url)}; list each source once.`,
      );
    }
    seen.add(entry.url);
    const url = new URL(entry.url);
    const config: SourceConfig = {
      name: entry.name ?? `${url.host}${url.pathname === "/" ? "" : url.pathname}`,
      kind: entry.kind,
      url: entry.url,
      intervalMs: entry.interval ?? parsed.data.interval ?? INGEST_DEFAULTS.intervalMs,
    };
    if (entry.publication) config.publication = entry.publication;
    if (entry.sites?.length) config.sites = entry.sites.map((site) => originOf(site)!);
    if (entry.allow_internal) config.allowInternal = true;
    return config;
  });
}
