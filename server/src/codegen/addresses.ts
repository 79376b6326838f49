// Validation of the public IPv4 addresses and CIDR ranges a recipe is generated for. It is shared by the
// generator, the `rsc gen` CLI and the VS Code command (which validates as the user types), so all three
// accept and refuse exactly the same input with the same messages.
import ipaddr from 'ipaddr.js';

/** A validated public IPv4 range, normalised to its network address. */
export interface PublicRange {
  /** The entry as the user wrote it (trimmed). */
  input: string;
  /** Normalised CIDR form, e.g. "92.0.0.0/8" (a bare address becomes /32). */
  cidr: string;
  /** The network address, four octets. */
  octets: [number, number, number, number];
  /** Prefix length, 1..32. */
  prefix: number;
}

export type RangeCheck = { ok: true; range: PublicRange; warnings: string[] } | { ok: false; error: string };

/**
 * Address blocks that never appear in a NAck from the internet, with the reason shown to the user. The list
 * follows ipaddr.js's special ranges, minus the anycast blocks (AS112, AMT) that are ordinary public space
 * as far as a NAck is concerned.
 */
const NOT_PUBLIC: readonly { net: string; what: string }[] = [
  {
    net: '0.0.0.0/8',
    what: 'the "this network" block (0.0.0.0/8), which never appears as a source on the internet',
  },
  { net: '10.0.0.0/8', what: 'a private range (RFC 1918)' },
  { net: '172.16.0.0/12', what: 'a private range (RFC 1918)' },
  { net: '192.168.0.0/16', what: 'a private range (RFC 1918)' },
  { net: '127.0.0.0/8', what: 'the loopback block (127.0.0.0/8)' },
  { net: '169.254.0.0/16', what: 'the link-local block (169.254.0.0/16)' },
  { net: '224.0.0.0/4', what: 'the multicast block (224.0.0.0/4)' },
  { net: '255.255.255.255/32', what: 'the broadcast address' },
  { net: '240.0.0.0/4', what: 'the block reserved for future use (240.0.0.0/4)' },
  {
    net: '100.64.0.0/10',
    what: 'the shared address space for carrier-grade NAT (RFC 6598): the NAck carries the address your carrier shows to the internet',
  },
  { net: '192.0.0.0/24', what: 'the block reserved for IETF protocol assignments (192.0.0.0/24)' },
  { net: '192.0.2.0/24', what: 'a documentation range (TEST-NET-1)' },
  { net: '198.51.100.0/24', what: 'a documentation range (TEST-NET-2)' },
  { net: '203.0.113.0/24', what: 'a documentation range (TEST-NET-3)' },
  { net: '198.18.0.0/15', what: 'the benchmarking range (198.18.0.0/15)' },
  { net: '192.88.99.0/24', what: 'the deprecated 6to4 relay anycast range (192.88.99.0/24)' },
];

const notPublic = NOT_PUBLIC.map((n) => ({ ...n, cidr: ipaddr.IPv4.parseCIDR(n.net) }));

/** Why the NAck never carries such an address. */
const PUBLIC_HINT =
  'the Skype NAck carries your public address, the one peers on the internet see (after any NAT)';

const toInt = (o: readonly number[]): number => ((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]) >>> 0;
const fromInt = (v: number): [number, number, number, number] => [
  (v >>> 24) & 0xff,
  (v >>> 16) & 0xff,
  (v >>> 8) & 0xff,
  v & 0xff,
];
const maskOf = (prefix: number): number => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

/** First and last address of a range, as 32-bit integers. */
export function rangeBounds(r: Pick<PublicRange, 'octets' | 'prefix'>): { first: number; last: number } {
  const first = (toInt(r.octets) & maskOf(r.prefix)) >>> 0;
  return { first, last: (first | (~maskOf(r.prefix) >>> 0)) >>> 0 };
}

/** Dotted form of a 32-bit address. */
export function formatIPv4(v: number): string {
  return fromInt(v).join('.');
}

/** Octets of a 32-bit address. */
export function octetsOf(v: number): [number, number, number, number] {
  return fromInt(v);
}

/** Whether `v` lies in the range. */
export function rangeContains(r: Pick<PublicRange, 'octets' | 'prefix'>, v: number): boolean {
  const { first, last } = rangeBounds(r);
  return v >= first && v <= last;
}

/**
 * Parses one entry: a dotted IPv4 address or CIDR range. Refuses anything that is not public unicast
 * space, naming the entry; warns about host bits and about ranges a layer-7 pattern cannot match exactly.
 */
export function parsePublicRange(text: string): RangeCheck {
  const input = text.trim();
  if (input === '') return { ok: false, error: 'empty address entry' };
  const slash = input.indexOf('/');
  const addrText = slash < 0 ? input : input.slice(0, slash);
  const prefixText = slash < 0 ? '32' : input.slice(slash + 1);
  // Only the four-part dotted form: ipaddr.js would also take "92" or "0x5c" (inet_aton forms), which a
  // user almost never means and RouterOS would not print.
  if (!ipaddr.IPv4.isValidFourPartDecimal(addrText)) {
    const hint = addrText.includes(':')
      ? ' (IPv6 is not supported: the Skype NAck carries an IPv4 address)'
      : '';
    return { ok: false, error: `"${input}" is not an IPv4 address or CIDR range such as 92.0.0.0/8${hint}` };
  }
  if (!/^\d{1,2}$/.test(prefixText) || Number(prefixText) > 32 || Number(prefixText) < 1) {
    return { ok: false, error: `"${input}": the prefix length must be a number from 1 to 32` };
  }
  const prefix = Number(prefixText);
  const given = ipaddr.IPv4.parse(addrText).octets;
  const network = (toInt(given) & maskOf(prefix)) >>> 0;
  const octets = fromInt(network);
  const cidr = `${formatIPv4(network)}/${prefix}`;
  const warnings: string[] = [];
  if (network !== toInt(given)) {
    warnings.push(`"${input}" has host bits set: using the range ${cidr}`);
  }
  const range: PublicRange = { input, cidr, octets, prefix };
  const { first, last } = rangeBounds(range);
  for (const n of notPublic) {
    const other = { octets: n.cidr[0].octets as [number, number, number, number], prefix: n.cidr[1] };
    const b = rangeBounds(other);
    if (b.first <= last && first <= b.last) {
      const inside = first >= b.first && last <= b.last;
      return {
        ok: false,
        error: inside
          ? `"${input}" lies in ${n.what}, not in public address space: ${PUBLIC_HINT}`
          : `"${input}" (${cidr}) overlaps ${n.net}, ${n.what}; list only your public addresses: ${PUBLIC_HINT}`,
      };
    }
  }
  const fullOctets = Math.floor(prefix / 8);
  const zeroAt = octets.slice(0, fullOctets).findIndex((o) => o === 0);
  if (zeroAt >= 0) {
    warnings.push(
      `${cidr} cannot be matched exactly: its octet ${zeroAt + 1} is 0, and the layer-7 matcher removes zero ` +
        'bytes from the data, so the pattern cannot tell where the address starts; NAcks carrying other ' +
        'addresses with the same non-zero octets may match too',
    );
  }
  return { ok: true, range, warnings };
}

/** Splits free text (commas, semicolons or whitespace between entries) into entries. */
export function splitAddressList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export interface RangeSet {
  ranges: PublicRange[];
  errors: string[];
  warnings: string[];
}

/**
 * Parses every entry, then drops duplicates and ranges contained in another one (with a warning), so the
 * pattern holds each address block once. Ranges keep the order the user gave.
 */
export function parsePublicRanges(entries: readonly string[]): RangeSet {
  const errors: string[] = [];
  const warnings: string[] = [];
  const parsed: PublicRange[] = [];
  for (const e of entries) {
    const r = parsePublicRange(e);
    if (!r.ok) errors.push(r.error);
    else {
      parsed.push(r.range);
      warnings.push(...r.warnings);
    }
  }
  if (entries.length === 0) errors.push('no public address given: name at least one address or range');
  const ranges: PublicRange[] = [];
  parsed.forEach((r, k) => {
    const b = rangeBounds(r);
    const cover = parsed.findIndex((o, j) => {
      if (j === k) return false;
      const ob = rangeBounds(o);
      const contains = ob.first <= b.first && b.last <= ob.last;
      // Of two equal ranges keep the first.
      const equal = ob.first === b.first && ob.last === b.last;
      return contains && (!equal || j < k);
    });
    if (cover >= 0) {
      const o = parsed[cover];
      warnings.push(
        o.cidr === r.cidr
          ? `${r.cidr} is listed twice`
          : `${r.cidr} lies inside ${o.cidr} and is covered by it`,
      );
    } else ranges.push(r);
  });
  return { ranges, errors, warnings };
}

/**
 * Validation for an input box: the first error for the text (entries separated by commas or spaces), or
 * undefined when every entry is a usable public address or range.
 */
export function validatePublicAddressInput(text: string): string | undefined {
  const set = parsePublicRanges(splitAddressList(text));
  return set.errors[0];
}
