// `rsc gen`: prints generated recipes. Today one recipe, `skype-nack` (Skype NAck QoS): options from the
// command line, script (or Winbox values, or JSON with every part) on stdout, bad input named on stderr.
import type { CliIO, Subcommand } from './io';
import { parseCommandLine, UsageError, type OptionSpecs } from './args';
import { EXIT } from './io';
import {
  argText,
  generateSkypeNack,
  NackSelfCheckError,
  rscValue,
  shellQuote,
  SKYPE_NACK_DEFAULTS,
  SkypeNackOptionsError,
  splitAddressList,
  TRADE_OFF,
  type RecipeRule,
  type SkypeNackOptions,
} from '../codegen';
import { fromCli, printableEngine } from '../l7';

const D = SKYPE_NACK_DEFAULTS;

/** Word-wraps a paragraph for the help: first line indented 4, the rest 6, lines up to 108 characters. */
function indent(text: string): string {
  const lines: string[] = [];
  let line = '    ';
  for (const word of text.split(' ')) {
    if (line.trim() !== '' && line.length + 1 + word.length > 108) {
      lines.push(line);
      line = '      ' + word;
    } else line += (line.trim() === '' ? '' : ' ') + word;
  }
  lines.push(line);
  return lines.join('\n');
}

export const skypeNackHelp = `rsc gen skype-nack: generate the Skype NAck QoS recipe (layer-7 detection, marks, queues)

Usage:
  rsc gen skype-nack --public-ip ADDR[/LEN] --upload RATE --download RATE [options]

What it makes: a commented RouterOS script, meant to be appended to a router's configuration (RouterOS's
default configuration included), that
  1. finds the Skype NAck, the unencrypted 39-byte UDP packet (11 bytes of payload) a peer sends back to
     tell a client its public address (at payload offset 3), with a layer-7 pattern for YOUR public
     addresses, only on packets from the WAN, and puts the sender (the peer) on an address list;
  2. marks UDP connections to/from listed peers while their rate stays low (calls, not file transfers:
     mark-connection passthrough=yes, then mark-packet passthrough=no), protocol=udp on every rule with
     connection-rate;
  3. keeps the marked connections out of the default fasttrack rule (found by its comment "${D.fasttrackComment}")
     and shapes each direction: a parent queue with max-limit 90% of the line rate, the Skype child
     (limit-at, priority 1) and a default child for everything else (priority 8).
Before printing, the pattern is run by the layer-7 engine over synthetic NAcks for every range (edges and
samples, alone in the buffer and after a client packet, with and without zero bytes); a pattern that would
miss one of your NAcks is never printed (internal error, exit 70).

Addresses:
  --public-ip ADDR[/LEN]   a public IPv4 address or CIDR range the NAck carries (the address peers see,
                           after NAT). Repeat it, or separate entries with commas. Private, loopback,
                           link-local, multicast, carrier-grade NAT, documentation and reserved ranges are
                           refused. A /8 becomes one byte of the pattern, a /16 two, a /20 two bytes and a
                           byte range ([\\x10-\\x1f]); several ranges an alternation. A range whose fixed part
                           holds a zero octet (e.g. 100.0.0.0/16) gets a warning: zero bytes never reach the
                           matcher, so it cannot be matched exactly.

Line rates and queues (the queues need both rates):
  --upload RATE            the line's upload rate in bits/s: 20M, 2.5M, 512k (64k to 100G)
  --download RATE          the line's download rate
  --wan-interface NAME     parent of the upload queues: the WAN interface (default ${D.wanInterface}, as in RouterOS's
                           default configuration; pppoe-out1 for PPPoE)
  --lan-interface NAME     parent of the download queues: the LAN interface (default ${D.lanInterface})
  --simple-queue TARGET    simple queues for TARGET (address, prefix or interface) instead of the queue tree:
                           parent + Skype (priority 1/1) before a default queue (8/8). Simple queues never
                           see fast-tracked packets, so the default fasttrack rule is disabled.
  --no-queue               only the detection and the marks (your own queues use the packet mark)
  --queue-name NAME        base name of the queues (default ${D.queueName}: ${D.queueName}-qos-upload, ${D.queueName}-upload, ...)

The pattern and its trade-off:
  The NAck is the peer's reply in a connection the client opened, so the client's first packet may or may
  not be in the layer-7 buffer before it; when the 39-byte rule examines the NAck, its payload is the end of
  the buffer. The pattern is anchored there ($, written \\$ in a .rsc string): your address starts 8 bytes
  before the end. The matcher deletes zero bytes from the data, so a zero octet in the address or zeros in
  the 4 bytes after it make that distance shorter.
${indent(TRADE_OFF.tolerant)}
${indent(TRADE_OFF.strict)}
${indent(TRADE_OFF.auto)}
  --pattern auto|tolerant|strict   choose the form (default auto); both measured rates are printed
  --strict                 the same as --pattern strict
  Letters: matching ignores case, so an octet that is an ASCII letter (65-90, 97-122) also matches its
  other case (e.g. 74 "J" and 106 "j"); the generator warns when your ranges have one.

Rules:
  --wan-list NAME          interface list the NAcks must arrive on (default ${D.wanList}); a LAN host is never
                           listed as a peer (--in-interface-list is the old name)
  --in-interface NAME      a single WAN interface instead of the list
  --chain forward|prerouting   where the rules go (default ${D.chain}). prerouting suits a border router; the
                           layer-7 matcher must see both directions, so the detection rule is repeated in
                           postrouting (restricted to packets not leaving through the WAN)
  --list NAME              address list for detected peers (default ${D.addressList})
  --timeout TIME           how long a peer stays listed after its last NAck (default ${D.timeout}; RouterOS 7 also
                           takes none-dynamic and none-static)
  --rate FROM-TO           connection-rate of a call in bits/s (default ${D.rate}: both directions and headers
                           count, every second; one voice call is about 100k). Faster connections (file
                           transfers) are not marked, and lose the mark when they speed up
  --l7-name NAME           layer7-protocol entry name (default ${D.layer7Name})
  --conn-mark NAME         connection mark (default ${D.connectionMark})
  --packet-mark NAME       packet mark (default ${D.packetMark})
  --dscp N                 also set DSCP N (0-63) on the marked packets; 46 is EF (expedited forwarding)
  --target 6|7|7.x|latest  RouterOS version (default latest): 6 refuses none-dynamic/none-static timeouts

Placement:
  --existing FILE          the router's configuration (an /export) the script will be appended to. Mangle
                           rules appended at the end of a chain are hidden by an earlier rule that takes all
                           their packets and ends the chain (RSC4011); with FILE the recipe's rules get
                           place-before=[find comment="..."] that rule, or a warning names its line. Without
                           FILE the header says how to check (rsc lint on the export with the recipe appended).

Output:
  --form rsc|winbox        a .rsc script (default) or the values to enter in Winbox, window by window
  --json                   one JSON object: { "recipe", "generatedBy", "ranges": [cidr],
                           "pattern": { "mode": "tolerant"|"strict", "choice": "measured"|"forced",
                                        "rates": { "tolerant"|"strict": { "random", "foreign", "samples", "rate" } },
                                        "cli", "winbox", "engine", "parts": [{ "range", "cli", "winbox", "free" }] },
                           "queues": { "upload", "download", "uploadLimit", "downloadLimit", "limitAt" },
                           "rules": [{ "menu", "command", "explain": [string], "properties": {name: value} }],
                           "warnings": [string], "check": { "connections", "required", "matched",
                           "expectedMisses", "addresses" }, "script": string (in --form) }

Exit status: 0 on success (warnings go to stderr), 2 on bad input (each bad entry is named), 70 when the
generated pattern fails its own check (a bug: please report it).

Example:
  rsc gen skype-nack --public-ip 213.45.67.89/32 --upload 20M --download 100M
`;

export const genHelp = `rsc gen: generate RouterOS recipes

Usage:
  rsc gen <recipe> [options]
  rsc gen <recipe> --help

Recipes:
  skype-nack   Skype NAck QoS: detect Skype peers by the NAck carrying your public address (layer 7),
               mark low-rate UDP with them, shape both directions with Skype first.

${skypeNackHelp}`;

interface Parsed {
  options: SkypeNackOptions;
  json: boolean;
  /** --existing: the configuration the script will be appended to (read by skypeNack). */
  existingFile?: string;
}

const SKYPE_NACK_OPTIONS: OptionSpecs = {
  'public-ip': { type: 'string' },
  chain: { type: 'string' },
  list: { type: 'string' },
  timeout: { type: 'string' },
  rate: { type: 'string' },
  'l7-name': { type: 'string' },
  'conn-mark': { type: 'string' },
  'packet-mark': { type: 'string' },
  'in-interface': { type: 'string' },
  'in-interface-list': { type: 'string' },
  'wan-list': { type: 'string' },
  upload: { type: 'string' },
  download: { type: 'string' },
  target: { type: 'string' },
  pattern: { type: 'string' },
  dscp: { type: 'string' },
  'queue-parent': {
    type: 'string',
    refused:
      '--queue-parent is gone: a queue under global has no limit to prioritise within and fast-tracked ' +
      'packets bypass it; the recipe now builds a queue tree per direction (--wan-interface, --lan-interface)',
  },
  'wan-interface': { type: 'string' },
  'lan-interface': { type: 'string' },
  'simple-queue': { type: 'string' },
  'no-queue': { type: 'boolean' },
  'queue-name': { type: 'string' },
  strict: { type: 'boolean' },
  form: { type: 'string' },
  json: { type: 'boolean' },
  existing: { type: 'string' },
};

function parseSkypeNackArgs(args: string[]): Parsed | 'help' {
  const publicIps: string[] = [];
  const o: { -readonly [K in keyof SkypeNackOptions]: SkypeNackOptions[K] } = { publicIps };
  let json = false;
  let wanInterface: string | undefined;
  let lanInterface: string | undefined;
  let simpleQueue: string | undefined;
  let noQueue = false;
  let existingFile: string | undefined;
  let queueName: string | undefined;
  const line = parseCommandLine(args, SKYPE_NACK_OPTIONS);
  if (line.help) return 'help';
  if (line.positionals.length > 0) throw new UsageError(`unexpected argument "${line.positionals[0]}"`);
  for (const { name, value: v } of line.options) {
    switch (name) {
      case '--public-ip':
        publicIps.push(...splitAddressList(v));
        break;
      case '--chain': {
        if (v !== 'forward' && v !== 'prerouting') {
          throw new UsageError(`--chain "${v}": use forward or prerouting`);
        }
        o.chain = v;
        break;
      }
      case '--list':
        o.addressList = v;
        break;
      case '--timeout':
        o.timeout = v;
        break;
      case '--rate':
        o.rate = v;
        break;
      case '--l7-name':
        o.layer7Name = v;
        break;
      case '--conn-mark':
        o.connectionMark = v;
        break;
      case '--packet-mark':
        o.packetMark = v;
        break;
      case '--in-interface':
        o.inInterface = v;
        break;
      case '--in-interface-list':
      case '--wan-list':
        if (o.wanList !== undefined) throw new UsageError('give the WAN interface list once (--wan-list)');
        o.wanList = v;
        break;
      case '--upload':
        o.upload = v;
        break;
      case '--download':
        o.download = v;
        break;
      case '--target':
        o.target = v;
        break;
      case '--pattern': {
        if (v !== 'auto' && v !== 'tolerant' && v !== 'strict') {
          throw new UsageError(`--pattern "${v}": use auto, tolerant or strict`);
        }
        o.pattern = v;
        break;
      }
      case '--dscp': {
        if (!/^\d{1,2}$/.test(v) || Number(v) > 63) {
          throw new UsageError(`--dscp "${v}": give a whole number from 0 to 63 (46 is EF)`);
        }
        o.dscp = Number(v);
        break;
      }
      case '--wan-interface':
        wanInterface = v;
        break;
      case '--lan-interface':
        lanInterface = v;
        break;
      case '--simple-queue':
        simpleQueue = v;
        break;
      case '--no-queue':
        noQueue = true;
        break;
      case '--queue-name':
        queueName = v;
        break;
      case '--strict':
        o.strict = true;
        break;
      case '--form': {
        if (v !== 'rsc' && v !== 'winbox') throw new UsageError(`--form "${v}": use rsc or winbox`);
        o.form = v;
        break;
      }
      case '--json':
        json = true;
        break;
      case '--existing':
        existingFile = v;
        break;
    }
  }
  if (publicIps.length === 0) throw new UsageError('--public-ip is required (your public address or range)');
  const kinds = [simpleQueue !== undefined, noQueue].filter(Boolean).length;
  if (kinds > 1) throw new UsageError('give --simple-queue or --no-queue, not both');
  if ((wanInterface !== undefined || lanInterface !== undefined) && kinds > 0) {
    throw new UsageError(
      '--wan-interface and --lan-interface are for the queue tree, not with --simple-queue/--no-queue',
    );
  }
  if (queueName !== undefined && noQueue)
    throw new UsageError('--queue-name has no queue to name with --no-queue');
  if (simpleQueue !== undefined) o.queue = { kind: 'simple', target: simpleQueue, name: queueName };
  else if (noQueue) o.queue = { kind: 'none' };
  else o.queue = { kind: 'tree', wanInterface, lanInterface, name: queueName };
  return { options: o, json, existingFile };
}

/** The command line as a user would type it again (arguments quoted for a POSIX shell when needed). */
function commandLine(args: string[]): string {
  return ['rsc', 'gen', 'skype-nack', ...args.map(shellQuote)].join(' ');
}

async function skypeNack(args: string[], io: CliIO): Promise<number> {
  let parsed: Parsed | 'help';
  try {
    parsed = parseSkypeNackArgs(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`rsc gen skype-nack: ${err.message}\nRun 'rsc gen skype-nack --help' for the options.\n`);
    return EXIT.usage;
  }
  if (parsed === 'help') {
    io.stdout(skypeNackHelp);
    return EXIT.ok;
  }
  const generatedBy = commandLine(args);
  let existing: string | undefined;
  if (parsed.existingFile !== undefined) {
    try {
      existing = io.readFile(parsed.existingFile).toString('utf8');
    } catch (err) {
      io.stderr(
        `rsc gen skype-nack: cannot read --existing ${parsed.existingFile}: ${(err as Error).message}\n` +
          'Give the path of an /export of the router (e.g. /export file=config, then download config.rsc).\n',
      );
      return EXIT.usage;
    }
  }
  try {
    const recipe = generateSkypeNack({ ...parsed.options, generatedBy, existing });
    if (parsed.json) {
      const out = {
        recipe: 'skype-nack',
        generatedBy,
        ranges: recipe.ranges.map((r) => r.cidr),
        pattern: { ...recipe.pattern, engine: printableEngine(fromCli(recipe.pattern.cli).engine) },
        rules: recipe.rules.map((r) => ({
          menu: r.menu,
          command: commandOf(r),
          explain: r.explain,
          properties: Object.fromEntries(r.props),
        })),
        queues: recipe.queues,
        warnings: recipe.warnings,
        check: recipe.check,
        script: recipe.text,
      };
      io.stdout(JSON.stringify(out, null, 2) + '\n');
    } else {
      io.stdout(recipe.text);
      for (const w of recipe.warnings) io.stderr(`rsc gen skype-nack: warning: ${w}\n`);
    }
    return EXIT.ok;
  } catch (err) {
    if (err instanceof SkypeNackOptionsError) {
      for (const p of err.problems) io.stderr(`rsc gen skype-nack: ${p}\n`);
      return EXIT.usage;
    }
    if (err instanceof NackSelfCheckError) {
      io.stderr(`rsc gen skype-nack: ${err.message}\n`);
      return 70;
    }
    throw err;
  }
}

/** The one-line `add` (or `set [find ...]`) command of a rule (no wrapping), for the JSON output. */
function commandOf(r: RecipeRule): string {
  const head =
    r.command === 'set'
      ? `set [find ${(r.find ?? []).map(([k, v]) => `${k}=${rscValue(v, true)}`).join(' ')}]`
      : 'add';
  return [head, ...r.props.map(([k, v]) => `${k}=${argText(k, v)}`)].join(' ');
}

const recipes: Record<string, { run: Subcommand; help: string }> = {
  'skype-nack': { run: skypeNack, help: skypeNackHelp },
};

export const genCommand: Subcommand = async (args, io) => {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(genHelp);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const recipe = recipes[name];
  if (recipe === undefined) {
    io.stderr(`rsc gen: unknown recipe "${name}" (known: ${Object.keys(recipes).join(', ')})\n\n${genHelp}`);
    return EXIT.usage;
  }
  return recipe.run(rest, io);
};
