import { type ErrorCode, NewsdeskError } from "../errors.js";
import { INGEST_DEFAULTS } from "./defaults.js";

/** The part of WHATWG fetch the fetcher needs; tests and main pass the global one. */
export type FetchFn = (url: string, init: RequestInit) => Promise<Response>;

/** What the last fetch of a URL said, sent back so an unchanged resource costs a 304. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface HttpResult {
  /** 200 with a body, or 304 (not modified: body empty). */
  status: 200 | 304;
  /** The URL after redirects. */
  url: string;
  contentType: string;
  body: Uint8Array;
  validators: Validators;
  headers: Headers;
}

export interface HttpGetOptions {
  fetch: FetchFn;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
}

export type HttpGet = (
  url: string,
  request?: {
    validators?: Validators;
    accept?: string;
    signal?: AbortSignal;
    /** Asked before a redirect is followed; throws to refuse it. */
    checkHop?: (url: string) => Promise<void>;
  },
) => Promise<HttpResult>;

/** A fetch that failed: the code says how, the message says it in one sentence with the URL. */
export class FetchError extends NewsdeskError {
  readonly url: string;
  readonly status?: number;

  constructor(code: ErrorCode, url: string, message: string, options?: { status?: number; cause?: unknown }) {
    super(code, `${url}: ${message}`, options);
    this.name = "FetchError";
    this.url = url;
    this.status = options?.status;
  }
}

/** The common network failures in words (the code stays in the error's cause). */
const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset by the server",
  ENOTFOUND: "the host name is not known",
  EAI_AGAIN: "the host name could not be looked up",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "the connection timed out",
  // The fetch standard's list of ports of other protocols (1, 25, 6000…): no connection is tried.
  "bad port": "the port is one fetch never connects to, reserved for another protocol",
};

export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

async function readCapped(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new FetchError(
      "fetch_too_large",
      url,
      `the response is ${declared} bytes, over the ${maxBytes}-byte limit.`,
    );
  }
  if (!response.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new FetchError("fetch_too_large", url, `the response is over the ${maxBytes}-byte limit.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * A careful GET over an injected fetch: http(s) only, a time limit on the whole exchange, a size
 * limit on the body, redirects followed by hand (bounded, loops refused, every hop http(s)), and
 * conditional requests from the validators of the last fetch. Anything but 200 or 304 is a FetchError.
 */
export function createHttpGet(options: HttpGetOptions): HttpGet {
  const limits: GetLimits = {
    timeoutMs: options.timeoutMs ?? INGEST_DEFAULTS.timeoutMs,
    maxBytes: options.maxBytes ?? INGEST_DEFAULTS.maxBytes,
    maxRedirects: options.maxRedirects ?? INGEST_DEFAULTS.maxRedirects,
    userAgent: options.userAgent ?? INGEST_DEFAULTS.userAgent,
  };
  return async (start, request = {}) => {
    const timeout = AbortSignal.timeout(limits.timeoutMs);
    const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
    const seen = new Set<string>();
    let url = start;
    try {
      for (let hop = 0; ; hop++) {
        if (!isHttpUrl(url)) throw new FetchError("fetch_not_http", url, "only http(s) URLs are fetched.");
        seen.add(url);
        const headers = requestHeaders(limits.userAgent, request);
        const response = await options.fetch(url, { headers, redirect: "manual", signal });
        if (response.status < 300 || response.status >= 400 || response.status === 304)
          return await resultOf(response, url, request, limits.maxBytes);
        await response.body?.cancel();
        const location = response.headers.get("location");
        if (!location)
          throw new FetchError("fetch_status", url, `HTTP ${response.status} without a Location.`);
        const next = new URL(location, url).href;
        if (seen.has(next)) throw new FetchError("fetch_redirect_loop", start, `redirect loop at ${next}.`);
        if (hop >= limits.maxRedirects)
          throw new FetchError("fetch_redirects", start, `more than ${limits.maxRedirects} redirects.`);
        await request.checkHop?.(next);
        url = next;
      }
    } catch (error) {
      throw fetchFailure(error, url, { request, signal, timeoutMs: limits.timeoutMs });
    }
  };
}

interface GetLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
}

type GetRequest = NonNullable<Parameters<HttpGet>[1]>;

/** The request's headers: who asks, what it accepts, and the last fetch's validators. */
function requestHeaders(userAgent: string, request: GetRequest): Record<string, string> {
  const headers: Record<string, string> = {
    "user-agent": userAgent,
    accept: request.accept ?? "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  };
  if (request.validators?.etag) headers["if-none-match"] = request.validators.etag;
  if (request.validators?.lastModified) headers["if-modified-since"] = request.validators.lastModified;
  return headers;
}

/** A final (non-redirect) response as a result: 200 with its capped body, 304, else a FetchError. */
async function resultOf(
  response: Response,
  url: string,
  request: GetRequest,
  maxBytes: number,
): Promise<HttpResult> {
  const validators: Validators = {};
  const etag = response.headers.get("etag");
  const lastModified = response.headers.get("last-modified");
  if (etag) validators.etag = etag;
  if (lastModified) validators.lastModified = lastModified;
  if (response.status === 304) {
    await response.body?.cancel();
    const body = new Uint8Array(0);
    return {
      status: 304,
      url,
      contentType: "",
      body,
      validators: request.validators ?? {},
      headers: response.headers,
    };
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new FetchError("fetch_status", url, `HTTP ${response.status}.`, { status: response.status });
  }
  const body = await readCapped(response, url, maxBytes);
  const contentType = (response.headers.get("content-type") ?? "").toLowerCase();
  return { status: 200, url, contentType, body, validators, headers: response.headers };
}

/** Any failure of a fetch as a FetchError whose code and sentence say what happened. */
function fetchFailure(
  error: unknown,
  url: string,
  context: { request: GetRequest; signal: AbortSignal; timeoutMs: number },
): FetchError {
  if (error instanceof FetchError) return error;
  if (context.request.signal?.aborted)
    return new FetchError("fetch_timeout", url, "the fetch was cancelled: the poller is stopping.", {
      cause: error,
    });
  if (context.signal.aborted)
    return new FetchError("fetch_timeout", url, `no complete response within ${context.timeoutMs} ms.`, {
      cause: error,
    });
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  if (reason === "EADDRNOTALLOWED")
    return new FetchError(
      "fetch_internal_address",
      url,
      "its host resolves to an internal address the source does not allow.",
      { cause: error },
    );
  return new FetchError("fetch_network", url, `the request failed (${NETWORK_WORDS[reason] ?? reason}).`, {
    cause: error,
  });
}
