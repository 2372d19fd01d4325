import { describe, expect, it } from "vitest";
import { decodeHtml } from "../../src/corpus/import-html-decode.js";

const ascii = (text: string) => [...Buffer.from(text, "latin1")];
const page = (head: string, body: number[]) =>
  new Uint8Array([...ascii(`<html><head>${head}</head><body><p>`), ...body, ...ascii("</p></body></html>")]);

describe("decodeHtml", () => {
  it("honours a UTF-8 byte order mark over a contrary declaration", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...page('<meta charset="windows-1252">', [0xc3, 0xa9])]);
    const decoded = decodeHtml(bytes);
    expect(decoded).toMatchObject({ encoding: "utf-8", via: "bom" });
    expect(decoded.text).toContain("<p>é</p>");
    expect(decoded.text.startsWith("\uFEFF")).toBe(false);
  });

  it("decodes UTF-16LE with a byte order mark", () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from("<p>Zoë</p>", "utf16le")]);
    expect(decodeHtml(bytes)).toMatchObject({ encoding: "utf-16le", text: "<p>Zoë</p>" });
  });

  it("follows <meta charset> (Shift_JIS)", () => {
    const decoded = decodeHtml(page('<meta charset="shift_jis">', [0x93, 0xfa, 0x96, 0x7b]));
    expect(decoded).toMatchObject({ encoding: "shift_jis", via: "meta" });
    expect(decoded.text).toContain("<p>日本</p>");
  });

  it("follows http-equiv Content-Type and decodes iso-8859-1 as windows-1252, like browsers", () => {
    const head = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">';
    // “café” – 5 €
    const decoded = decodeHtml(page(head, [0x93, ...ascii("caf"), 0xe9, 0x94, 0x20, 0x96, 0x20, 0x35, 0x80]));
    expect(decoded).toMatchObject({ encoding: "windows-1252", via: "meta" });
    expect(decoded.text).toContain("<p>“café” – 5€</p>");
  });

  it("reads undeclared valid UTF-8 as UTF-8", () => {
    expect(decodeHtml(page("", [0xe2, 0x80, 0x94]))).toMatchObject({ encoding: "utf-8", via: "utf-8" });
  });

  it("falls back to windows-1252 for undeclared bytes that are not UTF-8", () => {
    const decoded = decodeHtml(page("", [0x92, 0xe9]));
    expect(decoded).toMatchObject({ encoding: "windows-1252", via: "fallback" });
    expect(decoded.text).toContain("<p>’é</p>");
  });

  it("ignores an unknown declared label", () => {
    expect(decodeHtml(page('<meta charset="x-no-such-thing">', [0x41])).encoding).toBe("utf-8");
  });
});
