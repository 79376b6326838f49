// RouterOS time interval syntax: unit sequences (`1w2d3h4m5s`, `200ms`, `1.5s`), clock form
// (`00:01:00`, `1d00:00:00`, `00:00:00.200`) and plain seconds (`30`). Used by value validation and by
// the generator to read range bounds such as `0s..1w4d13h46m40s`.

const UNIT_MS: Readonly<Record<string, number>> = {
  w: 7 * 86400000,
  d: 86400000,
  h: 3600000,
  m: 60000,
  s: 1000,
  ms: 1,
  us: 0.001,
  ns: 0.000001,
};

// One unit term, e.g. `3h` or `1.5s`; `ms`, `us`, `ns` must be tried before `m`, `s`.
const TERM = /(\d+(?:\.\d+)?)(ms|us|ns|w|d|h|m|s)/y;
// Trailing clock part `h:m[:s[.frac]]`, allowed after unit terms (`1d00:00:00`) or alone.
const CLOCK = /^(\d+):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?$/;

/**
 * Parses a RouterOS time interval into milliseconds, or returns undefined when the text is not one.
 * Linear in the input; never throws.
 */
export function parseTime(text: string): number | undefined {
  let s = text.trim();
  let sign = 1;
  if (s.startsWith('-')) {
    sign = -1;
    s = s.slice(1);
  }
  if (s.length === 0 || s.length > 64) return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) return sign * Number(s) * 1000;
  let total = 0;
  let pos = 0;
  TERM.lastIndex = 0;
  while (pos < s.length) {
    TERM.lastIndex = pos;
    const m = TERM.exec(s);
    if (!m || m.index !== pos) break;
    total += Number(m[1]) * UNIT_MS[m[2]];
    pos = TERM.lastIndex;
  }
  if (pos < s.length) {
    const c = CLOCK.exec(s.slice(pos));
    if (!c) return undefined;
    const frac = c[4] ? Number(`0.${c[4]}`) : 0;
    total += Number(c[1]) * 3600000 + Number(c[2]) * 60000 + (c[3] ? Number(c[3]) : 0) * 1000 + frac * 1000;
  }
  return sign * total;
}

/** Formats milliseconds the way RouterOS prints intervals (`1w4d13h46m40s`, `200ms`), for messages. */
export function formatTime(ms: number): string {
  if (ms === 0) return '0s';
  let rest = Math.abs(ms);
  let out = ms < 0 ? '-' : '';
  for (const [unit, size] of [
    ['w', UNIT_MS.w],
    ['d', UNIT_MS.d],
    ['h', UNIT_MS.h],
    ['m', UNIT_MS.m],
    ['s', UNIT_MS.s],
    ['ms', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
