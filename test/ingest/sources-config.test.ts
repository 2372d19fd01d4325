import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSources } from "../../src/config.js";
import { ConfigError } from "../../src/errors.js";
import { parseSourcesFile } from "../../src/ingest/sources-config.js";
import { repoRoot, tempDir } from "../support/paths.js";

describe("the sources file", () => {
  it("reads kinds, URLs and intervals with defaults", () => {
    const sources = parseSourcesFile(
      "interval: 10m\nsources:\n  - url: https://news.example.org/feed.xml\n    kind: feed\n  - url: https://news.example.org/\n    kind: wordpress\n    interval: 90s\n    name: wp\n",
      "sources.yml",
    );
    expect(sources).toEqual([
      {
        name: "news.example.org/feed.xml",
        kind: "feed",
        url: "https://news.example.org/feed.xml",
        intervalMs: 600_000,
      },
      { name: "wp", kind: "wordpress", url: "https://news.example.org/", intervalMs: 90_000 },
    ]);
  });

  it("defaults to a polite 5-minute interval and recognising the kind", () => {
    expect(parseSourcesFile("sources:\n  - url: https://a.example/sitemap.xml\n", "s.yml")[0]).toMatchObject({
      kind: "auto",
      intervalMs: 300_000,
    });
  });

  it.each([
    [
      "sources:\n  - url: ftp://a.example/\n",
      /s\.yml: sources\[1\]\.url must be an http\(s\) URL .*; fix it in the file or unset SOURCES_FILE\.$/,
    ],
    ["sources:\n  - kind: feed\n", /sources\[1\]\.url is required/],
    [
      "sources:\n  - url: https://a.example/\n    interval: 5s\n",
      /sources\[1\]\.interval must be a duration of at least 30s/,
    ],
    [
      "sources:\n  - url: https://a.example/\n    kind: rss\n",
      /sources\[1\]\.kind must be one of auto, page, feed, sitemap, wordpress/,
    ],
    ["hello: 1\n", /s\.yml: sources is required/],
    ["sources: [\n", /s\.yml is not valid YAML/],
    [
      "sources:\n  - url: https://a.example/\n  - url: https://a.example/\n",
      /sources\[2\]\.url repeats https:\/\/a\.example\//,
    ],
  ])("refuses %j in one sentence naming the field", (text, message) => {
    expect(() => parseSourcesFile(text, "s.yml")).toThrow(message);
  });

  it("is read through config as SOURCES_FILE; a bad file is a ConfigError naming SOURCES_FILE", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "sources.yml");
    await writeFile(file, "sources:\n  - url: nope\n");
    let error: ConfigError | undefined;
    try {
      readSources(file);
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.variable).toBe("SOURCES_FILE");
    expect(() => readSources(path.join(dir, "missing.yml"))).toThrow(
      /SOURCES_FILE names .*missing\.yml, which cannot be read \(ENOENT\)/,
    );
  });

  it("accepts the example file shipped with the repository", () => {
    expect(readSources(path.join(repoRoot, "sources.example.yml")).length).toBeGreaterThan(0);
  });
});
