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

export type SkypeNackChain = 'forward' | 'prerouting';
export type SkypeNackForm = 'rsc' | 'winbox';

export type SkypeNackQueue =
  { kind: 'tree'; parent: string; name?: string } | { kind: 'simple'; target: string; name?: string };

export interface SkypeNackOptions {
  /** Public IPv4 addresses and/or CIDR ranges the NAck may carry (at least one). */
  publicIps: readonly string[];
  /** `forward` (default) or `prerouting` (border routers; the detection rule is repeated in postrouting). */
  chain?: SkypeNackChain;
  /** Address list the detected peers go to (default `skype`). */
  addressList?: string;
  /** How long a peer stays on the list after its last NAck (default `1h`). */
  timeout?: string;
  /** connection-rate range that counts as a call rather than a file transfer (default `0-50k`). */
  rate?: string;
  /** Name of the layer7-protocol entry (default `skype-nack`). */
  layer7Name?: string;
  /** Connection mark (default `conn_skype`) and packet mark (default `skype`), as in the forum thread. */
  connectionMark?: string;
  packetMark?: string;
  /** When set, a change-dscp rule gives the marked packets this DSCP (46 = EF, expedited forwarding). */
  dscp?: number;
  /** Optional queue: a queue tree under `parent` (priority 1) or a simple queue for `target`. */
  queue?: SkypeNackQueue;
  /** Examine only NAcks arriving on this WAN interface / interface list (at most one of the two). */
  inInterface?: string;
  inInterfaceList?: string;
  /** Exact-length pattern instead of the default tolerant one (see the trade-off in the output). */
  strict?: boolean;
  /** `rsc` (default): a .rsc script; `winbox`: the values to type into Winbox. */
  form?: SkypeNackForm;
  /** Shown in the header, e.g. the command line that made the script. */
  generatedBy?: string;
}

export const SKYPE_NACK_DEFAULTS = {
  chain: 'forward',
  addressList: 'skype',
  timeout: '1h',
  rate: '0-50k',
  layer7Name: 'skype-nack',
  connectionMark: 'conn_skype',
  packetMark: 'skype',
  queueName: 'skype',
  dscp: 46,
} as const;

/** The trade-off between the two pattern forms, in words (for help texts and UI). */
export const TRADE_OFF = {
  tolerant:
    'tolerant (default): allows for zero bytes the layer-7 matcher deletes (a zero octet in the address or ' +
    'in the 4 bytes after it). Never misses a NAck for your addresses; rarely also matches a NAck for ' +
    'another address whose later bytes repeat your prefix byte (or, once zero bytes are deleted, a byte ' +
    'before it does).',
  strict:
    'strict: exact length. No false match when the NAck has no zero byte, but misses your NAcks that ' +
    'have one (e.g. an address ending in .0, or zeros after it).',
} as const;

/** One generated command: the menu, why it is there (comment lines), and its arguments in order. */
export interface RecipeRule {
  menu: string;
  explain: string[];
  props: [string, string][];
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
  };
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

interface Normalized {
  ranges: PublicRange[];
  chain: SkypeNackChain;
  addressList: string;
  timeout: string;
  rate: string;
  layer7Name: string;
  connectionMark: string;
  packetMark: string;
  dscp?: number;
  queue?: { kind: 'tree'; parent: string; name: string } | { kind: 'simple'; target: string; name: string };
  inInterface?: string;
  inInterfaceList?: string;
  mode: NackMode;
  form: SkypeNackForm;
  generatedBy?: string;
}

/** Largest address-list timeout RouterOS takes (its own range: ..35w3d13h13m56s). */
const MAX_TIMEOUT_MS = parseTime('35w3d13h13m56s') as number;
const RATE = /^(\d{1,10})([kMG]?)-(\d{1,10})([kMG]?)$/;
const UNIT: Readonly<Record<string, number>> = { '': 1, k: 1e3, M: 1e6, G: 1e9 };

function checkName(what: string, value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') problems.push(`${what} must not be empty`);
  else if (value.trim() !== value) problems.push(`${what} "${value}" starts or ends with a space`);
  else if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    problems.push(`${what} "${encodeStringContent(value)}" contains a control character`);
  else if (value.length > 63) problems.push(`${what} "${value}" is longer than 63 characters`);
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
  const timeout = o.timeout ?? SKYPE_NACK_DEFAULTS.timeout;
  if (timeout !== 'none-dynamic' && timeout !== 'none-static') {
    const ms = parseTime(timeout);
    if (ms === undefined || !/^[0-9][0-9a-z:.]*$/.test(timeout)) {
      problems.push(`timeout "${timeout}" is not a RouterOS time such as 1h, 30m or 1d (or none-dynamic)`);
    } else if (ms <= 0 || ms > MAX_TIMEOUT_MS) {
      problems.push(`timeout "${timeout}" must be more than 0s and at most 35w3d13h13m56s`);
    }
  }
  const rate = o.rate ?? SKYPE_NACK_DEFAULTS.rate;
  const m = RATE.exec(rate);
  if (m === null)
    problems.push(`rate "${rate}" is not a connection-rate range such as 0-50k (bits per second)`);
  else if (Number(m[1]) * UNIT[m[2]] >= Number(m[3]) * UNIT[m[4]]) {
    problems.push(`rate "${rate}": the lower bound must be below the upper bound`);
  } else if (Number(m[3]) * UNIT[m[4]] > 0xffffffff)
    problems.push(`rate "${rate}": the upper bound is above 4G`);
  if (o.dscp !== undefined && (!Number.isInteger(o.dscp) || o.dscp < 0 || o.dscp > 63)) {
    problems.push(
      `DSCP "${String(o.dscp)}" must be a whole number from 0 to 63 (46 is EF, expedited forwarding)`,
    );
  }
  const addressList = checkName(
    'the address list name',
    o.addressList ?? SKYPE_NACK_DEFAULTS.addressList,
    problems,
  );
  const layer7Name = checkName(
    'the layer-7 protocol name',
    o.layer7Name ?? SKYPE_NACK_DEFAULTS.layer7Name,
    problems,
  );
  const connectionMark = checkName(
    'the connection mark',
    o.connectionMark ?? SKYPE_NACK_DEFAULTS.connectionMark,
    problems,
  );
  const packetMark = checkName('the packet mark', o.packetMark ?? SKYPE_NACK_DEFAULTS.packetMark, problems);
  checkName('the WAN interface', o.inInterface, problems);
  checkName('the WAN interface list', o.inInterfaceList, problems);
  if (o.inInterface !== undefined && o.inInterfaceList !== undefined) {
    problems.push('give a WAN interface or a WAN interface list, not both');
  }
  let queue: Normalized['queue'];
  if (o.queue !== undefined) {
    const name = checkName('the queue name', o.queue.name ?? SKYPE_NACK_DEFAULTS.queueName, problems) ?? '';
    if (o.queue.kind === 'tree') {
      checkName('the queue parent', o.queue.parent, problems);
      queue = { kind: 'tree', parent: o.queue.parent, name };
    } else {
      checkName('the simple queue target', o.queue.target, problems);
      queue = { kind: 'simple', target: o.queue.target, name };
    }
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
      layer7Name: layer7Name as string,
      connectionMark: connectionMark as string,
      packetMark: packetMark as string,
      dscp: o.dscp,
      queue,
      inInterface: o.inInterface,
      inInterfaceList: o.inInterfaceList,
      mode: o.strict === true ? 'strict' : 'tolerant',
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

/** Builds the rules in order. */
function buildRules(o: Normalized, pattern: NackPattern): RecipeRule[] {
  const rules: RecipeRule[] = [];
  const tag = (what: string): [string, string] => ['comment', `Skype NAck QoS: ${what}`];
  rules.push({
    menu: '/ip firewall layer7-protocol',
    explain: [
      'The NAck pattern described above. Layer-7 matching is CPU-heavy: the rules below hand it only',
      '39-byte UDP packets.',
    ],
    props: [
      ['name', o.layer7Name],
      ['regexp', pattern.winbox],
      tag(`NAck carrying ${o.ranges.map((r) => r.cidr).join(', ')}`),
    ],
  });
  const wan: [string, string][] =
    o.inInterface !== undefined
      ? [['in-interface', o.inInterface]]
      : o.inInterfaceList !== undefined
        ? [['in-interface-list', o.inInterfaceList]]
        : [];
  const detect = (chain: string, withWan: boolean, what: string): [string, string][] => [
    ['chain', chain],
    ['action', 'add-src-to-address-list'],
    ['protocol', 'udp'],
    ['packet-size', '39'],
    ...(withWan ? wan : []),
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
  ];
  if (o.inInterface !== undefined)
    detectExplain.push(`Only NAcks arriving on ${o.inInterface} (WAN) are examined.`);
  if (o.inInterfaceList !== undefined) {
    detectExplain.push(
      `Only NAcks arriving on the interfaces of the list ${o.inInterfaceList} are examined.`,
    );
  }
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
    props: detect(o.chain, true, 'detect peers'),
  });
  if (o.chain === 'prerouting') {
    rules.push({
      menu: '/ip firewall mangle',
      explain: [
        "The same detection in postrouting, for the traffic prerouting does not see (the router's own), as the",
        'manual requires for a layer-7 rule in prerouting.',
      ],
      props: detect('postrouting', false, 'detect peers (postrouting)'),
    });
  }
  const rateWords = `while they stay within ${o.rate} bits/s (calls, not file transfers)`;
  rules.push({
    menu: '/ip firewall mangle',
    explain: [
      `Mark UDP connections from listed peers ${rateWords}.`,
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
      'grows into a file transfer loses the priority. passthrough=no ends the chain for these packets, so no',
      'later rule can change the mark.',
    ],
    props: [
      ['chain', o.chain],
      ['action', 'mark-packet'],
      ['connection-mark', o.connectionMark],
      ['connection-rate', o.rate],
      ['new-packet-mark', o.packetMark],
      ['passthrough', 'no'],
      tag('packets'),
    ],
  });
  if (o.queue?.kind === 'tree') {
    rules.push({
      menu: '/queue tree',
      explain: [
        `Queue the marked packets first (priority 1 of 8) under "${o.queue.parent}". Priorities only act where`,
        'the parent has a max-limit below the line speed.',
      ],
      props: [
        ['name', o.queue.name],
        ['parent', o.queue.parent],
        ['packet-mark', o.packetMark],
        ['priority', '1'],
        tag('queue'),
      ],
    });
  } else if (o.queue?.kind === 'simple') {
    rules.push({
      menu: '/queue simple',
      explain: [
        `A simple queue for ${o.queue.target} with priority 1 (upload/download) for the marked packets. Simple`,
        'queues are checked in order: keep it above other queues for the same target.',
      ],
      props: [
        ['name', o.queue.name],
        ['target', o.queue.target],
        ['packet-marks', o.packetMark],
        ['priority', '1/1'],
        tag('queue'),
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
): string[] {
  const lines = [
    'Skype NAck QoS: find Skype peers by the NAck that tells a client its public address, and give low-rate',
    'UDP with those peers (calls, not file transfers) priority.',
  ];
  if (o.generatedBy !== undefined) lines.push(`Generated by: ${o.generatedBy}`);
  lines.push(
    `Public addresses: ${o.ranges.map((r) => r.cidr).join(', ')}`,
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
    'closer to the end.',
  );
  if (pattern.mode === 'tolerant') {
    lines.push(
      '  tolerant (this script): each of those bytes may be missing (".?"). It never misses a NAck for your',
      '  addresses; rarely it also matches a NAck for another address whose later bytes repeat your prefix',
      '  byte (its later octets, the 4 bytes after it, or, once zeros are deleted, bytes before it).',
      '  rsc gen skype-nack --strict makes the exact form.',
    );
  } else {
    lines.push(
      '  strict (this script, --strict): exact lengths ("."). No false match when the NAck has no zero byte,',
      '  but it misses your NAcks that have one (an address such as x.y.z.0, or zeros after it). Without',
      '  --strict the tolerant form never misses one and may rarely match another address.',
    );
  }
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

/** One `add` command, wrapped at argument boundaries the way /export does (continuation lines). */
function addLine(r: RecipeRule): string {
  const args = r.props.map(([k, v]) => `${k}=${rscValue(v, k === 'regexp' || k === 'comment')}`);
  const lines: string[] = [];
  let line = 'add';
  for (const a of args) {
    if (line.length + 1 + a.length > 100 && line.trim() !== 'add') {
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
    out.push(...r.explain.map(comment), addLine(r));
  }
  if (o.queue === undefined) {
    out.push(
      '',
      `# No queue in this script: the packet mark "${o.packetMark}" takes effect once a queue uses it, e.g.`,
      `# /queue tree add name=skype parent=<your WAN queue> packet-mark=${rscValue(o.packetMark)} priority=1`,
      '# (rsc gen skype-nack --queue-parent NAME or --simple-queue TARGET adds one).',
    );
  }
  return out.join('\n') + '\n';
}

/** Winbox window and field labels for the arguments the recipe uses. */
const WINBOX_WINDOWS: Readonly<Record<string, string>> = {
  '/ip firewall layer7-protocol': 'IP > Firewall > Layer7 Protocols',
  '/ip firewall mangle': 'IP > Firewall > Mangle',
  '/queue tree': 'Queues > Queue Tree',
  '/queue simple': 'Queues > Simple Queues',
};

const WINBOX_FIELDS: Readonly<Record<string, Readonly<Record<string, [string, string]>>>> = {
  '/ip firewall layer7-protocol': { name: ['', 'Name'], regexp: ['', 'Regexp'], comment: ['', 'Comment'] },
  '/ip firewall mangle': {
    chain: ['General', 'Chain'],
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
    priority: ['General', 'Priority'],
    comment: ['', 'Comment'],
  },
  '/queue simple': {
    name: ['General', 'Name'],
    target: ['General', 'Target'],
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
    out.push('', `${k + 1}. ${WINBOX_WINDOWS[r.menu] ?? r.menu}: add a new entry ("+")`);
    out.push(...r.explain.map((l) => `   ${l}`));
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
  if (o.queue === undefined) {
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
  opt('--chain', o.chain, SKYPE_NACK_DEFAULTS.chain);
  opt('--list', o.addressList, SKYPE_NACK_DEFAULTS.addressList);
  opt('--timeout', o.timeout, SKYPE_NACK_DEFAULTS.timeout);
  opt('--rate', o.rate, SKYPE_NACK_DEFAULTS.rate);
  opt('--l7-name', o.layer7Name, SKYPE_NACK_DEFAULTS.layer7Name);
  opt('--conn-mark', o.connectionMark, SKYPE_NACK_DEFAULTS.connectionMark);
  opt('--packet-mark', o.packetMark, SKYPE_NACK_DEFAULTS.packetMark);
  opt('--in-interface', o.inInterface);
  opt('--in-interface-list', o.inInterfaceList);
  opt('--dscp', o.dscp === undefined ? undefined : String(o.dscp));
  if (o.queue?.kind === 'tree') opt('--queue-parent', o.queue.parent);
  if (o.queue?.kind === 'simple') opt('--simple-queue', o.queue.target);
  if (o.queue !== undefined) opt('--queue-name', o.queue.name, SKYPE_NACK_DEFAULTS.queueName);
  if (o.strict === true) args.push('--strict');
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
  const pattern = buildNackPattern(o.ranges, o.mode, hooks.buildPattern ?? buildPatternText);
  const check = checkNackPattern(pattern.cli, pattern.winbox, o.ranges, o.mode);
  const described = describeParts(pattern);
  const warnings = [...n.warnings, ...described.warnings];
  const rules = buildRules(o, pattern);
  const header = headerLines(o, pattern, described.lines, described.latin1, warnings);
  const rsc = renderRsc(o, header, rules);
  const winbox = renderWinbox(o, header, rules);
  return {
    text: o.form === 'winbox' ? winbox : rsc,
    rsc,
    winbox,
    ranges: o.ranges,
    pattern: {
      mode: o.mode,
      cli: pattern.cli,
      winbox: pattern.winbox,
      parts: pattern.alternatives.map((a) => {
        const head = a.matchers.map(matcherText).join('');
        return { range: a.range.cidr, cli: winboxToCli(head), winbox: head, free: a.free };
      }),
    },
    rules,
    warnings,
    check,
  };
}
