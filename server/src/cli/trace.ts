// `rsc trace`: follows packets through a configuration offline (analysis/trace/): which rules each packet
// hits, its marks, address lists, FastTrack, NAT, verdict and queue. Packets come from `--packet` specs or
// from a pcap/pcapng capture. Text for people, `--json` for scripts.
import type { CliIO, Subcommand } from './io';
import { EXIT } from './io';
import { parseCommandLine, UsageError, type OptionSpecs } from './args';
import { PacketSpecError, traceJson, traceText as formatText, type TracePacket } from '../analysis/trace';
import { capturePackets, traceConfigText } from '../features/trace';

export const traceHelp = `rsc trace: follow packets through a configuration, offline

Usage:
  rsc trace CONFIG.rsc --packet "PROTO SRC:PORT > DST:PORT in=IFACE [size=N] [payload=HEX] [time=SECONDS]" ... [--json]
  rsc trace CONFIG.rsc --pcap FILE --in IFACE [--json]

Packets:
  --packet SPEC   one IPv4 packet, addresses as it arrives on in=IFACE (a bridge port reaches the firewall
                  on its bridge). PROTO is tcp, udp, icmp or a number (icmp has no ports). size= is the
                  whole IP packet (default: 20 + the TCP/UDP header + the payload); payload= is hex;
                  time= is seconds on the packets' clock (default: the previous packet's time).
                  Repeat --packet: packets with the same 5-tuple in either direction are one connection,
                  in the order given.
  --pcap FILE     the TCP and UDP packets of a capture (pcap or pcapng), all arriving on --in IFACE;
                  times are relative to the first frame.

What it models (IPv4, RouterOS's packet flow):
  raw and mangle prerouting, dst-nat, the routing decision (to the router if the destination is one of
  its /ip address entries, else forward out the connected network, a route's gateway or a DHCP client's
  interface), mangle and filter input or forward, mangle postrouting, src-nat/masquerade, then the
  queues: the first simple queue whose target (addresses as routed, or an interface) and packet-marks
  fit, the queue tree leaf under global and the one under the out-interface whose packet-mark fits.
  Connection tracking per 5-tuple, both directions: the first packet is new, packets after a reply are
  established; NAT mappings send replies back to the host behind the NAT. NAT rules run only for a
  connection's first packet. fasttrack-connection (TCP/UDP) makes the connection's later packets skip
  mangle, filter, simple queues and the global queue tree. Address lists: static entries and entries
  added by rules, which expire after address-list-timeout on the packets' clock (re-adding renews them).
  layer7-protocol: one buffer per connection and pattern, fed by each packet a rule asks about (the
  layer-7 matcher is asked last, after the rule's other matchers); connection-rate: bits over the last
  second of the connection, both directions, the packet itself included; connection-bytes: the
  connection's bytes so far; packet-size: the IP packet. jump/return, passthrough, interface lists;
  ipsec-policy as if no IPsec policy applies (DIR,none matches, DIR,ipsec does not).
  A matcher it does not model (limit, nth, time, tcp-flags, ...) is reported as "not modelled: NAME on
  line N" and the rule is assumed not to match.

Output:
  Text: per packet, the rules hit (file:line and action, by table and chain), NAT, address-list changes,
  marks, verdict, queues and what was not modelled.
  --json: { "packets": [ { "packet", "time", "connection", "direction", "connectionState", "path",
            "outInterface", "rules": [{ "line", "table", "chain", "action", "detail"? }],
            "connectionMark", "packetMark", "routingMark", "addressLists": [{ "list", "address",
            "timeout", "line" }], "fasttracked", "nat": null | { "src"?, "dst"?: { "from", "to", "line" } },
            "verdict": "accept"|"drop"|"reject", "queues": [name], "notModelled": [string] } ] }

Exit status: 0 when the trace ran, 2 on bad input: a malformed packet spec or an unknown interface (the
spec is named), an unreadable config or capture, a capture link type we cannot read (with its byte offset).
`;

interface Options {
  config?: string;
  packets: string[];
  pcap?: string;
  iface?: string;
  json: boolean;
}

const TRACE_OPTIONS: OptionSpecs = {
  packet: { type: 'string' },
  pcap: { type: 'string' },
  in: { type: 'string' },
  json: { type: 'boolean' },
};

function parseArgs(args: string[]): Options | 'help' {
  const o: Options = { packets: [], json: false };
  const line = parseCommandLine(args, TRACE_OPTIONS);
  if (line.help) return 'help';
  for (const { name, value } of line.options) {
    switch (name) {
      case '--packet':
        o.packets.push(value);
        break;
      case '--pcap':
        o.pcap = value;
        break;
      case '--in':
        o.iface = value;
        break;
      case '--json':
        o.json = true;
        break;
    }
  }
  const [config, second] = line.positionals;
  if (second !== undefined)
    throw new UsageError(`one configuration file only (got "${config}" and "${second}")`);
  o.config = config;
  if (o.config === undefined) throw new UsageError('the configuration file (CONFIG.rsc) is missing');
  if (o.pcap === undefined && o.packets.length === 0)
    throw new UsageError('give --packet SPEC or --pcap FILE --in IFACE');
  if (o.pcap !== undefined && o.packets.length > 0)
    throw new UsageError('give either --packet or --pcap, not both');
  if (o.pcap !== undefined && o.iface === undefined)
    throw new UsageError('--pcap needs --in IFACE (where the capture arrives)');
  return o;
}

export const traceCommand: Subcommand = async (args, io: CliIO) => {
  try {
    const o = parseArgs(args);
    if (o === 'help') {
      io.stdout(traceHelp);
      return EXIT.ok;
    }
    const file = o.config as string;
    let text: string;
    try {
      text = io.readFile(file).toString('utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
    }
    let packets: (string | TracePacket)[] = o.packets;
    if (o.pcap !== undefined) {
      let bytes: Uint8Array;
      try {
        bytes = io.readFile(o.pcap);
      } catch (err) {
        throw new UsageError(`cannot read ${o.pcap}: ${(err as Error).message}`);
      }
      packets = capturePackets(bytes, o.iface as string, o.pcap);
      if (packets.length === 0) throw new UsageError(`${o.pcap}: no IPv4 TCP or UDP packet in the capture`);
    }
    const { report } = traceConfigText(text, packets);
    io.stdout(o.json ? JSON.stringify(traceJson(report), null, 2) + '\n' : formatText(report, file));
    return EXIT.ok;
  } catch (err) {
    if (err instanceof UsageError || err instanceof PacketSpecError) {
      io.stderr(`rsc trace: ${err.message}\nRun "rsc trace --help" for the usage.\n`);
      return EXIT.usage;
    }
    throw err;
  }
};
