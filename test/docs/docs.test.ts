/**
 * The README and docs/ stay true to the tree: every dependency is listed with its reason, and every
 * relative link points at a file that exists.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/paths.js";

const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");

describe("README and docs", () => {
  it("names every dependency in its 'Dependencies and why' list", () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const section = readme.slice(readme.indexOf("## Dependencies and why"));
    expect(section.length).toBeLessThan(readme.length);
    const names = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)];
    const missing = names.filter((name) => !section.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it("links only to files that exist", () => {
    const files = [
      path.join(repoRoot, "README.md"),
      ...readdirSync(path.join(repoRoot, "docs"))
        .filter((f) => f.endsWith(".md"))
        .map((f) => path.join(repoRoot, "docs", f)),
    ];
    const broken: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target!) || target!.startsWith("#")) continue;
        const resolved = path.resolve(path.dirname(file), target!.split("#")[0]!);
        if (!existsSync(resolved)) broken.push(`${path.relative(repoRoot, file)} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
