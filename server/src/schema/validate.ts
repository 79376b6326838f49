// Checks a literal argument value against its value type (RSC2003/RSC2004) and describes types for
// hover and messages. Lenient by design: anything computed at run time (`$var`, `[cmd]`, `(expr)`) is
// accepted, and so is every value of an `unknown` type.

import ipaddr from 'ipaddr.js';
import { formatTime, parseTime } from './time';
import type { ValueType } from './types';

export type ValidationResult = { ok: true } | { ok: false; message: string };

const OK: ValidationResult = { ok: true };
const fail = (message: string): ValidationResult => ({ ok: false, message });

/** True for values RouterOS computes at run time; we cannot judge them. */
export function isComputed(text: string): boolean {
  return text.includes('$') || text.startsWith('[') || text.startsWith('(');
}

function unquote(text: string): string {
  const t = text.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

/**
 * A dotted-quad IPv4 address: four decimal parts of 0..255 without leading zeros, exactly what
 * ipaddr.js's isValidFourPartDecimal accepts (a test compares the two), as a character loop because
 * address lists hold one unique address per line.
 */
export function isIPv4(t: string): boolean {
  const n = t.length;
  if (n < 7 || n > 15) return false;
  let parts = 0;
  let i = 0;
  for (;;) {
    const from = i;
    let v = 0;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
      i++;
    }
    const len = i - from;
    if (len === 0 || len > 3 || v > 255 || (len > 1 && t.charCodeAt(from) === 48)) return false;
    parts++;
    if (i === n) return parts === 4;
    if (parts === 4 || t.charCodeAt(i) !== 46) return false;
    i++;
  }
}
// Zone suffixes (`fe80::1%ether1`) are allowed: RouterOS writes link-local addresses with them.
const isIPv6 = (t: string): boolean => t.includes(':') && ipaddr.IPv6.isValid(t);
const isInt = (t: string): boolean => /^-?\d{1,20}$/.test(t) || /^0x[0-9a-f]{1,16}$/i.test(t);
const intValue = (t: string): number => (/^0x/i.test(t) ? parseInt(t.slice(2), 16) : Number(t));

function ipv4Prefix(t: string): boolean {
  const slash = t.indexOf('/');
  if (slash < 0) return isIPv4(t);
  const len = t.slice(slash + 1);
  return isIPv4(t.slice(0, slash)) && /^\d{1,2}$/.test(len) && Number(len) <= 32;
}

function ipv4Range(t: string): boolean {
  const slash = t.indexOf('/');
  if (slash >= 0) {
    const mask = t.slice(slash + 1);
    if (isIPv4(mask)) {
      return isIPv4(t.slice(0, slash)) && ipaddr.IPv4.parse(mask).prefixLengthFromSubnetMask() !== null;
    }
    return ipv4Prefix(t);
  }
  const dash = t.indexOf('-');
  if (dash < 0) return isIPv4(t);
  const a = t.slice(0, dash);
  const b = t.slice(dash + 1);
  return isIPv4(a) && isIPv4(b);
}

function ipv6Prefix(t: string): boolean {
  const slash = t.indexOf('/');
  if (slash < 0) return isIPv6(t);
  const len = t.slice(slash + 1);
  return isIPv6(t.slice(0, slash)) && /^\d{1,3}$/.test(len) && Number(len) <= 128;
}

/**
 * RouterOS's hints name the element type, and several address arguments take comma-separated lists
 * (`arp-ip-targets`, `broadcast-addresses`), so each item is checked on its own.
 */
function eachItem(t: string, ok: (item: string) => boolean): boolean {
  return t.split(',').every((item) => ok(item));
}

const MAC = /^[0-9a-f]{2}(?:([:.-]?)[0-9a-f]{2})(?:\1[0-9a-f]{2}){4}$/i;
const RATE = /^\d+(?:\.\d+)?[kKMG]?$/;

const DAY_MS = 86_400_000;
const WEEKDAYS: ReadonlySet<string> = new Set(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']);

/** `T`, `T-T`, each optionally followed by `,day,...`: times of day from 0s to 1d. */
function checkTimeOfDay(t: string): ValidationResult {
  const [span, ...days] = t.split(',');
  const bad = days.find((d) => !WEEKDAYS.has(d));
  if (bad !== undefined) return fail(`\`${bad}\` is not a day (sun, mon, tue, wed, thu, fri, sat)`);
  for (const part of span.split('-')) {
    const ms = parseTime(part);
    if (ms === undefined || span.split('-').length > 2)
      return fail(`\`${t}\` is not a time of day or a range of them (e.g. \`8h-16h\`, \`0s-1d\`)`);
    const r = checkBounds(ms, 0, DAY_MS, formatTime, part);
    if (!r.ok) return r;
  }
  return OK;
}

function checkBounds(
  value: number,
  min: number | undefined,
  max: number | undefined,
  show: (n: number) => string,
  text: string,
): ValidationResult {
  if (min !== undefined && value < min) return fail(`\`${text}\` is below the minimum ${show(min)}`);
  if (max !== undefined && value > max) return fail(`\`${text}\` is above the maximum ${show(max)}`);
  return OK;
}

/**
 * Reads one to five ASCII digits of `t` from `from`: the end offset and the value, or -1 when there is no
 * digit or there are more than five (a character loop: firewall exports hold a unique port on most lines).
 */
function digitRun(t: string, from: number, to: number): { end: number; value: number } | undefined {
  let i = from;
  let v = 0;
  while (i < to) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
    i++;
  }
  return i === from || i - from > 5 ? undefined : { end: i, value: v };
}

/** One `N` or `N-M` item of a port list, each side one to five digits; undefined when malformed. */
function portItem(t: string, from: number, to: number): { lo: number; hi: number } | undefined {
  const a = digitRun(t, from, to);
  if (!a) return undefined;
  if (a.end === to) return { lo: a.value, hi: a.value };
  if (t.charCodeAt(a.end) !== 45 /* - */) return undefined;
  const b = digitRun(t, a.end + 1, to);
  return b && b.end === to ? { lo: a.value, hi: b.value } : undefined;
}

function checkPorts(t: string): ValidationResult {
  let from = 0;
  for (;;) {
    const comma = t.indexOf(',', from);
    const to = comma < 0 ? t.length : comma;
    const m = portItem(t, from, to);
    if (!m) return fail(`\`${t.slice(from, to)}\` is not a port or port range (e.g. \`80\`, \`8000-8080\`)`);
    if (m.lo > 65535 || m.hi > 65535) return fail(`port \`${t.slice(from, to)}\` is above 65535`);
    if (m.hi < m.lo) return fail(`port range \`${t.slice(from, to)}\` runs backwards`);
    if (comma < 0) return OK;
    from = comma + 1;
  }
}

/** Checks one literal value. `text` is the value as decoded from the script (quotes are tolerated). */
export function validateValue(type: ValueType, text: string): ValidationResult {
  const t = unquote(text);
  if (isComputed(t)) return OK;
  switch (type.kind) {
    case 'unknown':
    case 'script':
      return OK;
    case 'string':
      if (type.hex && !/^[0-9a-f]*$/i.test(t)) return fail(`\`${t}\` is not a hexadecimal string`);
      if (type.max !== undefined && t.length > type.max)
        return fail(`value is ${t.length} characters long; at most ${type.max} are allowed`);
      if (type.min !== undefined && t.length < type.min)
        return fail(`value is ${t.length} characters long; at least ${type.min} are needed`);
      return OK;
    case 'enum': {
      if (type.open) return OK;
      const items = type.list ? t.split(',') : [t];
      for (const raw of items) {
        const item = type.negatableItems && raw.startsWith('!') ? raw.slice(1) : raw;
        if (!type.values.includes(item)) {
          return fail(`\`${item}\` is not one of: ${type.values.join(', ')}`);
        }
      }
      return OK;
    }
    case 'number':
      if (!isInt(t)) return fail(`\`${t}\` is not an integer`);
      return checkBounds(intValue(t), type.min, type.max, String, t);
    case 'int-range': {
      const m = /^(\d{1,20})(?:-(\d{1,20}))?$/.exec(t);
      if (!m) return fail(`\`${t}\` is not a number or a range \`N-M\``);
      const lo = Number(m[1]);
      const hi = m[2] === undefined ? lo : Number(m[2]);
      // An upper bound of 0 means "no limit" (`connection-bytes=2000000-0`).
      if (hi < lo && hi !== 0) return fail(`range \`${t}\` runs backwards`);
      const b = checkBounds(lo, type.min, type.max, String, t);
      return b.ok ? checkBounds(hi, type.min, type.max, String, t) : b;
    }
    case 'time': {
      // A time of day (hint `0s..1d`): RouterOS writes ranges of it, with days for access lists
      // (`/ip kid-control ... wed=0s-1d`, `time=7h-21h,mon,tue`), although the hint shows one time.
      if (type.max === DAY_MS && /[-,]/.test(t)) return checkTimeOfDay(t);
      const ms = parseTime(t);
      if (ms === undefined)
        return fail(`\`${t}\` is not a time interval (e.g. \`30s\`, \`1h30m\`, \`00:01:00\`)`);
      return checkBounds(ms, type.min, type.max, formatTime, t);
    }
    case 'ip':
      return eachItem(t, isIPv4) ? OK : fail(`\`${t}\` is not an IPv4 address`);
    case 'ip-prefix':
      return eachItem(t, ipv4Prefix) ? OK : fail(`\`${t}\` is not an IPv4 prefix (e.g. \`10.0.0.0/8\`)`);
    case 'ip-range':
      return eachItem(t, ipv4Range) ? OK : fail(`\`${t}\` is not an IPv4 address, range or prefix`);
    case 'ipv6':
      return eachItem(t, isIPv6) ? OK : fail(`\`${t}\` is not an IPv6 address`);
    case 'ipv6-prefix':
      return eachItem(t, ipv6Prefix) ? OK : fail(`\`${t}\` is not an IPv6 prefix (e.g. \`2001:db8::/32\`)`);
    case 'mac':
      return MAC.test(t) ? OK : fail(`\`${t}\` is not a MAC address (e.g. \`AA:BB:CC:DD:EE:FF\`)`);
    case 'yesno':
      return /^(yes|no|true|false)$/.test(t) ? OK : fail(`\`${t}\` is not yes or no`);
    case 'port-range':
      return checkPorts(t);
    case 'rate': {
      const parts = t.split(/[-/]/);
      if (parts.length > 2 || !parts.every((p) => RATE.test(p))) {
        return fail(`\`${t}\` is not a rate (e.g. \`10M\`, \`512k\`, \`0-50k\`)`);
      }
      return OK;
    }
    case 'one-of': {
      if (type.types.some((alt) => validateValue(alt, t).ok)) return OK;
      return fail(`\`${t}\` is not ${type.types.map(describeType).join(' or ')}`);
    }
    case 'negatable':
      return validateValue(type.inner, t.startsWith('!') ? t.slice(1) : t);
  }
}

/** A short human description of a type, for hover and messages: "time interval (0s..1d)". */
export function describeType(type: ValueType): string {
  const range = (min: number | undefined, max: number | undefined, show: (n: number) => string): string =>
    min === undefined && max === undefined
      ? ''
      : ` (${min === undefined ? '' : show(min)}..${max === undefined ? '' : show(max)})`;
  switch (type.kind) {
    case 'unknown':
      return 'a value';
    case 'string': {
      const limits = [
        type.min !== undefined ? `min length ${type.min}` : '',
        type.max !== undefined ? `max length ${type.max}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      return `${type.hex ? 'a hexadecimal string' : 'a string'}${limits ? ` (${limits})` : ''}`;
    }
    case 'script':
      return 'a script';
    case 'enum': {
      const shown = type.values.length > 12 ? [...type.values.slice(0, 12), '...'] : type.values;
      const head = type.list ? 'a comma-separated list of' : 'one of';
      return `${head} ${shown.join(', ')}${type.open ? ' (or another name)' : ''}`;
    }
    case 'number':
      return `an integer${range(type.min, type.max, String)}`;
    case 'int-range':
      return `an integer or range N-M${range(type.min, type.max, String)}`;
    case 'time':
      return `a time interval${range(type.min, type.max, formatTime)}`;
    case 'ip':
      return 'an IPv4 address';
    case 'ip-prefix':
      return 'an IPv4 prefix';
    case 'ip-range':
      return 'an IPv4 address, range or prefix';
    case 'ipv6':
      return 'an IPv6 address';
    case 'ipv6-prefix':
      return 'an IPv6 prefix';
    case 'mac':
      return 'a MAC address';
    case 'yesno':
      return 'yes or no';
    case 'port-range':
      return 'ports or port ranges';
    case 'rate':
      return 'a rate (bits per second, k/M/G suffixes)';
    case 'one-of':
      return type.types.map(describeType).join(' or ');
    case 'negatable':
      return `${describeType(type.inner)}, optionally negated with !`;
  }
}

/** The values an enum-like type offers (for completion and did-you-mean), flattened through wrappers. */
export function enumValues(type: ValueType): string[] {
  switch (type.kind) {
    case 'enum':
      return [...type.values];
    case 'one-of':
      return type.types.flatMap(enumValues);
    case 'negatable':
      return enumValues(type.inner);
    case 'yesno':
      return ['yes', 'no'];
    default:
      return [];
  }
}
