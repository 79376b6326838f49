// Invariants of the Skype NAck recipe over many random option sets (seeded, so a failure reproduces):
// the script lints with no error or warning, and the pattern, run by the l7 engine with the l7-filter
// rules, matches every sampled NAck of the user's ranges and no NAck of outside addresses (when that NAck
// has no zero byte, no repeated prefix byte and is no case twin). The hard cases are counted and printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromCli, type L7Pattern } from '../../l7';
import { lintText } from '../../lint';
import {
  parsePublicRange,
  rangeBounds,
  rangeContains,
  formatIPv4,
  octetsOf,
  type PublicRange,
} from '../addresses';
import { matchesNack, nackBytes, strictCovers } from './nack-check';
import { prng } from '../../../../test/prng';
import { generateSkypeNack, type SkypeNackOptions, type SkypeNackQueue } from './skype-nack';

const SEED = 0x5c_d5_2013;
const OPTION_SETS = 80;

const lower = (b: number): number => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b);

interface Rnd {
  (): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  bytes(n: number, nonZero: boolean): number[];
}

function makeRnd(seed: number): Rnd {
  const r = prng(seed) as Rnd;
  r.int = (n) => Math.floor(r() * n);
  r.pick = (xs) => xs[r.int(xs.length)];
  r.bytes = (n, nonZero) => Array.from({ length: n }, () => (nonZero ? 1 + r.int(255) : r.int(256)));
  return r;
}

/** A random public range; sometimes with a zero octet in its fixed part. */
function randomRange(r: Rnd): string {
  for (;;) {
    const prefix = r.pick([8, 8, 12, 16, 16, 20, 22, 24, 24, 28, 32, 7, 9 + r.int(23)]);
    const o = r.bytes(4, false);
    if (prefix >= 16 && r() < 0.15) o[1 + r.int(Math.min(3, Math.floor(prefix / 8)) - 1)] = 0;
    // Bytes the regex or the brackets treat specially, and letters, deserve more than their 1/256.
    if (r() < 0.3)
      o[r.int(4)] = r.pick([0x5c, 0x7c, 0x2e, 0x24, 0x3f, 0x5d, 0x5e, 0x2d, 0x5b, 0x28, 0x7b, 0x4a, 0x7a]);
    const text = `${o.join('.')}/${prefix}`;
    if (parsePublicRange(text).ok) return text;
  }
}

function randomOptions(r: Rnd): SkypeNackOptions {
  const publicIps = Array.from({ length: 1 + r.int(4) }, () => randomRange(r));
  const queue: SkypeNackQueue | undefined = r.pick([
    undefined,
    { kind: 'tree', wanInterface: r.pick(['ether1', 'pppoe-out1', 'WAN port']), lanInterface: 'bridge' },
    { kind: 'simple', target: r.pick(['192.168.88.0/24', 'bridge', '10.0.0.5']) },
    { kind: 'none' },
  ] as const);
  return {
    publicIps,
    upload: r.pick(['512k', '2M', '20M', '2.5M', '1G']),
    download: r.pick(['4M', '100M', '16M', '10G']),
    chain: r.pick(['forward', 'prerouting'] as const),
    addressList: r.pick(['skype', 'skype peers', 'sk.y', 'voip-peers']),
    timeout: r.pick(['1h', '30m', '1d', 'none-dynamic', '00:10:00', '2w']),
    rate: r.pick(['0-200k', '10k-100k', '0-1M', '1-64000']),
    layer7Name: r.pick(['skype-nack', 'skype nack', 'nack']),
    connectionMark: r.pick(['conn_skype', 'skype conn']),
    packetMark: r.pick(['skype', 'voip', 'p q']),
    dscp: r() < 0.5 ? r.pick([46, 34, 0]) : undefined,
    queue,
    ...r.pick([{}, { inInterface: 'ether1' }, { inInterfaceList: 'WAN' }, { wanList: 'uplinks' }, {}]),
    pattern: r() < 0.5 ? 'strict' : 'tolerant',
  };
}

/** Allowed raw values of each covered octet of a range. */
function octetValues(range: PublicRange): [number, number][] {
  const out: [number, number][] = [];
  const full = Math.floor(range.prefix / 8);
  for (let i = 0; i < full; i++) out.push([range.octets[i], range.octets[i]]);
  if (range.prefix % 8 > 0)
    out.push([range.octets[full], range.octets[full] + (1 << (8 - (range.prefix % 8))) - 1]);
  return out;
}

/** An outside address that the case-folded view cannot tell from an address of the range. */
function isCaseTwin(ranges: readonly PublicRange[], address: readonly number[]): boolean {
  return ranges.some((range) =>
    octetValues(range).every(([from, to], i) => {
      for (let v = from; v <= to; v++) if (lower(v) === lower(address[i])) return true;
      return false;
    }),
  );
}

/** Lower-cased first-octet values of all ranges: the bytes a "repeated prefix byte" is made of. */
function prefixBytes(ranges: readonly PublicRange[]): Set<number> {
  const out = new Set<number>();
  for (const range of ranges) {
    const [from, to] = octetValues(range)[0];
    for (let v = from; v <= to; v++) out.add(lower(v));
  }
  return out;
}

function randomInside(r: Rnd, range: PublicRange): number {
  const { first, last } = rangeBounds(range);
  return first + r.int(last - first + 1);
}

/** A random client packet of 1..60 bytes with `insert` placed at a random position. */
function clientWith(r: Rnd, insert: readonly number[], avoid?: Set<number>): Uint8Array {
  const n = 1 + r.int(60);
  const body = r
    .bytes(n, false)
    .map((b) => (avoid !== undefined ? (avoid.has(lower(b)) || b === 0 ? 0x33 : b) : b));
  const at = r.int(body.length + 1);
  return Uint8Array.from([...body.slice(0, at), ...insert, ...body.slice(at)]);
}

interface Tally {
  tries: number;
  hits: number;
}
const tally = (): Tally => ({ tries: 0, hits: 0 });
const figures = {
  own: { tolerant: tally(), strict: tally() },
  ownWithZeros: { tolerant: tally(), strict: tally() },
  outsideClean: { tolerant: tally(), strict: tally() },
  outsideRepeatedPrefix: { tolerant: tally(), strict: tally() },
  outsideWithZeros: { tolerant: tally(), strict: tally() },
  outsideCaseTwin: { tolerant: tally(), strict: tally() },
};

test(`invariants over ${OPTION_SETS} random option sets (seed 0x${SEED.toString(16)})`, () => {
  const r = makeRnd(SEED);
  let scripts = 0;
  for (let k = 0; k < OPTION_SETS; k++) {
    const options = randomOptions(r);
    const label = JSON.stringify(options);
    const recipe = generateSkypeNack(options);
    scripts++;
    // 1. Lints clean: no error, no warning (information is fine).
    const problems = lintText(recipe.rsc).diagnostics.filter(
      (d) => d.severity === 'error' || d.severity === 'warning',
    );
    assert.deepEqual(
      problems.map((d) => `${d.code} ${d.message} at "${recipe.rsc.slice(d.start, d.end)}"`),
      [],
      label,
    );
    // The other mode too, for the figures (same ranges).
    const other = generateSkypeNack({
      ...options,
      pattern: options.pattern === 'strict' ? 'tolerant' : 'strict',
    });
    const patterns: Record<'tolerant' | 'strict', L7Pattern> = {
      tolerant: fromCli((recipe.pattern.mode === 'tolerant' ? recipe : other).pattern.cli),
      strict: fromCli((recipe.pattern.mode === 'strict' ? recipe : other).pattern.cli),
    };
    const ranges = recipe.ranges;

    // 2. Every sampled NAck of every range matches (strict: when it has no zero after the fixed octets).
    for (const range of ranges) {
      const { first, last } = rangeBounds(range);
      const samples = [first, last, ...Array.from({ length: 6 }, () => randomInside(r, range))];
      for (const a of samples) {
        const octets = octetsOf(a);
        // Zero bytes sometimes: in a free octet (if still in range) and in the 4 bytes after the address.
        if (r() < 0.3) {
          const i = 3 - r.int(4 - Math.floor(range.prefix / 8) || 1);
          const z = [...octets];
          z[i] = 0;
          if (rangeContains(range, ((z[0] << 24) | (z[1] << 16) | (z[2] << 8) | z[3]) >>> 0)) octets[i] = 0;
        }
        const tail = r() < 0.5 ? r.bytes(4, true) : r.bytes(4, false).map((b) => (r() < 0.4 ? 0 : b));
        const nack = nackBytes(octets, tail, r.bytes(3, false));
        const client = clientWith(r, octets);
        for (const mode of ['tolerant', 'strict'] as const) {
          const must = mode === 'tolerant' || strictCovers(range, nack);
          for (const [layout, c] of [
            ['alone', undefined],
            ['after-client', client],
          ] as const) {
            const hit = matchesNack(patterns[mode], nack, layout, c);
            const where = `${mode} ${recipe.pattern.mode === mode ? recipe.pattern.cli : other.pattern.cli} ${formatIPv4(a)} ${range.cidr} ${layout} nack ${Buffer.from(nack).toString('hex')}`;
            if (must) assert.ok(hit, `misses own NAck: ${where}`);
            const zeros = !strictCovers(range, nack);
            const t = figures[zeros ? 'ownWithZeros' : 'own'][mode];
            t.tries++;
            if (hit) t.hits++;
          }
        }
      }
    }

    // 3. No NAck of an outside address matches when it has no zero byte, no repeated prefix byte and is no
    //    case twin; range-edge neighbours included. The other cases are only counted.
    const firstBytes = prefixBytes(ranges);
    const outside: number[] = [];
    for (const range of ranges) {
      const { first, last } = rangeBounds(range);
      if (first > 0) outside.push(first - 1);
      if (last < 0xffffffff) outside.push(last + 1);
      // Same prefix but one bit flipped inside it: the nearest wrong addresses.
      const bit = 31 - r.int(range.prefix);
      outside.push((randomInside(r, range) ^ (1 << bit)) >>> 0);
    }
    for (let i = 0; i < 8; i++) outside.push(r.int(0x100000000));
    for (const a of outside) {
      if (ranges.some((range) => rangeContains(range, a))) continue;
      const octets = octetsOf(a);
      const twin = isCaseTwin(ranges, octets);
      for (const withZeros of [false, true]) {
        const tail = withZeros ? r.bytes(4, false).map((b) => (r() < 0.5 ? 0 : b)) : r.bytes(4, true);
        const nack = nackBytes(octets, tail, r.bytes(3, true));
        const hasZero = nack.slice(3).includes(0);
        const repeated = [...nack.slice(4)].some((b) => firstBytes.has(lower(b)));
        const kind = twin
          ? 'outsideCaseTwin'
          : hasZero
            ? 'outsideWithZeros'
            : repeated
              ? 'outsideRepeatedPrefix'
              : 'outsideClean';
        const client = clientWith(r, [], firstBytes);
        for (const mode of ['tolerant', 'strict'] as const) {
          for (const [layout, c] of [
            ['alone', undefined],
            ['after-client', client],
          ] as const) {
            const hit = matchesNack(patterns[mode], nack, layout, c);
            if (kind === 'outsideClean') {
              assert.ok(
                !hit,
                `false match: ${mode} ${formatIPv4(a)} ${layout} nack ${Buffer.from(nack).toString('hex')} ranges ${ranges.map((x) => x.cidr).join(',')}`,
              );
            }
            figures[kind][mode].tries++;
            if (hit) figures[kind][mode].hits++;
          }
        }
      }
    }
  }
  assert.equal(scripts, OPTION_SETS);
  // The invariant parts above must have had something to check.
  assert.ok(figures.own.tolerant.tries > 1000 && figures.outsideClean.tolerant.tries > 500);
  assert.equal(figures.own.tolerant.hits, figures.own.tolerant.tries);
  assert.equal(figures.ownWithZeros.tolerant.hits, figures.ownWithZeros.tolerant.tries);
  assert.equal(figures.outsideClean.strict.hits, 0);

  const pct = (t: Tally): string =>
    t.tries === 0 ? '-' : `${((100 * t.hits) / t.tries).toFixed(1)}% of ${t.tries}`;
  const rows: [string, keyof typeof figures][] = [
    ['own NAck, no zero after prefix (must match)', 'own'],
    ['own NAck with zero bytes', 'ownWithZeros'],
    ['outside, clean (must not match)', 'outsideClean'],
    ['outside, repeated prefix byte', 'outsideRepeatedPrefix'],
    ['outside, zero bytes', 'outsideWithZeros'],
    ['outside, case twin (letters)', 'outsideCaseTwin'],
  ];
  const w = Math.max(...rows.map(([l]) => l.length));
  console.log(`\nSkype NAck pattern, ${OPTION_SETS} random option sets, matched connections:`);
  console.log(`  ${'case'.padEnd(w)}  ${'tolerant'.padEnd(18)}  strict`);
  for (const [l, key] of rows)
    console.log(`  ${l.padEnd(w)}  ${pct(figures[key].tolerant).padEnd(18)}  ${pct(figures[key].strict)}`);
});
