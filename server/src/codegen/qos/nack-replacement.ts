// The "Replace with the NAck pattern for these addresses" quick fix: the user's public addresses in, the
// generator's NAck pattern out, in the form the value is written in (CLI string content or Winbox field).
import { parsePublicRanges, splitAddressList } from '../addresses';
import { buildNackPattern, type NackMode } from './nack-pattern';

export type NackReplacement = { ok: true; text: string; warnings: string[] } | { ok: false; error: string };

/** The NAck pattern for the addresses typed by the user (commas, spaces or semicolons between entries). */
export function nackReplacement(
  addresses: string,
  form: 'cli' | 'winbox',
  mode: NackMode = 'tolerant',
): NackReplacement {
  const set = parsePublicRanges(splitAddressList(addresses));
  if (set.errors.length > 0) return { ok: false, error: set.errors[0] };
  const p = buildNackPattern(set.ranges, mode);
  return { ok: true, text: form === 'cli' ? p.cli : p.winbox, warnings: set.warnings };
}
