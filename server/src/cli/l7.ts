// `rsc l7 test`: runs a layer-7 regexp, written as in a .rsc file (or in Winbox form), against payloads given
// in hex or against the flows of a pcap/pcapng capture, with the l7-filter semantics of the engine in l7/,
// and explains what the engine saw. Text output for people, `--json` for scripts.
import type { CliIO, Subcommand } from './io';
import { parseCommandLine, UsageError, type OptionSpecs } from './args';
import { EXIT } from './io';
import {
  describe,
  extractFlows,
  fromCli,
  fromWinbox,
  readCapture,
  runConnection,
  DEFAULT_LIMITS,
  type Direction,
  type Flow,
  type L7Finding,
  type L7Pattern,
  type MatchLocation,
  type PacketVerdict,
} from '../l7';

export const l7Help = `rsc l7 test: run a layer-7 regexp against payloads the way the RouterOS layer-7 matcher does

Usage:
  rsc l7 test --regexp VALUE [--winbox] [--latin1-fold] [--json] --hex HEX [--hex HEX ...]
  rsc l7 test --regexp VALUE [--winbox] [--latin1-fold] [--json] --pcap FILE

The pattern:
  --regexp VALUE   the regexp exactly as written between the quotes of regexp="..." in a .rsc file
                   (CLI form: the RouterOS string decoder runs first, so "\\\\xd5" reaches the regex as \\xd5).
                   Quote it for your shell: --regexp '[\\\\\\\\|\\\\xd5]'. A value given as --regexp=VALUE works too.
  --winbox         VALUE is the Winbox form instead: the field content, single backslashes (\\xd5).
  --latin1-fold    assume a matcher that lower-cases the pattern with Latin-1 rules: pattern bytes 0xC0-0xDE
                   (not 0xD7) become 0xE0-0xFE while the payload keeps them. The reference l7-filter code does
                   not do this (C-locale tolower, A-Z only); off by default, and the Latin-1 reading is shown
                   only with this option.

The data (one of):
  --hex HEX        the payload of one packet; several --hex are several packets of ONE connection, in
                   arrival order. Prefix ">" (or nothing) for the initiator's direction, "<" for the reply
                   (e.g. --hex '<4f2702d5'); --reply HEX is the same as --hex '<HEX'. Spaces, ":" and "-"
                   between bytes and a leading 0x are allowed. The direction does not change matching (both
                   directions share one buffer); it is shown in the report.
  --pcap FILE      a pcap or pcapng capture (Ethernet with VLAN tags, Linux SLL/SLL2, raw IP; IPv4/IPv6;
                   TCP and UDP). Packets are grouped into bidirectional flows by 5-tuple; the first packet's
                   sender is the initiator. Each flow is one connection for the matcher; empty packets (TCP
                   handshake) count towards the 10-packet limit. No TCP reassembly (the matcher has none).

What the engine does (l7-filter semantics):
  - the pattern: every \\xHH becomes the byte, then the whole pattern is lower-cased; a NUL byte ends it.
  - the data: the payloads of the connection's first 10 packets, both directions, appended in arrival order
    to one buffer of 2048 bytes (2047 of data, it is a C string), NUL bytes removed, ASCII letters lower-cased.
  - after each packet that adds data the pattern is searched over the whole buffer: "^" is the start of the
    first collected payload, "$" the end of the data so far (the end of the current packet). A match sticks.

Output:
  Text: the pattern as the engine sees it, a plain-language reading, warnings (RSCnnnn codes), then per
  connection each packet's verdict and, on a match, where it is (buffer offset, packet, payload offset) with
  the buffer around it as the engine sees it; then every capture frame that was skipped (not TCP/UDP over
  IP, or not decodable), with its frame number and the reason.
  --json prints one object:
    { "pattern": { "form": "cli"|"winbox", "input": string, "winbox": string, "cli": string,
                   "engine": string (printable, other bytes as \\xHH), "engineHex": string, "latin1Fold": bool,
                   "reading": string[], "warnings": [{ "code", "message", "start", "end" }] },
      "limits": { "maxPackets": 10, "bufferSize": 2048 },
      "source": "hex" | "pcap",
      "connections": [ {
          "flow": null | { "id", "protocol", "initiator": "addr:port", "responder": "addr:port" },
          "matched": bool,
          "match": null | { "bufferStart", "bufferEnd", "packet", "frame": number|null,
                            "first": { "packet", "offset" } | null, "last": { "packet", "offset" } | null },
          "packets": [ { "packet", "frame": number|null, "direction": "orig"|"reply", "length",
                         "appended", "nulsRemoved", "cutOff", "status" } ],
          "buffer": string (hex of the buffer as the engine sees it) } ],
      "skipped": [ { "frame": number, "reason": string } ] (capture frames that became no packet),
      "matched": bool }
    Packets are numbered from 1 within their connection; offsets are 0-based; "start"/"end" of a warning
    are offsets in the --regexp value. "status" is one of matched, no-match, no-new-data, over-packet-limit,
    already-matched, pattern-invalid.

Exit status: 0 when a connection matched, 1 when none did, 2 on a usage error, invalid hex (the argument and
position are named), an unreadable, truncated or unsupported capture, or a regexp that does not compile (with
a caret under the position) or that RouterOS would reject as a string.
`;

interface Options {
  regexp?: string;
  winbox: boolean;
  latin1Fold: boolean;
  json: boolean;
  hex: { text: string; direction: Direction; arg: number }[];
  pcap?: string;
}

const L7_TEST_OPTIONS: OptionSpecs = {
  regexp: { type: 'string' },
  winbox: { type: 'boolean' },
  'latin1-fold': { type: 'boolean' },
  json: { type: 'boolean' },
  hex: { type: 'string' },
  reply: { type: 'string' },
  pcap: { type: 'string' },
};

function parseArgs(args: string[]): Options | 'help' {
  const o: Options = { winbox: false, latin1Fold: false, json: false, hex: [] };
  const line = parseCommandLine(args, L7_TEST_OPTIONS);
  if (line.help) return 'help';
  if (line.positionals.length > 0) throw new UsageError(`unexpected argument "${line.positionals[0]}"`);
  for (const { name, value } of line.options) {
    switch (name) {
      case '--regexp':
        o.regexp = value;
        break;
      case '--winbox':
        o.winbox = true;
        break;
      case '--latin1-fold':
        o.latin1Fold = true;
        break;
      case '--json':
        o.json = true;
        break;
      case '--hex': {
        const dir: Direction = value.startsWith('<') ? 'reply' : 'orig';
        o.hex.push({ text: value.replace(/^[<>]/, ''), direction: dir, arg: o.hex.length + 1 });
        break;
      }
      case '--reply':
        o.hex.push({ text: value, direction: 'reply', arg: o.hex.length + 1 });
        break;
      case '--pcap':
        o.pcap = value;
        break;
    }
  }
  return o;
}

/** Parses one --hex value; errors name the argument and the position (0-based, in the value). */
export function parseHex(text: string, arg: number): Uint8Array {
  const bytes: number[] = [];
  let i = 0;
  if (/^0x/i.test(text)) i = 2;
  let pending = -1;
  let pendingAt = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' || c === ':' || c === '-' || c === '\t') {
      if (pending >= 0) {
        throw new UsageError(
          `invalid hex in --hex #${arg}: lone digit "${text[pendingAt]}" at position ${pendingAt}`,
        );
      }
      continue;
    }
    const v = parseInt(c, 16);
    if (!/^[0-9a-fA-F]$/.test(c)) {
      throw new UsageError(`invalid hex in --hex #${arg}: "${c}" at position ${i} is not a hex digit`);
    }
    if (pending < 0) {
      pending = v;
      pendingAt = i;
    } else {
      bytes.push(pending * 16 + v);
      pending = -1;
    }
  }
  if (pending >= 0) {
    throw new UsageError(
      `invalid hex in --hex #${arg}: odd number of digits, lone "${text[pendingAt]}" at position ${pendingAt}`,
    );
  }
  return Uint8Array.from(bytes);
}

const hexOf = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

/** A caret line under the pattern, for an error at [start, end) of the --regexp value. */
/** The reading sentences; those about the Latin-1 fold assumption only when it was asked for. */
function readingOf(p: L7Pattern, d: { reading: string[] }): string[] {
  return d.reading.filter((r) => p.latin1Fold || !/Latin-1/.test(r));
}

function caret(value: string, start: number, end: number): string {
  const prefix = '  --regexp ';
  return `${prefix}${value}\n${' '.repeat(prefix.length + start)}${'^'.repeat(Math.max(1, end - start))}\n`;
}

interface ConnectionReport {
  flow: Flow | null;
  verdicts: PacketVerdict[];
  frames: (number | null)[];
  match: MatchLocation | null;
  buffer: Uint8Array;
}

function statusWord(v: PacketVerdict): string {
  switch (v.status) {
    case 'matched':
      return 'MATCH';
    case 'no-match':
      return 'no match yet';
    case 'no-new-data':
      return 'not evaluated (adds no data)';
    case 'over-packet-limit':
      return 'not looked at (after the first 10 packets)';
    case 'already-matched':
      return 'connection already matched';
    case 'pattern-invalid':
      return 'collected; the pattern does not compile';
  }
}

/** The buffer around a match as the engine sees it: hex with the match in brackets, and printable text. */
function context(buffer: Uint8Array, m: MatchLocation): string {
  const from = Math.max(0, m.bufferStart - 16);
  const to = Math.min(buffer.length, m.bufferEnd + 16);
  let hex = '';
  let text = '';
  for (let i = from; i < to; i++) {
    if (i === m.bufferStart) {
      hex += '[';
      text += '[';
    }
    const b = buffer[i];
    hex += b.toString(16).padStart(2, '0') + (i + 1 === m.bufferEnd ? '' : ' ');
    text += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.';
    if (i + 1 === m.bufferEnd) {
      hex += '] ';
      text += ']';
    }
  }
  if (m.bufferStart === m.bufferEnd) {
    hex += '[] ';
    text += '[]';
  }
  return (
    `    buffer ${from}..${to} of ${buffer.length} as the engine sees it (NULs removed, lower-cased):\n` +
    `      ${from > 0 ? '... ' : ''}${hex.trimEnd()}${to < buffer.length ? ' ...' : ''}\n` +
    `      ${from > 0 ? '... ' : ''}${text}${to < buffer.length ? ' ...' : ''}\n`
  );
}

function where(m: MatchLocation, frames: (number | null)[]): string {
  const at = (o: { packet: number; offset: number } | null): string =>
    o === null
      ? ''
      : `packet ${o.packet + 1}${frames[o.packet] !== null ? ` (frame ${frames[o.packet]})` : ''} offset ${o.offset}`;
  const span =
    m.first === null
      ? 'an empty match'
      : m.first.packet === m.last?.packet
        ? `${at(m.first)}${m.last.offset !== m.first.offset ? `..${m.last.offset}` : ''}`
        : `${at(m.first)} to ${at(m.last)}`;
  return `buffer ${m.bufferStart}..${m.bufferEnd} = ${span}`;
}

function textReport(
  io: CliIO,
  p: L7Pattern,
  input: string,
  reports: ConnectionReport[],
  source: 'hex' | 'pcap',
  skipped: readonly { frame: number; reason: string }[] = [],
): void {
  const d = describe(p);
  let out = '';
  out += `pattern (${p.form === 'cli' ? 'CLI form' : 'Winbox form'}): ${input}\n`;
  if (p.form === 'cli') out += `  Winbox form: ${p.winbox}\n`;
  else out += `  CLI form:    regexp="${p.toCli()}"\n`;
  out += `  engine:      ${d.engine}${p.latin1Fold ? '   (Latin-1 fold assumption applied)' : ''}\n`;
  if (d.otherReading !== undefined && p.latin1Fold) {
    out += `  ${d.otherReading.latin1Fold ? 'with' : 'without'} Latin-1 fold: ${d.otherReading.engine}\n`;
  }
  for (const r of readingOf(p, d)) out += `  reading: ${r}\n`;
  for (const w of d.warnings) out += `  ${w.code} [${w.start}..${w.end}]: ${w.message}\n`;
  let matched = 0;
  for (const r of reports) {
    out += '\n';
    if (r.flow !== null) {
      const f = r.flow;
      out += `flow ${f.id} ${f.protocol}${f.ipVersion === 6 ? '6' : ''} ${ep(f.initiator)} -> ${ep(f.responder)}, ${f.packets.length} packet${f.packets.length === 1 ? '' : 's'}: `;
    } else out += `connection of ${r.verdicts.length} packet${r.verdicts.length === 1 ? '' : 's'}: `;
    if (r.match !== null) {
      matched++;
      out += `MATCH at packet ${r.match.packet + 1}\n`;
    } else out += 'no match\n';
    // Flows from a capture are listed packet by packet only when they matched, to keep the output short.
    if (source === 'hex' || r.match !== null) {
      r.verdicts.forEach((v, k) => {
        const frame = r.frames[k] !== null ? ` frame ${r.frames[k]}` : '';
        const extra = [
          v.nulsRemoved > 0 ? `${v.nulsRemoved} NUL removed` : '',
          v.cutOff > 0 ? `${v.cutOff} cut off (buffer full)` : '',
        ]
          .filter((x) => x !== '')
          .join(', ');
        out += `  #${k + 1}${frame} ${v.direction === 'orig' ? '>' : '<'} ${v.payloadLength} bytes${extra ? ` (${extra})` : ''}: ${statusWord(v)}\n`;
      });
    }
    if (r.match !== null) {
      out += `    where: ${where(r.match, r.frames)}\n`;
      out += context(r.buffer, r.match);
    }
  }
  if (skipped.length > 0) out += skippedText(skipped);
  out += `\n${matched} of ${reports.length} connection${reports.length === 1 ? '' : 's'} matched`;
  if (skipped.length > 0)
    out += ` (${skipped.length} frame${skipped.length === 1 ? '' : 's'} skipped, listed above)`;
  io.stdout(out + '\n');
}

/** Most skipped frames listed one by one; the rest are counted by reason. */
const SKIPPED_LISTED = 20;

/** The frames of a capture that did not become packets of a flow, with the frame number and the reason. */
function skippedText(skipped: readonly { frame: number; reason: string }[]): string {
  let out = `\nskipped ${skipped.length} frame${skipped.length === 1 ? '' : 's'} that are not TCP/UDP over IP or could not be decoded:\n`;
  for (const s of skipped.slice(0, SKIPPED_LISTED)) out += `  frame ${s.frame}: ${s.reason}\n`;
  if (skipped.length > SKIPPED_LISTED) {
    const counts = new Map<string, number>();
    for (const s of skipped.slice(SKIPPED_LISTED)) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
    out += `  and ${skipped.length - SKIPPED_LISTED} more: ${[...counts].map(([r, n]) => `${n} x ${r}`).join('; ')}\n`;
  }
  return out;
}

const ep = (e: { address: string; port: number }): string =>
  e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;

function jsonReport(
  io: CliIO,
  p: L7Pattern,
  input: string,
  reports: ConnectionReport[],
  source: 'hex' | 'pcap',
  skipped: readonly { frame: number; reason: string }[] = [],
): void {
  const d = describe(p);
  const warn = (w: L7Finding): object => ({ code: w.code, message: w.message, start: w.start, end: w.end });
  const obj = {
    pattern: {
      form: p.form,
      input,
      winbox: p.winbox,
      cli: p.toCli(),
      engine: d.engine,
      engineHex: [...p.engine].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join(''),
      latin1Fold: p.latin1Fold,
      reading: readingOf(p, d),
      warnings: d.warnings.map(warn),
    },
    limits: { maxPackets: DEFAULT_LIMITS.maxPackets, bufferSize: DEFAULT_LIMITS.bufferSize },
    source,
    connections: reports.map((r) => ({
      flow:
        r.flow === null
          ? null
          : {
              id: r.flow.id,
              protocol: r.flow.protocol,
              initiator: ep(r.flow.initiator),
              responder: ep(r.flow.responder),
            },
      matched: r.match !== null,
      match:
        r.match === null
          ? null
          : {
              bufferStart: r.match.bufferStart,
              bufferEnd: r.match.bufferEnd,
              packet: r.match.packet + 1,
              frame: r.frames[r.match.packet],
              first:
                r.match.first === null
                  ? null
                  : { packet: r.match.first.packet + 1, offset: r.match.first.offset },
              last:
                r.match.last === null
                  ? null
                  : { packet: r.match.last.packet + 1, offset: r.match.last.offset },
            },
      packets: r.verdicts.map((v, k) => ({
        packet: k + 1,
        frame: r.frames[k],
        direction: v.direction,
        length: v.payloadLength,
        appended: v.appended,
        nulsRemoved: v.nulsRemoved,
        cutOff: v.cutOff,
        status: v.status,
      })),
      buffer: hexOf(r.buffer),
    })),
    skipped: skipped.map((s) => ({ frame: s.frame, reason: s.reason })),
    matched: reports.some((r) => r.match !== null),
  };
  io.stdout(JSON.stringify(obj, null, 2) + '\n');
}

async function test(args: string[], io: CliIO): Promise<number> {
  const o = parseArgs(args);
  if (o === 'help') {
    io.stdout(l7Help);
    return EXIT.ok;
  }
  if (o.regexp === undefined) throw new UsageError('--regexp is required');
  if (o.hex.length === 0 && o.pcap === undefined)
    throw new UsageError('give the data: --hex HEX (one or more) or --pcap FILE');
  if (o.hex.length > 0 && o.pcap !== undefined) throw new UsageError('--hex and --pcap cannot be combined');

  const p = o.winbox
    ? fromWinbox(o.regexp, { latin1Fold: o.latin1Fold })
    : fromCli(o.regexp, 0, { latin1Fold: o.latin1Fold });
  const rejected = p.stringErrors.filter((e) => e.severity === 'error');
  if (rejected.length > 0) {
    const e = rejected[0];
    let msg = `rsc l7 test: RouterOS rejects this string: ${e.message}\n${caret(o.regexp, e.start, e.end)}`;
    if (/^\\[xX.|[\]()*+^{}]/.test(o.regexp.slice(e.start, e.start + 2))) {
      msg +=
        'This looks like a regex escape with one backslash: in a .rsc string write it with two (\\\\xd5), or pass --winbox for the Winbox form.\n';
    }
    io.stderr(msg);
    return EXIT.usage;
  }
  if (p.errors.length > 0) {
    const e = p.errors[0];
    io.stderr(
      `rsc l7 test: the regexp does not compile: ${e.message}\n${caret(o.regexp, e.start, e.end)}` +
        'A pattern that does not compile never matches: no connection would match it. Fix the pattern first.\n',
    );
    return EXIT.usage;
  }
  if (p.hasInterpolation) {
    io.stderr('rsc l7 test: warning: the value contains a $variable substitution; it is tested without it\n');
  }

  const reports: ConnectionReport[] = [];
  let source: 'hex' | 'pcap';
  let skipped: { frame: number; reason: string }[] = [];
  if (o.pcap !== undefined) {
    source = 'pcap';
    let bytes: Uint8Array;
    try {
      bytes = io.readFile(o.pcap);
    } catch (err) {
      io.stderr(`rsc l7 test: cannot read ${o.pcap}: ${(err as Error).message}\n`);
      return EXIT.usage;
    }
    const cap = readCapture(bytes);
    const flows = extractFlows(cap);
    if (flows.error !== undefined) {
      io.stderr(`rsc l7 test: ${o.pcap}: ${flows.error.message}\n`);
      return EXIT.usage;
    }
    skipped = flows.skipped;
    for (const f of flows.flows) {
      const run = runConnection(p, f.packets);
      reports.push({
        flow: f,
        verdicts: run.verdicts,
        frames: f.packets.map((x) => x.frame),
        match: run.match,
        buffer: run.buffer,
      });
    }
  } else {
    source = 'hex';
    const packets = o.hex.map((h) => ({ payload: parseHex(h.text, h.arg), direction: h.direction }));
    const run = runConnection(p, packets);
    reports.push({
      flow: null,
      verdicts: run.verdicts,
      frames: packets.map(() => null),
      match: run.match,
      buffer: run.buffer,
    });
  }
  if (o.json) jsonReport(io, p, o.regexp, reports, source, skipped);
  else textReport(io, p, o.regexp, reports, source, skipped);
  return reports.some((r) => r.match !== null) ? EXIT.ok : EXIT.findings;
}

/** `rsc l7 <subcommand>`; today only `test`. */
export const l7Command: Subcommand = async (args, io) => {
  const [sub, ...rest] = args;
  try {
    if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
      io.stdout(l7Help);
      return sub === undefined ? EXIT.usage : EXIT.ok;
    }
    if (sub !== 'test') throw new UsageError(`unknown subcommand "${sub}" (expected: test)`);
    return await test(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`rsc l7: ${err.message}\nRun "rsc l7 test --help" for the usage.\n`);
      return EXIT.usage;
    }
    throw err;
  }
};
