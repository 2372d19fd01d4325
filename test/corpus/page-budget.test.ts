/**
 * Issue 24, defect 1: a page's parse budget. Markup nested deeper or holding more elements than the
 * budget is refused in one linear pass, before linkedom or Readability see it (on 7c7d424 a page of
 * 2,000 nested `<div>`s held the thread 39 s; 10,000 overflowed the stack).
 */
import { describe, expect, it } from "vitest";
import { importHtmlPage } from "../../src/corpus/html.js";
import { measureMarkup, PAGE_BUDGET } from "../../src/corpus/page-budget.js";
import { nestedPage } from "../reliability/hostile-site.js";

describe("the page parse budget", () => {
  it("measures depth as a parser nests: void and optional-end elements do not deepen, scripts are text", () => {
    expect(measureMarkup("<div><div><p>a<p>b<br><img src=x></div></div>")).toEqual({ elements: 6, depth: 2 });
    expect(measureMarkup("<ul><li>a<li>b<li>c</ul>").depth).toBe(1);
    expect(measureMarkup("<script>if (a<b) { '<div><div><div>' }</script><div></div>")).toEqual({
      elements: 2,
      depth: 1,
    });
    expect(measureMarkup(nestedPage(2000)).depth).toBe(2000);
  });

  it("refuses pages nested 2,000 and 10,000 deep at once, naming the page and the limit", () => {
    for (const depth of [2000, 10_000]) {
      const started = performance.now();
      expect(() => importHtmlPage(nestedPage(depth), { source: "https://example.org/deep" })).toThrow(
        `https://example.org/deep: the page nests elements ${depth.toLocaleString("en-US")} deep, more than the limit of ${PAGE_BUDGET.maxDepth}; it is not read.`,
      );
      // Generous: the check is linear; Readability on the same page takes 39 s and more.
      expect(performance.now() - started).toBeLessThan(2_000);
    }
  });

  it("refuses a page with more elements than the budget, and reads one within it", () => {
    const many = nestedPage(1).replace("<p>", `${"<span>x</span>".repeat(60)}<p>`);
    expect(() => importHtmlPage(many, { source: "s", budget: { maxElements: 50, maxDepth: 128 } })).toThrow(
      /elements, more than the limit of 50/,
    );
    expect(importHtmlPage(nestedPage(40), { source: "s" }).article.title).toBe("Deep");
  });
});
