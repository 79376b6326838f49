// `rsc gen`: prints generated recipes. Today one recipe, `skype-nack` (Skype NAck QoS): options from the
// command line, script (or Winbox values, or JSON with every part) on stdout, bad input named on stderr.
import type { CliIO, Subcommand } from './io';
import { scanArgs, UsageError } from './args';
import { EXIT } from './io';
import {
  generateSkypeNack,
  NackSelfCheckError,
  rscValue,
  shellQuote,
  SKYPE_NACK_DEFAULTS,
  SkypeNackOptionsError,
  splitAddressList,
  TRADE_OFF,
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

export const skypeNackHelp = `rsc gen skype-nack: generate the Skype NAck QoS recipe (layer-7 detection, marks, queue)

Usage:
  rsc gen skype-nack --public-ip ADDR[/LEN] [--public-ip ...] [options]

What it makes: a commented RouterOS script that
  1. finds the Skype NAck, the unencrypted 39-byte UDP packet (11 bytes of payload) a peer sends back to
     tell a client its public address (at payload offset 3), with a layer-7 pattern for YOUR public
     addresses, and puts the sender of the NAck (the peer) on an address list with a timeout;
  2. marks UDP connections to/from listed peers while their rate stays low (calls, not file transfers:
     mark-connection passthrough=yes, then mark-packet passthrough=no);
  3. optionally sets DSCP 46 (EF) and queues the marked packets first (queue tree or simple queue).
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

The pattern and its trade-off:
  The NAck is the peer's reply in a connection the client opened, so the client's first packet may or may
  not be in the layer-7 buffer before it; when the 39-byte rule examines the NAck, its payload is the end of
  the buffer. The pattern is anchored there ($, written \\$ in a .rsc string): your address starts 8 bytes
  before the end. The matcher deletes zero bytes from the data, so a zero octet in the address or zeros in
  the 4 bytes after it make that distance shorter. No pattern is exact for every address: a later byte
  equal to your prefix byte can land in the same place.
${indent(TRADE_OFF.tolerant)}
${indent(TRADE_OFF.strict)}
  --strict                 use the exact-length form instead of the tolerant default.
  Letters: matching ignores case, so an octet that is an ASCII letter (65-90, 97-122) also matches its
  other case (e.g. 74 "J" and 106 "j"); the generator warns when your ranges have one.

Rules:
  --chain forward|prerouting   where the rules go (default ${D.chain}). prerouting suits a border router; the
                           layer-7 matcher must see both directions, so the detection rule is repeated in
                           postrouting, as the RouterOS manual asks.
  --list NAME              address list for detected peers (default ${D.addressList})
  --timeout TIME           how long a peer stays listed after its last NAck (default ${D.timeout}; none-dynamic
                           and none-static are accepted)
  --rate FROM-TO           connection-rate of a call in bits/s (default ${D.rate}); faster connections (file
                           transfers) are not marked, and lose the mark when they speed up
  --l7-name NAME           layer7-protocol entry name (default ${D.layer7Name})
  --conn-mark NAME         connection mark (default ${D.connectionMark})
  --packet-mark NAME       packet mark (default ${D.packetMark})
  --in-interface NAME      examine only NAcks arriving on this WAN interface
  --in-interface-list NAME the same with an interface list (e.g. WAN)
  --dscp N                 also set DSCP N (0-63) on the marked packets; 46 is EF (expedited forwarding)

Queue (one of, optional; without one the script says how to use the packet mark):
  --queue-parent NAME      /queue tree entry under NAME (e.g. global or your WAN queue), priority 1
  --simple-queue TARGET    /queue simple entry for TARGET (address, prefix or interface), priority 1/1
  --queue-name NAME        name of that queue (default ${D.queueName})

Output:
  --form rsc|winbox        a .rsc script (default) or the values to enter in Winbox, window by window
  --json                   one JSON object: { "recipe", "generatedBy", "ranges": [cidr],
                           "pattern": { "mode": "tolerant"|"strict", "cli", "winbox", "engine",
                                        "parts": [{ "range", "cli", "winbox", "free" }] },
                           "rules": [{ "menu", "command", "explain": [string], "properties": {name: value} }],
                           "warnings": [string], "check": { "connections", "required", "matched",
                           "expectedMisses", "addresses" }, "script": string (in --form) }

Exit status: 0 on success (warnings go to stderr), 2 on bad input (each bad entry is named), 70 when the
generated pattern fails its own check (a bug: please report it).

Example:
  rsc gen skype-nack --public-ip 92.0.0.0/8 --public-ip 213.45.0.0/16 --dscp 46 --queue-parent global
`;

export const genHelp = `rsc gen: generate RouterOS recipes

Usage:
  rsc gen <recipe> [options]
  rsc gen <recipe> --help

Recipes:
  skype-nack   Skype NAck QoS: detect Skype peers by the NAck carrying your public address (layer 7),
               mark low-rate UDP with them, optional DSCP 46 and queue.

${skypeNackHelp}`;

interface Parsed {
  options: SkypeNackOptions;
  json: boolean;
}

function parseSkypeNackArgs(args: string[]): Parsed | 'help' {
  const publicIps: string[] = [];
  const o: { -readonly [K in keyof SkypeNackOptions]: SkypeNackOptions[K] } = { publicIps };
  let json = false;
  let queueParent: string | undefined;
  let simpleQueue: string | undefined;
  let queueName: string | undefined;
  for (const { name: a, raw, value } of scanArgs(args)) {
    switch (a) {
      case '--help':
      case '-h':
        return 'help';
      case '--public-ip':
        publicIps.push(...splitAddressList(value()));
        break;
      case '--chain': {
        const v = value();
        if (v !== 'forward' && v !== 'prerouting') {
          throw new UsageError(`--chain "${v}": use forward or prerouting`);
        }
        o.chain = v;
        break;
      }
      case '--list':
        o.addressList = value();
        break;
      case '--timeout':
        o.timeout = value();
        break;
      case '--rate':
        o.rate = value();
        break;
      case '--l7-name':
        o.layer7Name = value();
        break;
      case '--conn-mark':
        o.connectionMark = value();
        break;
      case '--packet-mark':
        o.packetMark = value();
        break;
      case '--in-interface':
        o.inInterface = value();
        break;
      case '--in-interface-list':
        o.inInterfaceList = value();
        break;
      case '--dscp': {
        const v = value();
        if (!/^\d{1,2}$/.test(v) || Number(v) > 63) {
          throw new UsageError(`--dscp "${v}": give a whole number from 0 to 63 (46 is EF)`);
        }
        o.dscp = Number(v);
        break;
      }
      case '--queue-parent':
        queueParent = value();
        break;
      case '--simple-queue':
        simpleQueue = value();
        break;
      case '--queue-name':
        queueName = value();
        break;
      case '--strict':
        o.strict = true;
        break;
      case '--form': {
        const v = value();
        if (v !== 'rsc' && v !== 'winbox') throw new UsageError(`--form "${v}": use rsc or winbox`);
        o.form = v;
        break;
      }
      case '--json':
        json = true;
        break;
      default:
        throw new UsageError(`unknown argument "${raw}"`);
    }
  }
  if (publicIps.length === 0) throw new UsageError('--public-ip is required (your public address or range)');
  if (queueParent !== undefined && simpleQueue !== undefined) {
    throw new UsageError('give --queue-parent or --simple-queue, not both');
  }
  if (queueName !== undefined && queueParent === undefined && simpleQueue === undefined) {
    throw new UsageError('--queue-name needs --queue-parent or --simple-queue');
  }
  if (queueParent !== undefined) o.queue = { kind: 'tree', parent: queueParent, name: queueName };
  if (simpleQueue !== undefined) o.queue = { kind: 'simple', target: simpleQueue, name: queueName };
  return { options: o, json };
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
  try {
    const recipe = generateSkypeNack({ ...parsed.options, generatedBy });
    if (parsed.json) {
      const out = {
        recipe: 'skype-nack',
        generatedBy,
        ranges: recipe.ranges.map((r) => r.cidr),
        pattern: { ...recipe.pattern, engine: printableEngine(fromCli(recipe.pattern.cli).engine) },
        rules: recipe.rules.map((r) => ({
          menu: r.menu,
          command: commandOf(r.props),
          explain: r.explain,
          properties: Object.fromEntries(r.props),
        })),
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

/** The one-line `add` command of a rule (no wrapping), for the JSON output. */
function commandOf(props: [string, string][]): string {
  return ['add', ...props.map(([k, v]) => `${k}=${rscValue(v, k === 'regexp' || k === 'comment')}`)].join(
    ' ',
  );
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
