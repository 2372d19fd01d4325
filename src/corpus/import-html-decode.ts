/** A decoded page and the encoding that was used, for messages and tests. */
export interface DecodedPage {
  text: string;
  encoding: string;
  /** How the encoding was chosen. */
  via: "bom" | "meta" | "utf-8" | "fallback";
}

// The HTML standard's prescan looks at the first 1024 bytes; pages with long <head> comments or
// inline styles put <meta charset> later in practice, so look a little further.
const PRESCAN_BYTES = 4096;
// Matches both <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
const META_CHARSET = /<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)/i;

function boms(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  return undefined;
}

// Bytes 0x80–0x9F of windows-1252 (the Encoding standard's table; unassigned bytes map to U+0080–U+009F).
const WINDOWS_1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/**
 * Node 20's TextDecoder("windows-1252") decodes as ISO-8859-1, turning curly quotes, dashes and "€"
 * into C1 control characters; map that range by the standard's table instead.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString("latin1")
    .replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

function decode(decoder: ReturnType<typeof decoderFor> & object, bytes: Uint8Array): string {
  return decoder.encoding === "windows-1252" ? decodeWindows1252(bytes) : decoder.decode(bytes);
}

function decoderFor(label: string) {
  try {
    return new TextDecoder(label);
  } catch {
    return undefined;
  }
}

/**
 * Decodes a saved web page: a byte order mark wins, then the page's own declaration (`<meta charset>`
 * or `http-equiv="Content-Type"`), then UTF-8 if the bytes are valid UTF-8, else windows-1252 (what
 * browsers assume for undeclared legacy pages). Labels follow the Encoding standard, so
 * "iso-8859-1" decodes as windows-1252 exactly as a browser would.
 */
export function decodeHtml(bytes: Uint8Array): DecodedPage {
  const bom = boms(bytes);
  if (bom) return { text: new TextDecoder(bom).decode(bytes), encoding: bom, via: "bom" };

  // Declarations are ASCII, so a byte-for-byte latin1 view is enough to find them.
  const head = Buffer.from(bytes.subarray(0, PRESCAN_BYTES)).toString("latin1");
  const declared = META_CHARSET.exec(head)?.[1];
  if (declared) {
    const decoder = decoderFor(declared);
    // A page saved as UTF-16 cannot have declared itself in ASCII; the standard treats it as UTF-8.
    if (decoder && !decoder.encoding.startsWith("utf-16")) {
      return { text: decode(decoder, bytes), encoding: decoder.encoding, via: "meta" };
    }
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8", via: "utf-8" };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: "windows-1252", via: "fallback" };
  }
}
