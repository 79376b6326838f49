// The Skype NAck recipe's options: their types and defaults, the recipe's result type, and the check
// that turns the user's options into complete, valid ones (every problem named). Pure, like the recipe.
// time.ts directly, not the schema index: the VS Code client bundles this file and needs no command tree.
import { parseTime } from '../../schema/time';
import { encodeStringContent } from '../../syntax/strings';
import { parsePublicRanges, type PublicRange } from '../addresses';
import type { NackMode, PatternBuilder } from './nack-pattern';
import type { NackCheckReport } from './nack-check';
import type { FalseMatchRate } from './nack-measure';

export type SkypeNackChain = 'forward' | 'prerouting';
export type SkypeNackForm = 'rsc' | 'winbox';
/** `auto` (default): tolerant unless its measured false-match rate is above 1%, then strict. */
export type SkypeNackPatternChoice = 'auto' | 'tolerant' | 'strict';

/**
 * The queues. `tree` (default): per direction a parent on an interface (upload on the WAN interface,
 * download on the LAN interface) with max-limit 90% of the line rate, a Skype child and a default child.
 * `simple`: the same as simple queues for a target. `none`: only the detection and the marks.
 */
export type SkypeNackQueue =
  | { kind: 'tree'; wanInterface?: string; lanInterface?: string; name?: string }
  | { kind: 'simple'; target: string; name?: string }
  | { kind: 'none' };

/**
 * Options of `generateSkypeNack`, the recipe's public API (the CLI, the VS Code command and tests call
 * it): `{ publicIps: ['213.45.67.89/32'], upload: '20M', download: '100M' }` is a complete call.
 */
export interface SkypeNackOptions {
  /** Public IPv4 addresses and/or CIDR ranges the NAck may carry (at least one). */
  publicIps: readonly string[];
  /** Line rates, bits per second with k/M/G (`20M`): required unless `queue` is `{ kind: 'none' }`. */
  upload?: string;
  download?: string;
  /** `forward` (default) or `prerouting` (border routers; the detection rule is repeated in postrouting). */
  chain?: SkypeNackChain;
  /** Address list the detected peers go to (default `skype`). */
  addressList?: string;
  /** How long a peer stays on the list after its last NAck (default `1h`). */
  timeout?: string;
  /** connection-rate range that counts as a call rather than a file transfer (default `0-200k`). */
  rate?: string;
  /** Name of the layer7-protocol entry (default `skype-nack`). */
  layer7Name?: string;
  /** Connection mark (default `conn_skype`) and packet mark (default `skype`), as in the forum thread. */
  connectionMark?: string;
  packetMark?: string;
  /** When set, a change-dscp rule gives the marked packets this DSCP (46 = EF, expedited forwarding). */
  dscp?: number;
  /** The queues (default: the two-direction queue tree on ether1 / bridge). */
  queue?: SkypeNackQueue;
  /** The interface list NAcks must arrive on (default `WAN`, as in RouterOS's default configuration). */
  wanList?: string;
  /** Old name of `wanList`, still accepted. */
  inInterfaceList?: string;
  /** A single WAN interface instead of the list (the detection then names it). */
  inInterface?: string;
  /** `auto` (default) measures; `tolerant` / `strict` force a form. `strict: true` is `pattern: 'strict'`. */
  pattern?: SkypeNackPatternChoice;
  strict?: boolean;
  /** RouterOS version: `7` / `7.x` / `latest` (default) or `6` (no none-dynamic timeouts). */
  target?: string;
  /** `rsc` (default): a .rsc script; `winbox`: the values to type into Winbox. */
  form?: SkypeNackForm;
  /** Shown in the header, e.g. the command line that made the script. */
  generatedBy?: string;
  /**
   * The router's configuration (an /export) the script will be appended to. When one of its mangle rules
   * would hide the recipe's rules (RSC4011), they get `place-before` that rule (found by its comment), or
   * a warning names its line.
   */
  existing?: string;
}

export const SKYPE_NACK_DEFAULTS = {
  chain: 'forward',
  addressList: 'skype',
  timeout: '1h',
  // Why 200k: Connection Rate counts both directions of a connection, IP and UDP headers included, and
  // is recomputed every second without averaging (manual, "Connection Rate"). A voice call sends about
  // 50 packets/s each way; 28 bytes of IP+UDP header are 11.2 kbit/s per direction before any audio,
  // and SILK, Skype's voice codec, uses up to 40 kbit/s (IETF draft-vos-silk): about 2 x 51 = 102 kbit/s
  // for the connection, with room for the codec's peaks and forward error correction. 50k (the thread)
  // is below one call; video (300k and more) is not covered because a file transfer looks the same.
  rate: '0-200k',
  layer7Name: 'skype-nack',
  connectionMark: 'conn_skype',
  packetMark: 'skype',
  queueName: 'skype',
  wanList: 'WAN',
  // RouterOS's default configuration: ether1 is the WAN port, the LAN ports are in "bridge".
  wanInterface: 'ether1',
  lanInterface: 'bridge',
  dscp: 46,
  /** The comment RouterOS's default configuration gives its fasttrack rule. */
  fasttrackComment: 'defconf: fasttrack',
  /** Parent queues get this share of the line rate, so the queue forms here, not in the modem. */
  lineShare: 0.9,
} as const;

/** The trade-off between the two pattern forms, in words (for help texts and UI). */
export const TRADE_OFF = {
  tolerant:
    'tolerant: allows for zero bytes the layer-7 matcher deletes (a zero octet in the address or ' +
    'in the 4 bytes after it). Never misses a NAck for your addresses; also matches a NAck for ' +
    'another address whose later bytes repeat your prefix byte, which for a /8 is several percent.',
  strict:
    'strict: exact length. Far fewer false matches, but misses your NAcks that ' +
    'have a zero byte (e.g. an address ending in .0, or zeros after it).',
  auto:
    'auto (default): the generator measures both forms over random payloads and NAcks for other ' +
    'addresses and uses strict when the tolerant one matches more than 1% of them.',
} as const;

/** One generated command: the menu, why it is there (comment lines), and its arguments in order. */
export interface RecipeRule {
  menu: string;
  explain: string[];
  props: [string, string][];
  /** `add` (default) or `set` on the items `find` selects (e.g. the default fasttrack rule by comment). */
  command?: 'add' | 'set';
  find?: [string, string][];
}

export interface SkypeNackRecipe {
  /** The output in the requested form. */
  text: string;
  /** Both forms, whatever was requested. */
  rsc: string;
  winbox: string;
  ranges: PublicRange[];
  pattern: {
    mode: NackMode;
    cli: string;
    winbox: string;
    /** Per range: its part of the pattern (prefix bytes) in both forms. */
    parts: { range: string; cli: string; winbox: string; free: number }[];
    /** Why this form: `forced` by an option or chosen by measurement. */
    choice: 'forced' | 'measured';
    /** Measured false-match rates of both forms. */
    rates: { tolerant: FalseMatchRate; strict: FalseMatchRate };
  };
  /** The queue values computed from the line rates (bits per second), when there are queues. */
  queues?: { upload: number; download: number; uploadLimit: number; downloadLimit: number; limitAt: number };
  rules: RecipeRule[];
  warnings: string[];
  check: NackCheckReport;
}

/** Invalid options; `problems` names every bad entry. */
export class SkypeNackOptionsError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'SkypeNackOptionsError';
  }
}

export interface SkypeNackHooks {
  /** Replaces the pattern builder (tests use it to prove the self-check refuses a broken pattern). */
  buildPattern?: PatternBuilder;
}

export type NormalizedQueue =
  | { kind: 'tree'; wanInterface: string; lanInterface: string; name: string }
  | { kind: 'simple'; target: string; name: string }
  | { kind: 'none' };

export interface Normalized {
  ranges: PublicRange[];
  chain: SkypeNackChain;
  addressList: string;
  timeout: string;
  rate: string;
  rateTo: number;
  layer7Name: string;
  connectionMark: string;
  packetMark: string;
  dscp?: number;
  queue: NormalizedQueue;
  upload: number;
  download: number;
  wan: { kind: 'list'; name: string } | { kind: 'interface'; name: string };
  pattern: SkypeNackPatternChoice;
  v6: boolean;
  targetLabel: string;
  form: SkypeNackForm;
  generatedBy?: string;
}

/** Largest address-list timeout RouterOS takes (its own range: ..35w3d13h13m56s). */
const MAX_TIMEOUT_MS = parseTime('35w3d13h13m56s') as number;
const RATE = /^(\d{1,10})([kMG]?)-(\d{1,10})([kMG]?)$/;
const UNIT: Readonly<Record<string, number>> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9 };
/** Line rates: 64k (below that a call does not fit) to 100G. */
const MIN_LINE = 64e3;
const MAX_LINE = 100e9;

/**
 * A line rate in bits per second: `20M`, `2.5M`, `512k`, `100000000`, also with `bit/s`/`bps`/`Mbit`.
 * Returns a message saying what is wrong otherwise.
 */
export function parseLineRate(text: string): number | string {
  const m = /^(\d+(?:\.\d+)?)\s*([kKMG]?)(?:bit\/s|bps|bit|b\/s)?$/.exec(text.trim());
  if (m === null) return `"${text}" is not a rate such as 20M, 2.5M or 512k (bits per second)`;
  const bps = Math.round(Number(m[1]) * UNIT[m[2]]);
  if (bps < MIN_LINE) return `"${text}" is below 64k: a line that slow cannot carry a call and its queue`;
  if (bps > MAX_LINE) return `"${text}" is above 100G`;
  return bps;
}

/** A rate the way RouterOS writes it: 18M, 2250k, 900 (bits per second). */
export function formatRate(bps: number): string {
  if (bps >= 1e9 && bps % 1e9 === 0) return `${bps / 1e9}G`;
  if (bps >= 1e6 && bps % 1e6 === 0) return `${bps / 1e6}M`;
  if (bps >= 1e3 && bps % 1e3 === 0) return `${bps / 1e3}k`;
  return String(bps);
}

/** The parent's max-limit: 90% of the line rate, rounded down to whole kbit/s. */
export function shapedRate(line: number): number {
  return Math.max(1000, Math.floor((line * SKYPE_NACK_DEFAULTS.lineShare) / 1000) * 1000);
}

function checkName(what: string, value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') problems.push(`${what} must not be empty`);
  else if (value.trim() !== value) problems.push(`${what} "${value}" starts or ends with a space`);
  else if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    problems.push(`${what} "${encodeStringContent(value)}" contains a control character`);
  else if (value.length > 63) problems.push(`${what} "${value}" is longer than 63 characters`);
  return value;
}

/**
 * A name used as a list, mark or queue reference: besides checkName, a leading `!` would read as "not",
 * a comma separates several names, and `$`/`[` would be computed by RouterOS.
 */
function checkRefName(what: string, value: string | undefined, problems: string[]): string | undefined {
  const before = problems.length;
  checkName(what, value, problems);
  if (value === undefined || problems.length > before) return value;
  if (value.startsWith('!'))
    problems.push(`${what} "${value}" starts with "!", which RouterOS reads as "not"`);
  else if (value.includes(',')) problems.push(`${what} "${value}" contains a comma, which separates names`);
  else if (/[$[\]"\\]/.test(value)) problems.push(`${what} "${value}" contains $, [, ], " or \\`);
  return value;
}

/** Checks and completes the options; the problems name every bad entry. */
export function normalizeSkypeNackOptions(o: SkypeNackOptions): {
  options?: Normalized;
  problems: string[];
  warnings: string[];
} {
  const problems: string[] = [];
  const set = parsePublicRanges(o.publicIps);
  problems.push(...set.errors);
  const warnings = [...set.warnings];
  const chain = o.chain ?? SKYPE_NACK_DEFAULTS.chain;
  if (chain !== 'forward' && chain !== 'prerouting') {
    problems.push(`chain "${String(chain)}" is not supported: use forward or prerouting`);
  }
  const targetLabel = o.target ?? 'latest';
  const tm = /^(?:latest|([67])(?:\.\d{1,3}){0,2})$/.exec(targetLabel);
  if (tm === null)
    problems.push(`target "${targetLabel}" is not a RouterOS version: use 6, 7, 7.x or latest`);
  const v6 = tm !== null && tm[1] === '6';
  const timeout = o.timeout ?? SKYPE_NACK_DEFAULTS.timeout;
  if (timeout === 'none-dynamic' || timeout === 'none-static') {
    if (v6)
      problems.push(`timeout "${timeout}" exists only in RouterOS 7; for RouterOS 6 give a time such as 1h`);
  } else {
    const ms = parseTime(timeout);
    if (ms === undefined || !/^[0-9][0-9a-z:.]*$/.test(timeout)) {
      problems.push(`timeout "${timeout}" is not a RouterOS time such as 1h, 30m or 1d (or none-dynamic)`);
    } else if (ms <= 0 || ms > MAX_TIMEOUT_MS) {
      problems.push(`timeout "${timeout}" must be more than 0s and at most 35w3d13h13m56s`);
    }
  }
  const rate = o.rate ?? SKYPE_NACK_DEFAULTS.rate;
  const m = RATE.exec(rate);
  let rateTo = 0;
  if (m === null)
    problems.push(`rate "${rate}" is not a connection-rate range such as 0-200k (bits per second)`);
  else if (Number(m[1]) * UNIT[m[2]] >= Number(m[3]) * UNIT[m[4]]) {
    problems.push(`rate "${rate}": the lower bound must be below the upper bound`);
  } else if (Number(m[3]) * UNIT[m[4]] > 0xffffffff)
    problems.push(`rate "${rate}": the upper bound is above 4G`);
  else rateTo = Number(m[3]) * UNIT[m[4]];
  if (o.dscp !== undefined && (!Number.isInteger(o.dscp) || o.dscp < 0 || o.dscp > 63)) {
    problems.push(
      `DSCP "${String(o.dscp)}" must be a whole number from 0 to 63 (46 is EF, expedited forwarding)`,
    );
  }
  const addressList = checkRefName(
    'the address list name',
    o.addressList ?? SKYPE_NACK_DEFAULTS.addressList,
    problems,
  );
  const layer7Name = checkRefName(
    'the layer-7 protocol name',
    o.layer7Name ?? SKYPE_NACK_DEFAULTS.layer7Name,
    problems,
  );
  const connectionMark = checkRefName(
    'the connection mark',
    o.connectionMark ?? SKYPE_NACK_DEFAULTS.connectionMark,
    problems,
  );
  const packetMark = checkRefName(
    'the packet mark',
    o.packetMark ?? SKYPE_NACK_DEFAULTS.packetMark,
    problems,
  );
  if (packetMark === 'no-mark' || connectionMark === 'no-mark')
    problems.push('"no-mark" means "no mark" to RouterOS: give the marks another name');
  if (o.wanList !== undefined && o.inInterfaceList !== undefined && o.wanList !== o.inInterfaceList)
    problems.push('give the WAN interface list once (--wan-list)');
  const wanListName = o.wanList ?? o.inInterfaceList;
  checkRefName('the WAN interface list', wanListName, problems);
  checkRefName('the WAN interface', o.inInterface, problems);
  if (o.inInterface !== undefined && wanListName !== undefined) {
    problems.push('give a WAN interface or a WAN interface list, not both');
  }
  const wan: Normalized['wan'] =
    o.inInterface !== undefined
      ? { kind: 'interface', name: o.inInterface }
      : { kind: 'list', name: wanListName ?? SKYPE_NACK_DEFAULTS.wanList };
  const q = o.queue ?? { kind: 'tree' };
  let queue: NormalizedQueue = { kind: 'none' };
  if (q.kind === 'tree') {
    const name = checkRefName('the queue name', q.name ?? SKYPE_NACK_DEFAULTS.queueName, problems) ?? '';
    const wanInterface = q.wanInterface ?? SKYPE_NACK_DEFAULTS.wanInterface;
    const lanInterface = q.lanInterface ?? SKYPE_NACK_DEFAULTS.lanInterface;
    checkRefName('the WAN interface (upload queue parent)', wanInterface, problems);
    checkRefName('the LAN interface (download queue parent)', lanInterface, problems);
    if (wanInterface === lanInterface)
      problems.push(`the WAN and LAN interfaces are both "${wanInterface}": the two directions need two`);
    if (wanInterface === 'global' || lanInterface === 'global')
      problems.push(
        'a queue parent "global" is bypassed by fast-tracked packets and mixes both directions: give the WAN and LAN interfaces',
      );
    queue = { kind: 'tree', wanInterface, lanInterface, name };
  } else if (q.kind === 'simple') {
    const name = checkRefName('the queue name', q.name ?? SKYPE_NACK_DEFAULTS.queueName, problems) ?? '';
    checkName('the simple queue target', q.target, problems);
    queue = { kind: 'simple', target: q.target, name };
  } else if (q.kind !== 'none') {
    problems.push(`queue kind "${String((q as { kind: unknown }).kind)}" is not tree, simple or none`);
  }
  let upload = 0;
  let download = 0;
  if (queue.kind !== 'none') {
    for (const [what, value] of [
      ['upload', o.upload],
      ['download', o.download],
    ] as const) {
      if (value === undefined) {
        problems.push(
          `the ${what} line rate is required for the queues (e.g. --${what} 20M), or choose no queue`,
        );
        continue;
      }
      const bps = parseLineRate(value);
      if (typeof bps === 'string') problems.push(`the ${what} rate ${bps}`);
      else if (what === 'upload') upload = bps;
      else download = bps;
    }
  }
  let pattern: SkypeNackPatternChoice = o.pattern ?? (o.strict === true ? 'strict' : 'auto');
  if (o.strict === true && o.pattern !== undefined && o.pattern !== 'strict')
    problems.push(`give --strict or --pattern ${o.pattern}, not both`);
  if (pattern !== 'auto' && pattern !== 'tolerant' && pattern !== 'strict') {
    problems.push(`pattern "${String(pattern)}" is not auto, tolerant or strict`);
    pattern = 'auto';
  }
  const form = o.form ?? 'rsc';
  if (form !== 'rsc' && form !== 'winbox')
    problems.push(`output form "${String(form)}" is not rsc or winbox`);
  if (problems.length > 0) return { problems, warnings };
  return {
    problems,
    warnings,
    options: {
      ranges: set.ranges,
      chain,
      addressList: addressList as string,
      timeout,
      rate,
      rateTo,
      layer7Name: layer7Name as string,
      connectionMark: connectionMark as string,
      packetMark: packetMark as string,
      dscp: o.dscp,
      queue,
      upload,
      download,
      wan,
      pattern,
      v6,
      targetLabel,
      form,
      generatedBy: o.generatedBy,
    },
  };
}
