// The "Skype NAck QoS" recipe: typed options in, a commented RouterOS script (or the Winbox field values)
// out. It detects Skype peers by the unencrypted NAck that tells a client its public address, marks
// low-rate UDP with those peers, and queues it first. Pure: no I/O; the pattern is checked by the l7 engine.
// time.ts directly, not the schema index: the VS Code client bundles this file and needs no command tree.
import { formatTime, parseTime } from '../../schema/time';
import { encodeStringContent } from '../../syntax/strings';
import { winboxToCli } from '../../l7';
import { parsePublicRanges, type PublicRange } from '../addresses';
import {
  buildNackPattern,
  buildPatternText,
  caseTwins,
  matcherText,
  type NackMode,
  type NackPattern,
  type PatternBuilder,
} from './nack-pattern';
import { checkNackPattern, type NackCheckReport } from './nack-check';
import { hidingRules } from './placement';
import { describeRate, MAX_FALSE_MATCH_RATE, measureFalseMatches, type FalseMatchRate } from './nack-measure';

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

type NormalizedQueue =
  | { kind: 'tree'; wanInterface: string; lanInterface: string; name: string }
  | { kind: 'simple'; target: string; name: string }
  | { kind: 'none' };

interface Normalized {
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

const hx = (b: number): string => '0x' + b.toString(16).padStart(2, '0').toUpperCase();

/** Words for a byte value: 0x5C ("\"), 0xD5. */
function byteWords(b: number): string {
  return b >= 0x21 && b <= 0x7e ? `${hx(b)} ("${String.fromCharCode(b)}")` : hx(b);
}

function octetList(values: number[]): string {
  // Contiguous runs read better as ranges: 97-111.
  const parts: string[] = [];
  let k = 0;
  while (k < values.length) {
    let j = k;
    while (j + 1 < values.length && values[j + 1] === values[j] + 1) j++;
    parts.push(j === k ? String(values[k]) : `${values[k]}-${values[j]}`);
    k = j + 1;
  }
  return parts.join(', ');
}

/** Per-range lines for the header, and warnings about letters (case-insensitive matching). */
function describeParts(p: NackPattern): { lines: string[]; warnings: string[]; latin1: number[] } {
  const lines: string[] = [];
  const warnings: string[] = [];
  const latin1 = new Set<number>();
  for (const a of p.alternatives) {
    const head = a.matchers.map(matcherText).join('');
    const bytes = a.matchers
      .map((m) => (m.octet !== undefined ? byteWords(m.octet) : `one of ${hx(m.from)}-${hx(m.to)}`))
      .join(', ');
    const dropped =
      a.droppedZeroOctets.length > 0
        ? `; its zero octet${a.droppedZeroOctets.length > 1 ? 's are' : ' is'} left out (never in the data)`
        : '';
    lines.push(
      `  ${a.range.cidr}: ${winboxToCli(head)} in a .rsc string, ${head} in Winbox: ${bytes}${dropped}`,
    );
    for (const m of a.matchers) {
      for (let b = m.from; b <= m.to; b++) if (b >= 0xc0 && b <= 0xde && b !== 0xd7) latin1.add(b);
      const twins = caseTwins(m);
      if (twins.length === 0) continue;
      const letters =
        m.octet !== undefined ? `the letter "${String.fromCharCode(m.octet)}"` : 'partly letters';
      warnings.push(
        `${a.range.cidr}: octet ${m.octetIndex + 1} (${m.octet ?? `${m.from}-${m.to}`}) is ${letters}; layer-7 ` +
          `matching ignores case, so NAcks with ${octetList(twins)} in that octet match too (RSC3007)`,
      );
    }
  }
  return { lines, warnings, latin1: [...latin1].sort((x, y) => x - y) };
}

/** The queue values from the line rates: parents at 90%, the Skype child's guarantee. */
function queueValues(o: Normalized): SkypeNackRecipe['queues'] {
  if (o.queue.kind === 'none') return undefined;
  const uploadLimit = shapedRate(o.upload);
  const downloadLimit = shapedRate(o.download);
  // The guarantee per direction: the connection-rate ceiling (one call's both directions together, so
  // more than one direction needs), at most half the smaller parent so the default child keeps a share.
  const half = Math.floor(Math.min(uploadLimit, downloadLimit) / 2 / 1000) * 1000;
  const limitAt = Math.max(1000, Math.min(o.rateTo, half));
  return { upload: o.upload, download: o.download, uploadLimit, downloadLimit, limitAt };
}

/** Builds the rules in order. */
function buildRules(o: Normalized, pattern: NackPattern): RecipeRule[] {
  const rules: RecipeRule[] = [];
  const tag = (what: string): [string, string] => ['comment', `Skype NAck QoS: ${what}`];
  const ft = SKYPE_NACK_DEFAULTS.fasttrackComment;
  rules.push({
    menu: '/ip firewall layer7-protocol',
    explain: [
      'The NAck pattern described above. Layer-7 matching is CPU-heavy: the rules below hand it only',
      '39-byte UDP packets from the WAN.',
    ],
    props: [
      ['name', o.layer7Name],
      ['regexp', pattern.winbox],
      tag(`NAck carrying ${o.ranges.map((r) => r.cidr).join(', ')}`),
    ],
  });

  // FastTrack (manual, "FastTrack"): fast-tracked packets bypass the firewall, mangle, simple queues and
  // queue trees with parent=global. A queue tree on an interface still sees them.
  if (o.queue.kind === 'simple') {
    rules.push({
      menu: '/ip firewall filter',
      explain: [
        `FastTrack: RouterOS's default configuration fast-tracks established connections ("${ft}"), and`,
        'fast-tracked packets bypass mangle and simple queues. A simple queue shapes only what it sees, so',
        'the parent limit would miss most traffic: this disables the default fasttrack rule (routing then',
        'costs more CPU; the queue tree form, without --simple-queue, keeps FastTrack for other traffic).',
        'No such rule on your router: nothing happens.',
      ],
      command: 'set',
      find: [['comment', ft]],
      props: [['disabled', 'yes']],
    });
  } else {
    rules.push({
      menu: '/ip firewall filter',
      explain: [
        `FastTrack: RouterOS's default configuration fast-tracks established connections ("${ft}"), and`,
        'fast-tracked packets skip mangle, so a Skype connection would be marked on its first packets only.',
        'connection-mark=no-mark keeps the marked Skype connections out of FastTrack; all other traffic',
        'stays fast-tracked (cheap on the CPU) and still passes the queues below, which hang on interfaces',
        '(FastTrack bypasses only simple queues and queue trees under global). Chosen over an accept rule',
        'before the fasttrack rule because that would have to repeat the Skype match and keeps working only',
        'as long as both rules stay in order. No such rule on your router: nothing happens.',
      ],
      command: 'set',
      find: [['comment', ft]],
      props: [['connection-mark', 'no-mark']],
    });
  }

  const wanIn: [string, string] =
    o.wan.kind === 'list' ? ['in-interface-list', o.wan.name] : ['in-interface', o.wan.name];
  const notWanOut: [string, string] =
    o.wan.kind === 'list' ? ['out-interface-list', `!${o.wan.name}`] : ['out-interface', `!${o.wan.name}`];
  const wanWords = o.wan.kind === 'list' ? `the interface list ${o.wan.name}` : `the interface ${o.wan.name}`;
  const detect = (chain: string, where: [string, string], what: string): [string, string][] => [
    ['chain', chain],
    ['action', 'add-src-to-address-list'],
    ['protocol', 'udp'],
    ['packet-size', '39'],
    where,
    ['layer7-protocol', o.layer7Name],
    ['address-list', o.addressList],
    ['address-list-timeout', o.timeout],
    tag(what),
  ];
  const timeoutWords = o.timeout.startsWith('none') ? `with timeout ${o.timeout}` : `for ${o.timeout}`;
  const detectExplain = [
    'Detection: a 39-byte UDP packet (20 bytes IP + 8 UDP + 11 payload) whose data ends with the NAck for',
    `your address. Its source is the peer that sent the NAck, so add-src-to-address-list puts the peer on the`,
    `list "${o.addressList}" ${timeoutWords} (each new NAck renews the entry).`,
    `Only packets arriving from ${wanWords} are examined: a LAN host sending a 39-byte UDP packet must not`,
    'become a "peer", and layer-7 work stays off LAN traffic.',
  ];
  if (o.chain === 'forward') {
    detectExplain.push(
      'The forward chain sees both directions of forwarded traffic, as the layer-7 matcher needs.',
    );
  } else {
    detectExplain.push(
      'prerouting (border router): the manual asks for the same layer-7 rule in postrouting too, so the',
      'matcher sees both directions of every connection (next rule).',
    );
  }
  rules.push({
    menu: '/ip firewall mangle',
    explain: detectExplain,
    props: detect(o.chain, wanIn, 'detect peers'),
  });
  if (o.chain === 'prerouting') {
    rules.push({
      menu: '/ip firewall mangle',
      explain: [
        "The same detection in postrouting, for the traffic prerouting does not see (the router's own), as the",
        `manual requires for a layer-7 rule in prerouting. Packets leaving towards ${wanWords} are left out,`,
        'which keeps LAN hosts off the list here too.',
      ],
      props: detect('postrouting', notWanOut, 'detect peers (postrouting)'),
    });
  }
  const rateWords = `while the connection stays within ${o.rate} bits/s (calls, not file transfers)`;
  const protocolWhy =
    'protocol=udp: connection-rate works only with TCP and UDP, and the manual asks for the protocol.';
  rules.push({
    menu: '/ip firewall mangle',
    explain: [
      `Mark UDP connections from listed peers ${rateWords}. connection-rate counts both directions,`,
      'headers included, every second (see the header for the default). ' + protocolWhy,
      'passthrough=yes: the packet goes on to the next rules, which mark it for the queue.',
    ],
    props: [
      ['chain', o.chain],
      ['action', 'mark-connection'],
      ['protocol', 'udp'],
      ['src-address-list', o.addressList],
      ['connection-rate', o.rate],
      ['new-connection-mark', o.connectionMark],
      ['passthrough', 'yes'],
      tag('connections from peers'),
    ],
  });
  rules.push({
    menu: '/ip firewall mangle',
    explain: ['The same for UDP connections to listed peers.'],
    props: [
      ['chain', o.chain],
      ['action', 'mark-connection'],
      ['protocol', 'udp'],
      ['dst-address-list', o.addressList],
      ['connection-rate', o.rate],
      ['new-connection-mark', o.connectionMark],
      ['passthrough', 'yes'],
      tag('connections to peers'),
    ],
  });
  if (o.dscp !== undefined) {
    rules.push({
      menu: '/ip firewall mangle',
      explain: [
        `Set DSCP ${o.dscp}${o.dscp === 46 ? ' (EF, expedited forwarding)' : ''} on these packets so routers further on can`,
        'prioritise them too. It stands before the packet mark, which ends the chain for them.',
      ],
      props: [
        ['chain', o.chain],
        ['action', 'change-dscp'],
        ['protocol', 'udp'],
        ['connection-mark', o.connectionMark],
        ['connection-rate', o.rate],
        ['new-dscp', String(o.dscp)],
        ['passthrough', 'yes'],
        tag('DSCP'),
      ],
    });
  }
  rules.push({
    menu: '/ip firewall mangle',
    explain: [
      'Mark the packets of those connections for the queue. connection-rate again: a marked connection that',
      'grows into a file transfer loses the priority (its packets go to the default queue). passthrough=no',
      'ends the chain for these packets, so no later rule can change the mark.',
    ],
    props: [
      ['chain', o.chain],
      ['action', 'mark-packet'],
      ['protocol', 'udp'],
      ['connection-mark', o.connectionMark],
      ['connection-rate', o.rate],
      ['new-packet-mark', o.packetMark],
      ['passthrough', 'no'],
      tag('packets'),
    ],
  });

  const qv = queueValues(o);
  if (o.queue.kind === 'tree' && qv !== undefined) {
    const n = o.queue.name;
    const dirs = [
      ['upload', o.queue.wanInterface, qv.upload, qv.uploadLimit, 'leaves through the WAN interface'],
      ['download', o.queue.lanInterface, qv.download, qv.downloadLimit, 'leaves through the LAN interface'],
    ] as const;
    for (const [dir, iface, line, limit, how] of dirs) {
      const parent = `${n}-qos-${dir}`;
      rules.push({
        menu: '/queue tree',
        explain: [
          `${dir === 'upload' ? 'Upload' : 'Download'}: traffic that ${how} (${iface}). The parent's max-limit is 90% of the`,
          `${formatRate(line)} line rate, so the queue forms here, where priorities act, and not in the modem. HTB`,
          'priority only orders children competing under a limited parent (manual, "Queues" and "HTB").',
        ],
        props: [['name', parent], ['parent', iface], ['max-limit', formatRate(limit)], tag(`${dir} parent`)],
      });
      rules.push({
        menu: '/queue tree',
        explain: [
          `Skype first: priority 1, guaranteed ${formatRate(qv.limitAt)} (limit-at), may borrow up to the parent's limit.`,
        ],
        props: [
          ['name', `${n}-${dir}`],
          ['parent', parent],
          ['packet-mark', o.packetMark],
          ['limit-at', formatRate(qv.limitAt)],
          ['max-limit', formatRate(limit)],
          ['priority', '1'],
          tag(`${dir} Skype`),
        ],
      });
      rules.push({
        menu: '/queue tree',
        explain: [
          'Everything else (packets without a packet mark, fast-tracked ones included): priority 8, the lowest.',
        ],
        props: [
          ['name', `${n}-${dir}-other`],
          ['parent', parent],
          ['packet-mark', 'no-mark'],
          ['max-limit', formatRate(limit)],
          ['priority', '8'],
          tag(`${dir} default`),
        ],
      });
    }
  } else if (o.queue.kind === 'simple' && qv !== undefined) {
    const n = o.queue.name;
    const both = `${formatRate(qv.uploadLimit)}/${formatRate(qv.downloadLimit)}`;
    rules.push({
      menu: '/queue simple',
      explain: [
        `The parent for ${o.queue.target}: max-limit 90% of the line rates (upload/download), so the queue forms`,
        'here and priorities act. Simple queues are matched in list order: these three are added at the end,',
        'so an earlier simple queue for the same or a broader target would take their packets (RSC4015): move',
        'them to the top (/queue simple move) if you have one.',
      ],
      props: [['name', `${n}-qos`], ['target', o.queue.target], ['max-limit', both], tag('parent')],
    });
    rules.push({
      menu: '/queue simple',
      explain: [
        'Skype first: priority 1 (upload/download) with a guarantee; listed before the broader default queue,',
        'which would otherwise take its packets.',
      ],
      props: [
        ['name', n],
        ['parent', `${n}-qos`],
        ['target', o.queue.target],
        ['packet-marks', o.packetMark],
        ['limit-at', `${formatRate(qv.limitAt)}/${formatRate(qv.limitAt)}`],
        ['max-limit', both],
        ['priority', '1/1'],
        tag('Skype'),
      ],
    });
    rules.push({
      menu: '/queue simple',
      explain: ['Everything else for the target: priority 8 (the lowest).'],
      props: [
        ['name', `${n}-other`],
        ['parent', `${n}-qos`],
        ['target', o.queue.target],
        ['max-limit', both],
        ['priority', '8/8'],
        tag('default'),
      ],
    });
  }
  return rules;
}

/** Header lines shared by both output forms (without the comment sign). */
function headerLines(
  o: Normalized,
  pattern: NackPattern,
  parts: string[],
  latin1: number[],
  warnings: string[],
  choice: { forced: boolean; rates: { tolerant: FalseMatchRate; strict: FalseMatchRate } },
  qv: SkypeNackRecipe['queues'],
): string[] {
  const lines = [
    'Skype NAck QoS: find Skype peers by the NAck that tells a client its public address, and give low-rate',
    'UDP with those peers (calls, not file transfers) priority in a queue that shapes both directions.',
  ];
  if (o.generatedBy !== undefined) lines.push(`Generated by: ${o.generatedBy}`);
  lines.push(
    `Public addresses: ${o.ranges.map((r) => r.cidr).join(', ')}`,
    `RouterOS: ${o.v6 ? '6 (6.41 or later: the WAN/LAN interface lists of the default configuration)' : `7 (target ${o.targetLabel})`}`,
    '',
    'Where it applies: the scheme comes from "Silver Needle in the Skype" (Black Hat Europe 2006) and the',
    'MikroTik forum thread "QoS: Skype", about the classic peer-to-peer Skype client (tested there on',
    'RouterOS 4.11 and 5.0RC1). Open questions: whether current Skype clients still send the NAck (prove it',
    'with a capture: rsc l7 test --pcap FILE), and that video calls (300k and more) cannot be told from file',
    'transfers by rate. See docs/recipes/skype-nack.md for the questions of the thread.',
    '',
    "The NAck: a peer that cannot decrypt a client's first UDP packet answers with an unencrypted 39-byte",
    "packet (11 bytes of payload) carrying the client's public address at payload offset 3. It is the peer's",
    "reply in a connection the client opened, so the client's packet may or may not be in the layer-7 buffer",
    'before it; either way the NAck is the end of the data when the detection rule examines it. So the',
    'pattern is anchored at the end ($): the address starts 8 bytes before it, followed by the rest of the',
    'address and 4 more bytes. Layer-7 matching ignores case and deletes zero bytes from the data.',
    `Pattern (${pattern.mode}), as Winbox shows it: ${pattern.winbox}`,
    ...parts,
    'Trade-off: a zero octet in the address or in the 4 bytes after it is deleted, which brings the address',
    'closer to the end. The tolerant form lets each of those bytes be missing (".?"), never misses your',
    'NAcks, and matches more of other traffic; the strict form counts exactly (".") and misses your NAcks',
    'that have a zero byte. Measured false matches (random 11-byte payloads, NAcks for other addresses):',
    `  tolerant: ${describeRate(choice.rates.tolerant)}`,
    `  strict:   ${describeRate(choice.rates.strict)}`,
    choice.forced
      ? `  ${pattern.mode} chosen by option (--pattern / --strict).`
      : pattern.mode === 'strict'
        ? '  strict chosen: the tolerant form matches more than 1% (--pattern tolerant forces it).'
        : '  tolerant chosen: it matches at most 1% (--pattern strict forces the exact form).',
  );
  lines.push(
    '',
    `Connection rate ${o.rate}: Connection Rate counts both directions of a connection, IP and UDP headers`,
    'included, recomputed every second without averaging (manual, "Connection Rate"). A voice call sends',
    'about 50 packets/s each way: 28 header bytes are 11.2 kbit/s per direction, plus up to 40 kbit/s of',
    'SILK audio, about 100 kbit/s for the connection; 0-200k leaves room for peaks. 0-50k (the thread) is',
    'below one call. Video needs --rate 0-1500k or so, and then file transfers get the priority as well.',
  );
  if (qv !== undefined) {
    lines.push(
      `Queues: upload ${formatRate(qv.upload)} -> max-limit ${formatRate(qv.uploadLimit)}, download ${formatRate(qv.download)} -> ` +
        `max-limit ${formatRate(qv.downloadLimit)} (90%);`,
      `Skype limit-at ${formatRate(qv.limitAt)} per direction (the connection-rate ceiling, at most half a parent).`,
    );
  }
  lines.push(
    'Placement: the mangle rules are added at the end of their chain. An earlier rule of yours in that chain',
    'that ends processing for these packets (accept, a mark with passthrough=no, return, drop) hides them:',
    'lint your export with this script appended (rsc lint, RSC4011 names the rule) or move them up;',
    'rsc gen skype-nack --existing EXPORT.rsc places them before such a rule itself (place-before).',
  );
  for (const b of latin1) {
    lines.push(
      `Byte ${hx(b)}: RouterOS matches it as written. The linter notes it (RSC3013, information) because the`,
      `old kernel matcher lower-cased pattern bytes 0xC0-0xDE with Latin-1 rules but not the data, so it would`,
      `look for ${hx(b + 0x20)}; if the address list stays empty while Skype is in use, suspect this.`,
    );
  }
  if (warnings.length > 0) {
    lines.push('Warnings:');
    for (const w of warnings) lines.push(...wrap(w, 100).map((l, k) => (k === 0 ? `  - ${l}` : `    ${l}`)));
  }
  return lines;
}

/** Word-wraps a sentence to lines of at most `width` characters (longer words stay whole). */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') out.push(line);
  return out;
}

/** A value as RouterOS reads it: bare when it is a plain word, otherwise a quoted, escaped string. */
export function rscValue(v: string, alwaysQuote = false): string {
  if (!alwaysQuote && /^[A-Za-z0-9_.:/-]+$/.test(v)) return v;
  return `"${encodeStringContent(v, { binary: true })}"`;
}

/** An argument's value: a negated matcher keeps its `!` outside the quotes (`!WAN`, `!"my wan"`), as /export writes it. */
export function argText(key: string, value: string): string {
  if (value.startsWith('!') && NEGATABLE.has(key)) return '!' + rscValue(value.slice(1));
  // place-before holds a command substitution the generator wrote itself: [find comment="..."].
  if (key === 'place-before' && value.startsWith('[find ')) return value;
  return rscValue(value, key === 'regexp' || key === 'comment');
}

const NEGATABLE: ReadonlySet<string> = new Set([
  'in-interface',
  'in-interface-list',
  'out-interface',
  'out-interface-list',
]);

/** One `add` command, wrapped at argument boundaries the way /export does (continuation lines). */
function addLine(r: RecipeRule): string {
  const args = r.props.map(([k, v]) => `${k}=${argText(k, v)}`);
  const lines: string[] = [];
  let line =
    r.command === 'set'
      ? `set [find ${(r.find ?? []).map(([k, v]) => `${k}=${rscValue(v, true)}`).join(' ')}]`
      : 'add';
  for (const a of args) {
    if (line.length + 1 + a.length > 100 && line.trim() !== 'add' && !line.startsWith('set ')) {
      lines.push(line + ' \\');
      line = '    ' + a;
    } else line += ' ' + a;
  }
  lines.push(line);
  return lines.join('\n');
}

function renderRsc(o: Normalized, header: string[], rules: RecipeRule[]): string {
  // A comment line must not end with a backslash, which would read as a line continuation.
  const comment = (l: string): string => (l === '' ? '#' : `# ${l}`.replace(/\\$/, '\\ (backslash)'));
  const out: string[] = header.map(comment);
  let menu = '';
  for (const r of rules) {
    if (r.menu !== menu) {
      out.push('', r.menu);
      menu = r.menu;
    }
    out.push(...wrap(r.explain.join(' '), 98).map(comment), addLine(r));
  }
  if (o.queue.kind === 'none') {
    out.push(
      '',
      `# No queue in this script: the packet mark "${o.packetMark}" takes effect once a queue uses it, under a`,
      '# parent with a max-limit below the line rate (without --no-queue the recipe builds one per direction).',
    );
  }
  return out.join('\n') + '\n';
}

/** Winbox window and field labels for the arguments the recipe uses. */
const WINBOX_WINDOWS: Readonly<Record<string, string>> = {
  '/ip firewall layer7-protocol': 'IP > Firewall > Layer7 Protocols',
  '/ip firewall filter': 'IP > Firewall > Filter Rules',
  '/ip firewall mangle': 'IP > Firewall > Mangle',
  '/queue tree': 'Queues > Queue Tree',
  '/queue simple': 'Queues > Simple Queues',
};

const WINBOX_FIELDS: Readonly<Record<string, Readonly<Record<string, [string, string]>>>> = {
  '/ip firewall layer7-protocol': { name: ['', 'Name'], regexp: ['', 'Regexp'], comment: ['', 'Comment'] },
  '/ip firewall filter': {
    'connection-mark': ['General', 'Connection Mark'],
    disabled: ['', 'Disabled (the "X" button)'],
  },
  '/ip firewall mangle': {
    chain: ['General', 'Chain'],
    'out-interface': ['General', 'Out. Interface'],
    'out-interface-list': ['General', 'Out. Interface List'],
    protocol: ['General', 'Protocol'],
    'in-interface': ['General', 'In. Interface'],
    'in-interface-list': ['General', 'In. Interface List'],
    'connection-mark': ['General', 'Connection Mark'],
    'src-address-list': ['Advanced', 'Src. Address List'],
    'dst-address-list': ['Advanced', 'Dst. Address List'],
    'layer7-protocol': ['Advanced', 'Layer7 Protocol'],
    'connection-rate': ['Advanced', 'Connection Rate'],
    'packet-size': ['Advanced', 'Packet Size'],
    action: ['Action', 'Action'],
    'address-list': ['Action', 'Address List'],
    'address-list-timeout': ['Action', 'Timeout'],
    'new-connection-mark': ['Action', 'New Connection Mark'],
    'new-packet-mark': ['Action', 'New Packet Mark'],
    'new-dscp': ['Action', 'New DSCP'],
    passthrough: ['Action', 'Passthrough'],
    comment: ['', 'Comment'],
  },
  '/queue tree': {
    name: ['General', 'Name'],
    parent: ['General', 'Parent'],
    'packet-mark': ['General', 'Packet Marks'],
    'limit-at': ['General', 'Limit At'],
    'max-limit': ['General', 'Max Limit'],
    priority: ['General', 'Priority'],
    comment: ['', 'Comment'],
  },
  '/queue simple': {
    name: ['General', 'Name'],
    target: ['General', 'Target'],
    'max-limit': ['General', 'Max Limit (upload/download)'],
    'limit-at': ['Advanced', 'Limit At (upload/download)'],
    parent: ['Advanced', 'Parent'],
    'packet-marks': ['Advanced', 'Packet Marks'],
    priority: ['Advanced', 'Priority (upload/download)'],
    comment: ['', 'Comment'],
  },
};

/** A value the way the Winbox field shows or takes it. */
function winboxValue(key: string, value: string): string {
  if (key === 'action') return value.replace(/-/g, ' ').replace('dscp', 'DSCP');
  if (key === 'protocol' && value === 'udp') return '17 (udp)';
  if (key === 'passthrough') return value === 'yes' ? 'checked' : 'unchecked';
  if (key === 'address-list-timeout' && !value.startsWith('none')) {
    const ms = parseTime(value) ?? 0;
    const days = Math.floor(ms / 86400000);
    const rest = Math.floor((ms % 86400000) / 1000);
    const hms = [Math.floor(rest / 3600), Math.floor((rest % 3600) / 60), rest % 60]
      .map((n) => String(n).padStart(2, '0'))
      .join(':');
    return `${days > 0 ? `${days}d ` : ''}${hms} (${formatTime(ms)})`;
  }
  return value;
}

function renderWinbox(o: Normalized, header: string[], rules: RecipeRule[]): string {
  const out: string[] = [...header, '', 'Enter these values in Winbox (or WebFig), in this order:'];
  rules.forEach((r, k) => {
    const labels = WINBOX_FIELDS[r.menu] ?? {};
    const what =
      r.command === 'set'
        ? `open the entry with ${(r.find ?? []).map(([k, v]) => `${k} "${v}"`).join(', ')} (if there is one) and set`
        : 'add a new entry ("+")';
    out.push('', `${k + 1}. ${WINBOX_WINDOWS[r.menu] ?? r.menu}: ${what}`);
    out.push(...wrap(r.explain.join(' '), 97).map((l) => `   ${l}`));
    const tabs = new Map<string, string[]>();
    for (const [key, value] of r.props) {
      const [tab, label] = labels[key] ?? ['', key];
      const list = tabs.get(tab) ?? [];
      list.push(`${label}: ${winboxValue(key, value)}`);
      tabs.set(tab, list);
    }
    // Tabs in the order Winbox shows them; fields without a tab (name, comment) last.
    for (const tab of ['General', 'Advanced', 'Extra', 'Action', '']) {
      const fields = tabs.get(tab);
      if (fields === undefined) continue;
      if (tab === '') for (const f of fields) out.push(`   ${f}`);
      else out.push(`   ${tab} tab:`, ...fields.map((f) => `     ${f}`));
    }
  });
  if (o.queue.kind === 'none') {
    out.push('', `No queue: the packet mark "${o.packetMark}" takes effect once a queue uses it.`);
  }
  return out.join('\n') + '\n';
}

/** One argument quoted for a POSIX shell when it needs it. */
export function shellQuote(a: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/** The `rsc gen skype-nack` command line that makes the same recipe (defaults left out). */
export function skypeNackCommandLine(o: SkypeNackOptions): string {
  const args: string[] = [];
  const opt = (name: string, value: string | undefined, dflt?: string): void => {
    if (value !== undefined && value !== dflt) args.push(name, value);
  };
  for (const ip of o.publicIps) args.push('--public-ip', ip);
  opt('--upload', o.upload);
  opt('--download', o.download);
  opt('--chain', o.chain, SKYPE_NACK_DEFAULTS.chain);
  opt('--list', o.addressList, SKYPE_NACK_DEFAULTS.addressList);
  opt('--timeout', o.timeout, SKYPE_NACK_DEFAULTS.timeout);
  opt('--rate', o.rate, SKYPE_NACK_DEFAULTS.rate);
  opt('--l7-name', o.layer7Name, SKYPE_NACK_DEFAULTS.layer7Name);
  opt('--conn-mark', o.connectionMark, SKYPE_NACK_DEFAULTS.connectionMark);
  opt('--packet-mark', o.packetMark, SKYPE_NACK_DEFAULTS.packetMark);
  opt('--in-interface', o.inInterface);
  opt('--wan-list', o.wanList ?? o.inInterfaceList, SKYPE_NACK_DEFAULTS.wanList);
  opt('--dscp', o.dscp === undefined ? undefined : String(o.dscp));
  const q = o.queue;
  if (q?.kind === 'tree') {
    opt('--wan-interface', q.wanInterface, SKYPE_NACK_DEFAULTS.wanInterface);
    opt('--lan-interface', q.lanInterface, SKYPE_NACK_DEFAULTS.lanInterface);
  }
  if (q?.kind === 'simple') opt('--simple-queue', q.target);
  if (q?.kind === 'none') args.push('--no-queue');
  if (q !== undefined && q.kind !== 'none') opt('--queue-name', q.name, SKYPE_NACK_DEFAULTS.queueName);
  if (o.strict === true) args.push('--strict');
  opt('--pattern', o.pattern, 'auto');
  opt('--target', o.target, 'latest');
  opt('--form', o.form, 'rsc');
  return ['rsc', 'gen', 'skype-nack', ...args.map(shellQuote)].join(' ');
}

/**
 * Generates the recipe. Throws SkypeNackOptionsError (with every problem) on invalid options, and
 * NackSelfCheckError when the pattern fails the l7 engine's check on the user's own NAcks.
 */
export function generateSkypeNack(options: SkypeNackOptions, hooks: SkypeNackHooks = {}): SkypeNackRecipe {
  const n = normalizeSkypeNackOptions(options);
  if (n.options === undefined) throw new SkypeNackOptionsError(n.problems);
  const o = n.options;
  const builder = hooks.buildPattern ?? buildPatternText;
  // Both forms are built and measured, whatever is chosen: the header prints both rates.
  const forms = {
    tolerant: buildNackPattern(o.ranges, 'tolerant', builder),
    strict: buildNackPattern(o.ranges, 'strict', builder),
  };
  const rates = {
    tolerant: measureFalseMatches(forms.tolerant.cli, o.ranges),
    strict: measureFalseMatches(forms.strict.cli, o.ranges),
  };
  const mode: NackMode =
    o.pattern !== 'auto' ? o.pattern : rates.tolerant.rate > MAX_FALSE_MATCH_RATE ? 'strict' : 'tolerant';
  const pattern = forms[mode];
  const check = checkNackPattern(pattern.cli, pattern.winbox, o.ranges, mode);
  const described = describeParts(pattern);
  const warnings = [...n.warnings, ...described.warnings];
  const rules = buildRules(o, pattern);
  if (options.existing !== undefined) {
    // Appended to this configuration, would the recipe's mangle rules be hidden (RSC4011)?
    const draft = renderRsc(o, [], rules);
    for (const h of hidingRules(options.existing, draft)) {
      const mine = rules.filter(
        (r) => r.menu === '/ip firewall mangle' && r.props.some(([k, v]) => k === 'chain' && v === h.chain),
      );
      if (h.uniqueComment !== undefined) {
        const find = `[find comment=${rscValue(h.uniqueComment, true)}]`;
        for (const r of mine) {
          r.props.splice(r.props.length - 1, 0, ['place-before', find]);
        }
        mine[0]?.explain.push(
          `place-before: line ${h.line} of your configuration (${h.action}, "${h.uniqueComment}") takes every packet of the ${h.chain} rules and ends the chain, so they go before it.`,
        );
      } else {
        warnings.push(
          `line ${h.line} of your configuration (${h.action} in chain ${h.chain}) takes every packet of the recipe's ${h.chain} rules and ends the chain: move them above it (it has no unique comment to place them by)`,
        );
      }
    }
  }
  const qv = queueValues(o);
  const header = headerLines(
    o,
    pattern,
    described.lines,
    described.latin1,
    warnings,
    {
      forced: o.pattern !== 'auto',
      rates,
    },
    qv,
  );
  const rsc = renderRsc(o, header, rules);
  const winbox = renderWinbox(o, header, rules);
  return {
    text: o.form === 'winbox' ? winbox : rsc,
    rsc,
    winbox,
    ranges: o.ranges,
    pattern: {
      mode,
      cli: pattern.cli,
      winbox: pattern.winbox,
      parts: pattern.alternatives.map((a) => {
        const head = a.matchers.map(matcherText).join('');
        return { range: a.range.cidr, cli: winboxToCli(head), winbox: head, free: a.free };
      }),
      choice: o.pattern !== 'auto' ? 'forced' : 'measured',
      rates,
    },
    queues: qv,
    rules,
    warnings,
    check,
  };
}
