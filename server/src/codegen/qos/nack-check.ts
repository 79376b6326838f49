// The generator's check of its own output: the pattern, decoded from its CLI form exactly as RouterOS
// would, is run by the layer-7 engine (l7/) over synthetic Skype NAcks for every configured range (edges
// and samples, both buffer layouts, with and without zero bytes). A miss is an internal error: the
// generator refuses to print a pattern that would not detect one of the user's own NAcks.
import { fromCli, fromWinbox, runConnection, type L7Pattern } from '../../l7';
import { formatIPv4, octetsOf, rangeBounds, type PublicRange } from '../addresses';
import type { NackMode } from './nack-pattern';

/** How the NAck reaches the matcher: alone, or after the client's first packet of the connection. */
export type NackLayout = 'alone' | 'after-client';

/** The payload head the talk shows before the address (any non-zero bytes would do). */
export const NACK_HEAD: readonly number[] = [0x4f, 0x27, 0x02];

/** The 4 bytes after the address: one set without zeros and the zero patterns worth trying. */
export const NACK_TAILS: readonly (readonly number[])[] = [
  [0x13, 0x6a, 0x2e, 0x91],
  [0x00, 0x00, 0x00, 0x00],
  [0x13, 0x00, 0x2e, 0x00],
  [0x00, 0x6a, 0x2e, 0x91],
  [0x13, 0x6a, 0x2e, 0x00],
];

/** The 11-byte NAck payload: 3 bytes, the public address, 4 bytes. */
export function nackBytes(
  address: readonly number[],
  tail: readonly number[] = NACK_TAILS[0],
  head: readonly number[] = NACK_HEAD,
): Uint8Array {
  return Uint8Array.from([...head, ...address, ...tail]);
}

/**
 * A client packet that opens the exchange and, like a real one, may carry the address too (early enough
 * that a pattern anchored at the end does not find it there).
 */
export function clientPacket(address: readonly number[]): Uint8Array {
  return Uint8Array.from([
    0x9c,
    0x11,
    0x02,
    ...address,
    0x7d,
    0x41,
    0xe2,
    0x05,
    0x33,
    0x71,
    0x08,
    0xa0,
    0x3c,
    0x0b,
    0x55,
  ]);
}

/**
 * Whether the strict form promises to match this NAck: it counts bytes exactly, so it needs every byte
 * after the fully fixed octets (the rest of the address and the 4 trailing bytes) to be non-zero. Decided
 * from the range alone, not from the pattern, so a faulty pattern builder cannot bend the check.
 */
export function strictCovers(range: PublicRange, payload: Uint8Array): boolean {
  const fullOctets = Math.floor(range.prefix / 8);
  for (let i = 3 + fullOctets; i < 11; i++) if (payload[i] === 0) return false;
  return true;
}

/** Whether a pattern (of the given mode) must match this NAck of one of the user's addresses. */
export function mustMatch(mode: NackMode, range: PublicRange, payload: Uint8Array): boolean {
  return mode === 'tolerant' || strictCovers(range, payload);
}

/**
 * Runs one connection through the engine and says whether it is classified when the NAck is examined
 * (a match on the client packet sticks, so the 39-byte rule fires on the NAck then as well).
 */
export function matchesNack(
  pattern: L7Pattern,
  nack: Uint8Array,
  layout: NackLayout,
  client?: Uint8Array,
): boolean {
  const packets =
    layout === 'alone'
      ? [{ payload: nack, direction: 'reply' as const }]
      : [
          { payload: client ?? clientPacket([]), direction: 'orig' as const },
          { payload: nack, direction: 'reply' as const },
        ];
  const r = runConnection(pattern, packets);
  return r.verdicts[r.verdicts.length - 1].matched;
}

/**
 * Addresses to try for a range: its edges and their neighbours inside, the middle, one address for every
 * value of a partly fixed octet, and each of those with every free octet set to 0 (when still in range).
 */
export function sampleAddresses(range: PublicRange): number[] {
  const { first, last } = rangeBounds(range);
  const out = new Set<number>([first, last, first + Math.floor((last - first) / 2)]);
  if (last - first >= 2) {
    out.add(first + 1);
    out.add(last - 1);
  }
  const fullOctets = Math.floor(range.prefix / 8);
  const partialBits = range.prefix % 8;
  // Zero variants of the edges and the middle: each free octet set to 0 (when still in range).
  for (const a of [...out]) {
    const o = octetsOf(a);
    for (let i = fullOctets; i < 4; i++) {
      const z = [...o];
      z[i] = 0;
      const v = ((z[0] << 24) | (z[1] << 16) | (z[2] << 8) | z[3]) >>> 0;
      if (v >= first && v <= last) out.add(v);
    }
  }
  if (partialBits > 0) {
    // Every value of the partly fixed octet (0 included when the range has it), with the free octets after
    // it set to a non-zero filler.
    const base = octetsOf(first);
    const values = 1 << (8 - partialBits);
    for (let v = 0; v < values; v++) {
      const o = [...base];
      o[fullOctets] = base[fullOctets] + v;
      for (let i = fullOctets + 1; i < 4; i++) o[i] = 0x37 + i;
      out.add(((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]) >>> 0);
    }
  }
  return [...out].sort((x, y) => x - y);
}

export interface NackCheckReport {
  /** NAck connections run (samples x tails x 3 layouts: alone, after a client packet with and without the address). */
  connections: number;
  /** Of those, the ones the pattern had to match (all of them in tolerant mode). */
  required: number;
  /** Required ones it matched (equal to `required`, or the check throws). */
  matched: number;
  /** Strict mode: NAcks of the user's addresses it misses as documented (zero bytes after the prefix). */
  expectedMisses: number;
  /** Addresses sampled, over all ranges. */
  addresses: number;
}

/** Thrown when the generated pattern would miss one of the user's NAcks (or does not compile). */
export class NackSelfCheckError extends Error {
  constructor(message: string) {
    super(`internal error: ${message}; refusing to print this pattern (please report it)`);
    this.name = 'NackSelfCheckError';
  }
}

const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

/**
 * Checks the pattern (CLI form, as it will stand in the script) against the NAcks of every range. Throws
 * NackSelfCheckError on the first NAck it must match and does not, or when the pattern does not compile,
 * uses syntax the kernel matcher lacks, or reads differently in its Winbox form.
 */
export function checkNackPattern(
  cli: string,
  winbox: string,
  ranges: readonly PublicRange[],
  mode: NackMode,
): NackCheckReport {
  const pattern = fromCli(cli);
  if (pattern.stringErrors.some((e) => e.severity === 'error') || pattern.errors.length > 0) {
    const why = [...pattern.stringErrors.map((e) => e.message), ...pattern.errors.map((e) => e.message)];
    throw new NackSelfCheckError(`the generated pattern "${cli}" does not compile (${why.join('; ')})`);
  }
  if (pattern.unsupported.length > 0 || pattern.truncated !== null) {
    throw new NackSelfCheckError(
      `the generated pattern "${cli}" uses syntax the kernel matcher does not support`,
    );
  }
  if (fromWinbox(winbox).engine !== pattern.engine) {
    throw new NackSelfCheckError(
      `the CLI form "${cli}" and the Winbox form "${winbox}" of the pattern differ`,
    );
  }
  const report: NackCheckReport = {
    connections: 0,
    required: 0,
    matched: 0,
    expectedMisses: 0,
    addresses: 0,
  };
  for (const range of ranges) {
    for (const address of sampleAddresses(range)) {
      report.addresses++;
      const octets = octetsOf(address);
      for (const tail of NACK_TAILS) {
        const nack = nackBytes(octets, tail);
        // Alone; after a client packet that carries the address; after one that carries 0.0.0.0, as the
        // client's first packet does (the thread), whose zeros the matcher deletes.
        for (const [layout, client] of [
          ['alone', undefined],
          ['after-client', clientPacket(octets)],
          ['after-client', clientPacket([0, 0, 0, 0])],
        ] as const) {
          report.connections++;
          const hit = matchesNack(pattern, nack, layout, client);
          if (!mustMatch(mode, range, nack)) {
            if (!hit) report.expectedMisses++;
            continue;
          }
          report.required++;
          if (!hit) {
            throw new NackSelfCheckError(
              `the generated pattern "${cli}" does not match the NAck for ${formatIPv4(address)} ` +
                `(${range.cidr}; payload ${hex(nack)}, ${layout === 'alone' ? 'NAck alone in the buffer' : 'after the client packet'})`,
            );
          }
          report.matched++;
        }
      }
    }
  }
  return report;
}
