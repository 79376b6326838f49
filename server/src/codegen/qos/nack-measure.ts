// The generator's measurement of how often a NAck pattern matches what it should not: random 11-byte
// payloads and NAcks that carry some other public address, each alone in the layer-7 buffer (as the
// 39-byte detection rule examines it). Deterministic (seeded), so the same options give the same script.
// Issue 20: the tolerant form for 92.0.0.0/8 + 213.0.0.0/8 matched 5.3% of random payloads.
import { fromCli } from '../../l7';
import { rangeContains, octetsOf, type PublicRange } from '../addresses';
import { matchesNack, NACK_HEAD } from './nack-check';
import { prng } from '../../text/prng';

/** Above this false-match rate (of random payloads and foreign NAcks together) the strict form is used. */
export const MAX_FALSE_MATCH_RATE = 0.01;

/** Samples of each kind; 1,000 puts one false match in 1,000 at 0.1%. */
export const MEASURE_SAMPLES = 1000;

export interface FalseMatchRate {
  /** Random 11-byte payloads that matched, of `samples`. */
  random: number;
  /** NAcks for an address outside the user's ranges that matched, of `samples`. */
  foreign: number;
  samples: number;
  /** (random + foreign) / (2 * samples). */
  rate: number;
}

/** Runs the pattern (CLI form) over the seeded samples. */
export function measureFalseMatches(
  cli: string,
  ranges: readonly PublicRange[],
  samples = MEASURE_SAMPLES,
  seed = 0x5eed2020,
): FalseMatchRate {
  const pattern = fromCli(cli);
  // A pattern that does not compile matches nothing; the self-check refuses it with the reason.
  if (pattern.errors.length > 0 || pattern.stringErrors.some((e) => e.severity === 'error'))
    return { random: 0, foreign: 0, samples, rate: 0 };
  const next = prng(seed);
  const byte = (): number => Math.floor(next() * 256);
  let random = 0;
  let foreign = 0;
  for (let i = 0; i < samples; i++) {
    const payload = Uint8Array.from({ length: 11 }, byte);
    if (matchesNack(pattern, payload, 'alone')) random++;
  }
  for (let i = 0; i < samples; i++) {
    let address = 0;
    // An address none of the user's ranges holds (their NAcks must match: that is the self-check's job).
    do address = Math.floor(next() * 4294967296) >>> 0;
    while (ranges.some((r) => rangeContains(r, address)));
    const payload = Uint8Array.from([...NACK_HEAD, ...octetsOf(address), byte(), byte(), byte(), byte()]);
    if (matchesNack(pattern, payload, 'alone')) foreign++;
  }
  return { random, foreign, samples, rate: (random + foreign) / (2 * samples) };
}

/** "5.3% of random payloads, 4.1% of foreign NAcks". */
export function describeRate(r: FalseMatchRate): string {
  const pct = (n: number): string => `${((100 * n) / r.samples).toFixed(1)}%`;
  return `${pct(r.random)} of ${r.samples} random payloads, ${pct(r.foreign)} of ${r.samples} NAcks for other addresses`;
}
