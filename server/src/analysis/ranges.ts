// Reads the numeric range matchers of firewall rules: `connection-rate=From-To` (bits per second, with
// k/M/G suffixes), `connection-bytes=From-To` (a To of 0 means "no upper limit", as the manual says) and
// `packet-size=Min[-Max]` (0..65535, the whole IP packet). Used by RSC4007 and by the flow view.

export type RangeMatcher = 'connection-rate' | 'connection-bytes' | 'packet-size';

export const RANGE_MATCHERS: readonly RangeMatcher[] = ['connection-rate', 'connection-bytes', 'packet-size'];

export type RangeReading =
  | { ok: true; from: number; to: number | undefined; unbounded: boolean }
  | { ok: false; problem: 'malformed' | 'inverted' | 'out-of-range'; detail: string };

const MAX: Readonly<Record<RangeMatcher, number>> = {
  'connection-rate': 4294967295,
  'connection-bytes': Number.MAX_SAFE_INTEGER,
  'packet-size': 65535,
};

const UNITS: Readonly<Record<string, number>> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9 };

function readNumber(kind: RangeMatcher, s: string): number | string {
  const m = /^(\d+)([A-Za-z]*)$/.exec(s);
  if (!m) return s === '' ? 'a bound is missing' : `\`${s}\` is not a number`;
  const unit = m[2];
  if (unit !== '' && kind === 'packet-size') return `\`${s}\`: packet-size takes plain byte counts, no unit`;
  const mult = UNITS[unit];
  if (mult === undefined) return `\`${unit}\` is not a unit RouterOS knows (use k, M or G)`;
  return Number(m[1]) * mult;
}

/** Reads a literal range value (without its `!`). Never throws. */
export function readRange(kind: RangeMatcher, text: string): RangeReading {
  const parts = text.split('-');
  if (parts.length > 2)
    return { ok: false, problem: 'malformed', detail: `\`${text}\` has more than one \`-\`` };
  if (parts.length === 1 && kind !== 'packet-size') {
    // The manual writes these two as From-To; a lone number is not documented, so it is read but not judged.
    const n = readNumber(kind, parts[0]);
    if (typeof n === 'string') return { ok: false, problem: 'malformed', detail: n };
    return { ok: true, from: n, to: undefined, unbounded: false };
  }
  const from = readNumber(kind, parts[0]);
  if (typeof from === 'string') return { ok: false, problem: 'malformed', detail: from };
  if (parts.length === 1) {
    if (from > MAX[kind])
      return { ok: false, problem: 'out-of-range', detail: `${from} is above ${MAX[kind]}` };
    return { ok: true, from, to: from, unbounded: false };
  }
  const to = readNumber(kind, parts[1]);
  if (typeof to === 'string') return { ok: false, problem: 'malformed', detail: to };
  for (const v of [from, to]) {
    if (v > MAX[kind]) return { ok: false, problem: 'out-of-range', detail: `${v} is above ${MAX[kind]}` };
  }
  if (kind === 'connection-bytes' && to === 0) return { ok: true, from, to: undefined, unbounded: true };
  if (from > to) {
    return {
      ok: false,
      problem: 'inverted',
      detail: `the lower bound ${parts[0]} is above the upper bound ${parts[1]}`,
    };
  }
  return { ok: true, from, to, unbounded: false };
}
