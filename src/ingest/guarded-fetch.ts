import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from "node:dns";
import { BlockList, isIP } from "node:net";
import { Agent, fetch as undiciFetch } from "undici";
import { FetchError, type FetchFn } from "./http-get.js";

/**
 * Addresses the fetcher never connects to unless a source allows them: loopback, private (RFC 1918),
 * carrier-grade NAT, link-local (where cloud metadata services live), unique-local, multicast and
 * unspecified. Checked on the address a connection is actually made to, after name resolution.
 */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const)
  INTERNAL.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  INTERNAL.addSubnet(network, prefix, "ipv6");

/** True for an address inside the network or the machine (IPv4-mapped IPv6 included). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return INTERNAL.check(mapped, "ipv4");
  const family = isIP(address);
  if (family === 0) return true;
  return INTERNAL.check(address, family === 4 ? "ipv4" : "ipv6");
}

function refused(host: string, address: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(
    `${host} resolves to ${address}, an internal address the source does not allow`,
  );
  error.code = "EADDRNOTALLOWED";
  return error;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** dns.lookup, refusing internal addresses: the check runs when the connection is made. */
function guardedLookup(host: string, options: LookupAllOptions, callback: LookupCallback): void {
  dnsLookup(host, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const bad = addresses.find((entry) => isInternalAddress(entry.address));
    if (bad) return callback(refused(host, bad.address), []);
    if (options.all) return callback(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
}

/**
 * A fetch that connects only to public addresses (`allowInternal` lifts that for a source the
 * operator marked so, and for tests on loopback). Names are checked after resolution, at connect
 * time, so a name that resolves differently a second time (DNS rebinding) cannot slip through;
 * an address written in the URL is checked before anything is sent.
 */
export function createGuardedFetch(options: { allowInternal: boolean }): FetchFn {
  const dispatcher = options.allowInternal
    ? new Agent()
    : new Agent({ connect: { lookup: guardedLookup as never } });
  return async (url, init) => {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
    if (!options.allowInternal && isIP(host) && isInternalAddress(host)) {
      throw new FetchError(
        "fetch_internal_address",
        url,
        `${host} is an internal address; the fetcher only reaches public sites (set allow_internal: true on a source that must reach one).`,
      );
    }
    return (await undiciFetch(url, { ...(init as object), dispatcher })) as unknown as Response;
  };
}
