// Builds the layer-7 pattern that finds a Skype NAck carrying one of the user's public address ranges:
// each range becomes a byte prefix (one byte per fixed octet, a class for a partly fixed one), followed by
// the bytes that may stand between it and the end of the NAck, anchored at the end of the data (`$`).
import { fromWinbox, MAX_GROUPS, winboxToCli } from '../../l7';
import type { PublicRange } from '../addresses';

/*
 * Why the pattern looks the way it does (l7-filter semantics, see server/src/l7/):
 * - The NAck is the peer's reply in a connection the client opened, so the client's first packet may or may
 *   not precede it in the matcher's buffer. When the 39-byte rule examines the NAck, its payload is the end
 *   of the buffer, so the pattern is anchored there: the address sits 8 bytes before the end (payload offset
 *   3 of 11), followed by the rest of the address and 4 more bytes.
 * - The matcher removes every zero byte from the data. A zero octet after the fixed part of the address, or
 *   a zero among the 4 bytes after it, makes the distance to the end shorter. The tolerant form allows each
 *   of those bytes to be missing (`.?`); the strict form counts them exactly (`.`).
 * - A zero octet inside the fixed part is never in the data: it simply drops out of the prefix (and the
 *   range cannot be matched exactly; addresses.ts warns).
 * - The data is lower-cased (ASCII) and so is the pattern: a byte that is a letter matches both cases.
 *   Classes are therefore built from the lower-cased set of data bytes, so the pattern's own lower-casing
 *   leaves them unchanged.
 * - The kernel regex library has no `{n,m}`: repetition is spelled out.
 */

export type NackMode = 'tolerant' | 'strict';

/** One byte position of the prefix. */
export interface NackMatcher {
  /** Address octet (0..3) this position stands for. */
  octetIndex: number;
  /** Data bytes accepted here, as the matcher sees them (lower-cased), ascending. */
  bytes: number[];
  /** The octet value when the position is one fixed octet (written as such, e.g. \x4a for 74). */
  octet?: number;
  /** Raw octet values the range allows here (first..last). */
  from: number;
  to: number;
  /** True when the octet may be 0 in the range (then it can vanish from the data). */
  mayBeZero: boolean;
}

/** The part of the pattern for one range. */
export interface NackAlternative {
  range: PublicRange;
  matchers: NackMatcher[];
  /** Fixed octets that are 0: they never reach the matcher and are left out of the prefix. */
  droppedZeroOctets: number[];
  /** NAck bytes after the last matched octet: the rest of the address and the 4 trailing bytes. */
  free: number;
}

export interface NackPattern {
  mode: NackMode;
  alternatives: NackAlternative[];
  /** The regex as typed in Winbox (single backslashes). */
  winbox: string;
  /** The same as the content of regexp="..." in a .rsc file. */
  cli: string;
}

/** Builds the pattern text from the alternatives; replaceable in tests to prove the self-check can fail. */
export type PatternBuilder = (alternatives: NackAlternative[], mode: NackMode) => string;

const lower = (b: number): number => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b);
const hex2 = (b: number): string => b.toString(16).padStart(2, '0');

/** Bytes that mean something to the regex outside brackets (plus `{` `}`, which the linter treats alike). */
const REGEX_META = new Set([...'\\.|[]()*+?^${}'].map((c) => c.charCodeAt(0)));

/**
 * One literal byte in Winbox regex form: a metacharacter escaped with a backslash (`\.`, `\\`, `\|`), any
 * other byte as `\xHH`. (A `\xHH` of a metacharacter would become the metacharacter itself: the matcher
 * turns escapes into bytes before compiling.)
 */
export function regexByte(b: number): string {
  return REGEX_META.has(b) ? '\\' + String.fromCharCode(b) : '\\x' + hex2(b);
}

/** Bytes that are special inside brackets when they stand at the wrong place: `]`, `^`, `-`. */
const CLASS_SPECIAL = new Set([0x5d, 0x5e, 0x2d]);

/**
 * A bracket expression for a set of (non-zero, lower-case) bytes. Runs become `\xHH-\xHH` ranges; the
 * bytes `]`, `^` and `-` are kept off range ends and placed where brackets take them literally (`]` first,
 * `^` not first, `-` last), because the matcher turns `\x5d` into `]` before the regex sees it.
 */
export function regexClass(bytes: readonly number[]): string {
  const set = new Set(bytes);
  const specials: number[] = [];
  const runs: [number, number][] = [];
  let b = 1;
  while (b <= 0xff) {
    if (!set.has(b)) {
      b++;
      continue;
    }
    let from = b;
    let to = b;
    while (to + 1 <= 0xff && set.has(to + 1)) to++;
    b = to + 1;
    // Peel specials off the ends; inside a range they need no care.
    while (from <= to && CLASS_SPECIAL.has(from)) specials.push(from++);
    while (to >= from && CLASS_SPECIAL.has(to)) specials.push(to--);
    if (from <= to) runs.push([from, to]);
  }
  const item = ([from, to]: [number, number]): string => {
    // A "|" listed on its own in brackets is what people write when they mean "or" (RSC3003); as the end
    // of a range (even "|-|") it is plainly a byte value.
    const pipe = from === 0x7c || to === 0x7c;
    if (from === to && !pipe) return '\\x' + hex2(from);
    if (to === from + 1 && !pipe) return `\\x${hex2(from)}\\x${hex2(to)}`;
    return `\\x${hex2(from)}-\\x${hex2(to)}`;
  };
  let body = specials.includes(0x5d) ? ']' : '';
  body += runs.map(item).join('');
  if (specials.includes(0x5e)) {
    // `^` first would negate the class; `[-^]` reads both literally.
    body = body === '' ? (specials.includes(0x2d) ? '-^' : '^') : body + '^';
  }
  if (specials.includes(0x2d) && !body.startsWith('-')) body += '-';
  return `[${body}]`;
}

/** The regex text of one prefix position. */
export function matcherText(m: NackMatcher): string {
  if (m.octet !== undefined) return regexByte(m.octet);
  if (m.bytes.length === 1) return regexByte(m.bytes[0]);
  return regexClass(m.bytes);
}

/** Splits a range into its prefix positions and the number of free bytes after them. */
export function nackAlternative(range: PublicRange): NackAlternative {
  const full = Math.floor(range.prefix / 8);
  const partialBits = range.prefix % 8;
  const matchers: NackMatcher[] = [];
  const droppedZeroOctets: number[] = [];
  for (let i = 0; i < full; i++) {
    const o = range.octets[i];
    if (o === 0) {
      droppedZeroOctets.push(i);
      continue;
    }
    matchers.push({ octetIndex: i, bytes: [lower(o)], octet: o, from: o, to: o, mayBeZero: false });
  }
  let covered = full;
  if (partialBits > 0) {
    const from = range.octets[full];
    const to = from + (1 << (8 - partialBits)) - 1;
    const set = new Set<number>();
    // Zero never reaches the matcher: an address with this octet 0 just lacks the byte (see `mayBeZero`).
    for (let b = Math.max(from, 1); b <= to; b++) set.add(lower(b));
    matchers.push({
      octetIndex: full,
      bytes: [...set].sort((x, y) => x - y),
      from,
      to,
      mayBeZero: from === 0,
    });
    covered++;
  }
  return { range, matchers, droppedZeroOctets, free: 8 - covered };
}

/**
 * The text of one alternative's prefix (its matchers; a partial octet that may be 0 is optional).
 * `followedBy` is what comes right after it in the same sequence ('' when it ends an alternative).
 */
function headText(a: NackAlternative, mode: NackMode, followedBy: string, groupBackslash: boolean): string {
  const parts = a.matchers.map(
    (m) => matcherText(m) + (mode === 'tolerant' && m.mayBeZero && m.octet === undefined ? '?' : ''),
  );
  if (groupBackslash) {
    // A backslash byte (regex `\\`) right before `.` or a class is what a CLI pattern escaped twice looks
    // like (`\\\\.` meant as `\\.`), and the linter says so (RSC3010). Parentheses make the intent plain
    // without changing what matches. Before another byte or `.?` nothing is ambiguous.
    parts.forEach((text, k) => {
      const next = k + 1 < parts.length ? parts[k + 1] : followedBy;
      const ambiguous = next.startsWith('.')
        ? !next.startsWith('.?')
        : next.startsWith('[') && !next.endsWith('?');
      if (text === '\\\\' && ambiguous) parts[k] = '(\\\\)';
    });
  }
  return parts.join('');
}

function tailText(a: NackAlternative, mode: NackMode): string {
  return (mode === 'strict' ? '.' : '.?').repeat(a.free);
}

/**
 * The default builder. One range: `PREFIX TAIL $`. Several ranges with the same tail: `(P1|P2) TAIL $`.
 * Otherwise each alternative carries its own tail: `(P1 T1|P2 T2)$`. One group, plus `(\\)` around a
 * backslash byte where it would look escaped twice, as long as the kernel library's nine groups suffice.
 */
export const buildPatternText: PatternBuilder = (alternatives, mode) => {
  const build = (groupBackslash: boolean): string => {
    // Identical alternatives (same prefix and tail) are written once.
    const alts: NackAlternative[] = [];
    const keys = new Set<string>();
    for (const a of alternatives) {
      const key = headText(a, mode, '', false) + '/' + tailText(a, mode);
      if (!keys.has(key)) {
        keys.add(key);
        alts.push(a);
      }
    }
    const tails = alts.map((a) => tailText(a, mode));
    if (alts.length === 1) return headText(alts[0], mode, tails[0], groupBackslash) + tails[0] + '$';
    if (tails.every((t) => t === tails[0])) {
      return `(${alts.map((a) => headText(a, mode, '', groupBackslash)).join('|')})${tails[0]}$`;
    }
    return `(${alts.map((a, k) => headText(a, mode, tails[k], groupBackslash) + tails[k]).join('|')})$`;
  };
  const grouped = build(true);
  // The kernel library takes at most nine groups; the extra parentheses are only for the reader.
  return fromWinbox(grouped).regex.groupCount <= MAX_GROUPS ? grouped : build(false);
};

/** The pattern for the given ranges (validated already). */
export function buildNackPattern(
  ranges: readonly PublicRange[],
  mode: NackMode,
  builder: PatternBuilder = buildPatternText,
): NackPattern {
  const alternatives = ranges.map(nackAlternative);
  const winbox = builder(alternatives, mode);
  return { mode, alternatives, winbox, cli: winboxToCli(winbox) };
}

/**
 * Raw octet values outside a position's own values that the matcher cannot tell apart from them, because
 * matching ignores ASCII case (e.g. 74, "J", also accepts 106, "j").
 */
export function caseTwins(m: NackMatcher): number[] {
  const accepted = new Set(m.bytes);
  const twins: number[] = [];
  for (let b = 1; b <= 0xff; b++) {
    if (b >= m.from && b <= m.to) continue;
    if (accepted.has(lower(b))) twins.push(b);
  }
  return twins;
}
