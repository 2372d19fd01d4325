/**
 * Issue 24, defect 17 (its URL half): a `%ff` in a story's path gave "URIError: URI malformed" with no
 * URL, failing the story (and dropping the feed's validators). The malformed escape now stays as written.
 */
import { describe, expect, it } from "vitest";
import { slugFromUrl } from "../../src/corpus/import-html.js";

describe("ids from odd URLs", () => {
  it("slugs a path with a malformed percent escape instead of throwing", () => {
    expect(slugFromUrl("https://news.example.org/2024/%ff-flood-barrier")).toBe("2024-ff-flood-barrier");
    expect(slugFromUrl("https://news.example.org/caf%C3%A9-opens")).toBe("cafe-opens");
  });
});
