import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** Bolt's rule, kept: a request stamped longer ago than this is a possible replay. */
const MAX_REQUEST_AGE_SECONDS = 5 * 60;

const LOWER_HEX_SHA256 = /^[0-9a-f]{64}$/;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Slack's `v0` request signature, checked once per request: HMAC-SHA256 of `v0:{timestamp}:{raw body}`
 * with the signing secret, compared in constant time. Same rules as Bolt's `verifySlackRequest`
 * (which the receiver then skips): one string header each, a numeric timestamp no older than
 * 5 minutes, version `v0`. Bolt compares with `tsscmp`, which draws random bytes and computes two more
 * HMACs per request; both hex digests here have the same public length, so `timingSafeEqual` suffices.
 * Reasons never quote the signature or the secret.
 */
export function verifySlackSignature(
  headers: IncomingHttpHeaders,
  raw: Buffer,
  signingSecret: string,
  nowMs = Date.now(),
): SignatureCheck {
  const check = checkSignatureHeaders(headers, nowMs);
  return check.ok ? signatureMatches(headers, raw, signingSecret) : check;
}

/**
 * The HMAC comparison alone, for headers that already passed checkSignatureHeaders (the HTTP server
 * checks them before reading the body and does not repeat it per request).
 */
export function signatureMatches(
  headers: IncomingHttpHeaders,
  raw: Buffer,
  signingSecret: string,
): SignatureCheck {
  const signature = headers["x-slack-signature"] as string;
  const stamp = Number(headers["x-slack-request-timestamp"]);
  const [, hash = ""] = signature.split("=");
  // Bolt signs the timestamp as parsed (Number → string), so the same header verifies the same way.
  const expected = createHmac("sha256", signingSecret).update(`v0:${stamp}:`).update(raw).digest();
  // Lower-case hex only, as Slack sends it and Bolt's string comparison demands.
  if (!LOWER_HEX_SHA256.test(hash) || !timingSafeEqual(Buffer.from(hash, "hex"), expected)) {
    return { ok: false, reason: "signature mismatch" };
  }
  return { ok: true };
}

/**
 * What can be checked before the body is read: both headers present, a fresh numeric timestamp and a
 * `v0=` signature of 64 lower-case hex digits. A request failing this is refused without reading a
 * large body (nothing unauthenticated may hold a megabyte of memory).
 */
export function checkSignatureHeaders(headers: IncomingHttpHeaders, nowMs = Date.now()): SignatureCheck {
  const signature = headers["x-slack-signature"];
  const stampHeader = headers["x-slack-request-timestamp"];
  if (typeof signature !== "string") return { ok: false, reason: "no x-slack-signature header" };
  if (typeof stampHeader !== "string") return { ok: false, reason: "no x-slack-request-timestamp header" };
  const stamp = Number(stampHeader);
  if (!Number.isFinite(stamp)) return { ok: false, reason: "x-slack-request-timestamp is not a number" };
  if (stamp < Math.floor(nowMs / 1000) - MAX_REQUEST_AGE_SECONDS) {
    return { ok: false, reason: "stale x-slack-request-timestamp" };
  }
  const [version, hash = ""] = signature.split("=");
  if (version !== "v0") return { ok: false, reason: "unknown signature version" };
  if (!LOWER_HEX_SHA256.test(hash)) return { ok: false, reason: "signature mismatch" };
  return { ok: true };
}
