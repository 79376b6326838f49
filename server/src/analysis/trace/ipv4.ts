// IPv4 values as firewall matchers read them: addresses, prefixes and ranges (`10.0.0.0/8`,
// `10.0.0.1-10.0.0.9`), port lists (`80,443,8000-8080`) and protocol names. Pure, never throws.

/** Protocol numbers for the names RouterOS accepts in `protocol=` (the common ones). */
export const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = {
  icmp: 1,
  igmp: 2,
  ipencap: 4,
  tcp: 6,
  egp: 8,
  udp: 17,
  'ipv6-encap': 41,
  rsvp: 46,
  gre: 47,
  'ipsec-esp': 50,
  'ipsec-ah': 51,
  ospf: 89,
  pim: 103,
  vrrp: 112,
  l2tp: 115,
  sctp: 132,
  udplite: 136,
};

/** The address as an unsigned 32-bit number, or undefined when it is not a dotted quad. */
export function parseIPv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim());
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const b = Number(m[i]);
    if (b > 255) return undefined;
    n = n * 256 + b;
  }
  return n;
}

export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** An inclusive address range. */
export interface AddressRange {
  lo: number;
  hi: number;
}

/** `a`, `a/len` or `a-b`; undefined for anything else (a DNS name, a computed value). */
export function parseAddressRange(text: string): AddressRange | undefined {
  const t = text.trim();
  const dash = t.indexOf('-');
  if (dash > 0) {
    const lo = parseIPv4(t.slice(0, dash));
    const hi = parseIPv4(t.slice(dash + 1));
    return lo !== undefined && hi !== undefined && lo <= hi ? { lo, hi } : undefined;
  }
  const slash = t.indexOf('/');
  if (slash > 0) {
    const base = parseIPv4(t.slice(0, slash));
    const lenText = t.slice(slash + 1);
    if (base === undefined || !/^\d{1,2}$/.test(lenText)) return undefined;
    const len = Number(lenText);
    if (len > 32) return undefined;
    const size = 2 ** (32 - len);
    const lo = base - (base % size);
    return { lo, hi: lo + size - 1 };
  }
  const a = parseIPv4(t);
  return a === undefined ? undefined : { lo: a, hi: a };
}

export const inRange = (r: AddressRange, a: number): boolean => a >= r.lo && a <= r.hi;

/** `80`, `80,443`, `8000-8080`, mixed; undefined when a part is not a port (a service name). */
export function parsePorts(text: string): [number, number][] | undefined {
  const out: [number, number][] = [];
  for (const part of text.split(',')) {
    const p = part.trim();
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(p);
    if (!m) return undefined;
    const lo = Number(m[1]);
    const hi = m[2] !== undefined ? Number(m[2]) : lo;
    if (lo > 65535 || hi > 65535 || lo > hi) return undefined;
    out.push([lo, hi]);
  }
  return out;
}

/** The protocol number of a name or number (`udp`, `17`), undefined when unknown. */
export function protocolNumber(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^\d{1,3}$/.test(t)) return Number(t) <= 255 ? Number(t) : undefined;
  return PROTOCOL_NUMBERS[t];
}

/** The name RouterOS prints for a protocol number (the number itself when it has none here). */
export function protocolName(n: number): string {
  for (const [name, num] of Object.entries(PROTOCOL_NUMBERS)) if (num === n) return name;
  return String(n);
}
