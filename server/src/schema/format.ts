// The compact text encoding of the merged command tree shared by the generator and the decoder: version
// sets written as runs of version indices (`0-3,6-`). docs/schema.md describes the whole format.

import type { VersionSet } from './types';

/** Format version of SCHEMA_DATA; the decoder refuses anything else (2: `!` package marks). */
export const FORMAT_VERSION = 2;

/**
 * Writes a version set as comma-separated runs of indices: `a`, `a-b`, or `a-` when the run reaches the
 * newest version (`count - 1`), so data stays short and a new version appended later keeps its meaning.
 */
export function encodeVersionSet(set: VersionSet, count: number): string {
  const runs: string[] = [];
  let i = 0;
  while (i < count) {
    if (((set >>> i) & 1) === 0) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < count && ((set >>> (j + 1)) & 1) === 1) j++;
    if (j === count - 1 && j !== i) runs.push(`${i}-`);
    else if (j === i) runs.push(String(i));
    else runs.push(`${i}-${j}`);
    i = j + 1;
  }
  return runs.join(',');
}

/** Reads what encodeVersionSet wrote. Malformed runs are skipped (the data is generated, never typed). */
export function decodeVersionSet(text: string, count: number): VersionSet {
  let set = 0;
  for (const run of text.split(',')) {
    const dash = run.indexOf('-');
    const from = parseInt(dash < 0 ? run : run.slice(0, dash), 10);
    const to = dash < 0 ? from : dash === run.length - 1 ? count - 1 : parseInt(run.slice(dash + 1), 10);
    if (!Number.isFinite(from) || !Number.isFinite(to)) continue;
    for (let k = from; k <= to && k < 31; k++) set |= 1 << k;
  }
  return set;
}

/** All versions 0..count-1. */
export function fullSet(count: number): VersionSet {
  return count >= 31 ? 0x7fffffff : (1 << count) - 1;
}
