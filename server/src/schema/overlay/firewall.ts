// Overlay for /ip firewall and /ipv6 firewall: the value sets RouterOS's tree leaves out (actions per
// table, built-in chains, matcher syntax) and short docs, in our own words after the RouterOS manual
// pages "Filter", "NAT", "Mangle", "Raw" and "Address-lists" (help.mikrotik.com).

import type { ArgOverlay, MenuOverlay, Overlay } from './types';
import type { ValueType } from '../types';
import {
  anyString,
  intRange,
  ipRange,
  ipv6Prefix,
  listOf,
  mac,
  not,
  num,
  oneOf,
  oneOfNames,
  openNames,
  ports,
  protocol,
  rate,
  time,
  yesno,
} from './values';

type Family = 'ip' | 'ipv6';
type Table = 'filter' | 'nat' | 'mangle' | 'raw';

const COMMON_ACTIONS = [
  'accept',
  'add-dst-to-address-list',
  'add-src-to-address-list',
  'jump',
  'log',
  'passthrough',
  'return',
];

/** Actions per table, from the manual's property tables. */
const ACTIONS: Record<Family, Record<Table, readonly string[]>> = {
  ip: {
    filter: [...COMMON_ACTIONS, 'drop', 'fasttrack-connection', 'reject', 'tarpit'],
    nat: [
      ...COMMON_ACTIONS,
      'dst-nat',
      'endpoint-independent-nat',
      'masquerade',
      'netmap',
      'redirect',
      'same',
      'src-nat',
    ],
    mangle: [
      ...COMMON_ACTIONS,
      'change-dscp',
      'change-mss',
      'change-ttl',
      'clear-df',
      'fasttrack-connection',
      'mark-connection',
      'mark-packet',
      'mark-routing',
      'route',
      'set-priority',
      'sniff-pc',
      'sniff-tzsp',
      'strip-ipv4-options',
    ],
    raw: [...COMMON_ACTIONS, 'drop', 'notrack'],
  },
  ipv6: {
    filter: [...COMMON_ACTIONS, 'drop', 'fasttrack-connection', 'reject'],
    nat: [...COMMON_ACTIONS, 'dst-nat', 'masquerade', 'netmap', 'redirect', 'src-nat'],
    mangle: [
      ...COMMON_ACTIONS,
      'change-dscp',
      'change-hop-limit',
      'change-mss',
      'fasttrack-connection',
      'mark-connection',
      'mark-packet',
      'mark-routing',
      'set-priority',
      'sniff-pc',
      'sniff-tzsp',
    ],
    raw: [...COMMON_ACTIONS, 'drop', 'notrack'],
  },
};

/** Built-in chains per table; custom chains are allowed too (jump targets), so the type is open. */
const CHAINS: Record<Table, readonly string[]> = {
  filter: ['input', 'forward', 'output'],
  nat: ['srcnat', 'dstnat'],
  mangle: ['prerouting', 'input', 'forward', 'output', 'postrouting'],
  raw: ['prerouting', 'output'],
};

const REJECT_WITH: Record<Family, ValueType> = {
  ip: oneOfNames(
    'icmp-admin-prohibited',
    'icmp-host-prohibited',
    'icmp-host-unreachable',
    'icmp-net-prohibited',
    'icmp-network-unreachable',
    'icmp-port-unreachable',
    'icmp-protocol-unreachable',
    'tcp-reset',
  ),
  ipv6: oneOfNames(
    'icmp-address-unreachable',
    'icmp-admin-prohibited',
    'icmp-err-src-routing-header',
    'icmp-headers-too-long',
    'icmp-no-route',
    'icmp-not-neighbour',
    'icmp-port-unreachable',
    'tcp-reset',
  ),
};

const TABLE_DOCS: Record<Table, string> = {
  filter:
    'Firewall filter rules decide which packets pass: `input` sees traffic to the router, `forward` traffic through it, `output` traffic from it. Rules are checked in order; the first terminating action wins.',
  nat: 'Network address translation: `srcnat` rewrites the source of outgoing connections (masquerade), `dstnat` the destination of incoming ones (port forwarding). Only the first packet of a connection is checked; the rest follow it.',
  mangle:
    'Mangle marks packets, connections and routing decisions for later use by queues, routing and other rules, and can change header fields (DSCP, TTL, MSS). Marks live only inside the router.',
  raw: 'Raw rules run before connection tracking, so they can drop traffic cheaply or exclude it from tracking with `notrack`.',
};

const addressOf = (family: Family): ValueType => (family === 'ip' ? not(ipRange) : not(ipv6Prefix));

/** Matchers and settings shared by the four tables (each table's commands only get those they have). */
function sharedArgs(family: Family, table: Table): Record<string, ArgOverlay> {
  return {
    action: {
      doc: 'What to do with a matching packet. Terminating actions (accept, drop, reject, ...) end processing in the chain; `passthrough`, `log` and the address-list actions go on to the next rule.',
      type: oneOfNames(...ACTIONS[family][table]),
    },
    chain: {
      doc: `The chain the rule belongs to. Built-in chains of this table: ${CHAINS[table].join(', ')}; any other name creates a custom chain reached with \`action=jump\`.`,
      type: openNames(...CHAINS[table]),
    },
    'jump-target': { doc: 'The chain to continue in when `action=jump`.', type: openNames(...CHAINS[table]) },
    'address-list': {
      doc: 'The address list that `add-src-to-address-list` / `add-dst-to-address-list` put the address on.',
      type: anyString,
    },
    'address-list-timeout': {
      doc: 'How long an address added by this rule stays on the list: a time, `none-dynamic` (until reboot) or `none-static` (kept in the configuration).',
      type: oneOf(time, oneOfNames('none-dynamic', 'none-static')),
    },
    comment: { doc: 'A free-text note shown with the rule; also handy for `find comment=...` in scripts.' },
    disabled: { doc: 'A disabled rule is kept but not used.', type: yesno },
    log: { doc: 'Also write matching packets to the system log (topic firewall, info).', type: yesno },
    'log-prefix': { doc: 'Text put in front of the log lines of this rule (at most 31 characters).' },
    'src-address': {
      doc: 'Matches the source address: a single address, a range `a-b` or a prefix; `!` negates.',
      type: addressOf(family),
    },
    'dst-address': {
      doc: 'Matches the destination address: a single address, a range `a-b` or a prefix; `!` negates.',
      type: addressOf(family),
    },
    'src-address-list': {
      doc: 'Matches when the source address is on this address list; `!` negates.',
      type: not(anyString),
    },
    'dst-address-list': {
      doc: 'Matches when the destination address is on this address list; `!` negates.',
      type: not(anyString),
    },
    'src-address-type': {
      doc: 'Matches the kind of source address: unicast, local (an address of the router), broadcast or multicast.',
      type: not(listOf('unicast', 'local', 'broadcast', 'multicast')),
    },
    'dst-address-type': {
      doc: 'Matches the kind of destination address: unicast, local (an address of the router), broadcast or multicast.',
      type: not(listOf('unicast', 'local', 'broadcast', 'multicast')),
    },
    protocol: {
      doc: 'Matches the IP protocol by name (tcp, udp, icmp, ...) or number 0..255.',
      type: protocol,
    },
    'src-port': {
      doc: 'Source port(s) for tcp, udp, sctp or dccp: `80`, `80,443`, `8000-8080`; `!` negates.',
      type: not(ports),
    },
    'dst-port': {
      doc: 'Destination port(s) for tcp, udp, sctp or dccp: `80`, `80,443`, `8000-8080`; `!` negates.',
      type: not(ports),
    },
    port: {
      doc: 'Matches when either the source or the destination port is in the list (needs a port protocol).',
      type: not(ports),
    },
    'in-interface': { doc: 'Interface the packet came in on; `!` negates.', type: not(anyString) },
    'out-interface': { doc: 'Interface the packet leaves through; `!` negates.', type: not(anyString) },
    'in-interface-list': {
      doc: 'Matches when the incoming interface is a member of this interface list.',
      type: not(anyString),
    },
    'out-interface-list': {
      doc: 'Matches when the outgoing interface is a member of this interface list.',
      type: not(anyString),
    },
    'in-bridge-port': {
      doc: 'The bridge port a bridged packet came in on (needs use-ip-firewall on the bridge).',
      type: not(anyString),
    },
    'out-bridge-port': {
      doc: 'The bridge port a bridged packet leaves through (needs use-ip-firewall on the bridge).',
      type: not(anyString),
    },
    'connection-state': {
      doc: 'Matches the connection tracking state: established, related, new, invalid or untracked (comma-separated for several).',
      type: not(listOf('established', 'invalid', 'new', 'related', 'untracked')),
    },
    'connection-nat-state': {
      doc: 'Matches connections that were source- or destination-NATed.',
      type: not(listOf('srcnat', 'dstnat')),
    },
    'connection-type': {
      doc: 'Matches connections recognised by a connection tracking helper (ftp, sip, pptp, ...).',
      type: not(oneOfNames('ftp', 'h323', 'irc', 'pptp', 'quake3', 'sip', 'tftp', 'udplite')),
    },
    'connection-mark': {
      doc: 'Matches the connection mark set by mangle; `no-mark` matches unmarked connections.',
      type: not(anyString),
    },
    'packet-mark': {
      doc: 'Matches the packet mark set by mangle; `no-mark` matches unmarked packets.',
      type: not(anyString),
    },
    'routing-mark': {
      doc: 'Matches the routing mark (the routing table name in RouterOS 7).',
      type: not(anyString),
    },
    'connection-bytes': {
      doc: 'Matches once a connection has moved this many bytes in total, as `from-to`; an upper bound of 0 means no limit.',
      type: not(intRange(0)),
    },
    'connection-rate': {
      doc: 'Matches the current speed of the connection, as a range such as `0-500k`.',
      type: not(rate),
    },
    'connection-limit': {
      doc: 'Matches when an address (or address block) has more than N connections: `N,netmask`.',
    },
    'packet-size': {
      doc: 'Matches the packet size in bytes, a number or a range `min-max`.',
      type: not(intRange(0, 65535)),
    },
    'tcp-mss': {
      doc: 'Matches the TCP MSS value, a number or a range `min-max`.',
      type: not(intRange(0, 65535)),
    },
    'tcp-flags': {
      doc: 'Matches TCP flags; list several with commas and negate one with `!` (`syn,!ack`).',
      type: {
        kind: 'enum',
        values: ['ack', 'cwr', 'ece', 'fin', 'psh', 'rst', 'syn', 'urg'],
        list: true,
        negatableItems: true,
      },
    },
    dscp: { doc: 'Matches the DSCP value (0..63).', type: not(num(0, 63)) },
    priority: {
      doc: 'Matches the packet priority set by set-priority or from the ingress (0..63).',
      type: not(num(0, 63)),
    },
    'ingress-priority': {
      doc: 'Matches the priority the packet arrived with (VLAN or WMM priority, 0..63).',
      type: not(num(0, 63)),
    },
    'src-mac-address': {
      doc: 'Matches the source MAC address (only meaningful in chains that see Ethernet frames).',
      type: not(mac),
    },
    'icmp-options': { doc: 'Matches ICMP type and code as `type:code` (ranges allowed).' },
    content: { doc: 'Matches packets whose payload contains this text.' },
    'tls-host': {
      doc: 'Matches the server name (SNI) of a TLS handshake; `*` and `?` wildcards are allowed.',
      type: not(anyString),
    },
    'layer7-protocol': {
      doc: 'Matches the layer-7 pattern of that name from /ip firewall layer7-protocol (expensive: narrow it down first).',
      type: not(anyString),
    },
    limit: { doc: 'Rate limit: matches until the rate `count/time,burst` is exceeded.' },
    'dst-limit': { doc: 'Per-destination rate limit: `count/time,burst,mode,expire`.' },
    nth: { doc: 'Matches every Nth packet: `every,packet`.' },
    random: {
      doc: 'Matches packets at random with this probability in percent (1..99).',
      type: not(num(1, 99)),
    },
    'per-connection-classifier': {
      doc: 'Splits traffic into buckets by address/port hash: `classifier:every/which` (load balancing).',
    },
    time: { doc: 'Matches by time of day and weekday: `start-end,days`.' },
    hotspot: {
      doc: 'Matches hotspot traffic: auth, from-client, http, local-dst, to-client.',
      type: not(listOf('auth', 'from-client', 'http', 'local-dst', 'to-client')),
    },
    'ipsec-policy': {
      doc: 'Matches traffic that an IPsec policy handled (or not): `in,ipsec`, `out,none`.',
      type: listOf('in', 'out', 'ipsec', 'none'),
    },
    'place-before': { doc: 'Inserts the new rule before this rule number or id instead of appending it.' },
    'copy-from': {
      doc: 'Copies every setting from an existing rule; the other arguments then change the copy.',
    },
  };
}

const FAMILY_ONLY: Record<Family, Record<string, ArgOverlay>> = {
  ip: {
    fragment: { doc: 'Matches fragmented packets (not the first fragment).', type: yesno },
    'ipv4-options': {
      doc: 'Matches IPv4 header options.',
      type: not(
        oneOfNames(
          'any',
          'loose-source-routing',
          'no-record-route',
          'no-router-alert',
          'no-source-routing',
          'no-timestamp',
          'none',
          'record-route',
          'router-alert',
          'strict-source-routing',
          'timestamp',
        ),
      ),
    },
    ttl: { doc: 'Matches the TTL: `equal:N`, `greater-than:N`, `less-than:N` or `not-equal:N`.' },
    p2p: { doc: 'Old peer-to-peer protocol matcher (deprecated: it does not see encrypted traffic).' },
    psd: { doc: 'Port-scan detection: `weight-threshold,delay-threshold,low-port-weight,high-port-weight`.' },
  },
  ipv6: {
    headers: { doc: 'Matches IPv6 extension headers (hop, dst, route, frag, ah, esp, ...).' },
    'hop-limit': {
      doc: 'Matches the hop limit: `equal:N`, `greater-than:N`, `less-than:N` or `not-equal:N`.',
    },
  },
};

const TABLE_ONLY: Record<Table, Record<string, ArgOverlay>> = {
  filter: {
    'reject-with': { doc: 'The ICMP error (or TCP reset) sent back when `action=reject`.' },
  },
  nat: {
    'to-addresses': {
      doc: 'Address or range the packet is translated to (src-nat, dst-nat, netmap).',
      type: ipRange,
    },
    'to-address': { doc: 'Prefix the packet is translated to (src-nat, dst-nat, netmap).', type: ipv6Prefix },
    'to-ports': {
      doc: 'Port or port range the packet is translated to (dst-nat, redirect, src-nat, masquerade).',
      type: ports,
    },
    'randomise-ports': { doc: 'Pick translated source ports at random.', type: yesno },
    'same-not-by-dst': {
      doc: 'For `action=same`: choose the address without regard to the destination.',
      type: yesno,
    },
  },
  mangle: {
    passthrough: {
      doc: 'After a mark or change action, go on with the next rule (yes, the default) or stop here (no).',
      type: yesno,
    },
    'new-connection-mark': { doc: 'The mark `mark-connection` puts on the connection.', type: anyString },
    'new-packet-mark': {
      doc: 'The mark `mark-packet` puts on the packet (used by queues).',
      type: anyString,
    },
    'new-routing-mark': { doc: 'The routing table `mark-routing` sends the packet to.', type: anyString },
    'new-dscp': { doc: 'The DSCP value `change-dscp` writes (0..63).', type: num(0, 63) },
    'new-mss': {
      doc: 'The MSS `change-mss` writes: a number or `clamp-to-pmtu`.',
      type: oneOf(num(0, 65535), oneOfNames('clamp-to-pmtu')),
    },
    'new-ttl': { doc: 'For `change-ttl`: `set:N`, `increment:N` or `decrement:N`.' },
    'new-hop-limit': { doc: 'For `change-hop-limit`: `set:N`, `increment:N` or `decrement:N`.' },
    'new-priority': {
      doc: 'The priority `set-priority` gives the packet: a number or `from-dscp`, `from-dscp-high-3-bits`, `from-ingress`.',
      type: oneOf(num(0, 63), oneOfNames('from-dscp', 'from-dscp-high-3-bits', 'from-ingress')),
    },
    'route-dst': { doc: 'The gateway `action=route` sends the packet to (prerouting only).' },
    'sniff-target': { doc: 'Where `sniff-tzsp` sends copies of packets.' },
    'sniff-target-port': { doc: 'UDP port for `sniff-tzsp` (37008 by default).', type: num(0, 65535) },
    'sniff-id': { doc: 'Stream id for `sniff-tzsp`.' },
  },
  raw: {},
};

const NO_TRACKING = [
  'connection-state',
  'connection-nat-state',
  'connection-type',
  'connection-mark',
  'routing-mark',
];
const NO_TRACKING_MORE = [
  'connection-bytes',
  'connection-rate',
  'connection-limit',
  'layer7-protocol',
  'p2p',
  'hotspot',
];

/** Shared matchers a table does not have (raw runs before connection tracking; IPv6 lacks layer 7). */
const ABSENT: Record<Family, Record<Table, readonly string[]>> = {
  ip: {
    filter: [],
    nat: ['connection-state', 'connection-nat-state', 'tcp-flags', 'p2p', 'to-address'],
    mangle: ['new-hop-limit'],
    raw: [...NO_TRACKING, ...NO_TRACKING_MORE],
  },
  ipv6: {
    filter: ['layer7-protocol', 'hotspot'],
    nat: [
      'connection-nat-state',
      'layer7-protocol',
      'hotspot',
      'to-addresses',
      'randomise-ports',
      'same-not-by-dst',
    ],
    mangle: ['layer7-protocol', 'hotspot', 'new-ttl', 'route-dst'],
    raw: [...NO_TRACKING, ...NO_TRACKING_MORE],
  },
};

function table(family: Family, t: Table): MenuOverlay {
  const args: Record<string, ArgOverlay> = {
    ...sharedArgs(family, t),
    ...FAMILY_ONLY[family],
    ...TABLE_ONLY[t],
  };
  for (const name of ABSENT[family][t]) delete args[name];
  if (t === 'mangle') {
    args['new-routing-mark'] = {
      ...args['new-routing-mark'],
      v6: 'In RouterOS 6 `mark-routing` selected a routing mark used by `/ip route routing-mark=`; in 7 the mark names a routing table from `/routing table`.',
    };
  }
  if (t === 'filter') args['reject-with'] = { ...args['reject-with'], type: REJECT_WITH[family] };
  return {
    doc: TABLE_DOCS[t],
    args,
    commands: {
      add: { doc: 'Adds a rule at the end of the table (or before `place-before`).' },
      'reset-counters': { doc: 'Sets the packet and byte counters of the given rules to zero.' },
      'reset-counters-all': { doc: 'Sets the counters of every rule in the table to zero.' },
    },
    // The RouterOS 6 difference of mangle is `mark-routing` alone, so its note sits on `new-routing-mark`
    // (a note on the menu was given for every mangle `add`, whatever it did: issue 20).
  };
}

const addressList = (family: Family): MenuOverlay => ({
  doc: 'Named lists of addresses that firewall rules match with src-address-list / dst-address-list.',
  args: {
    list: { doc: 'The name of the list.', type: anyString },
    address: {
      doc:
        family === 'ip'
          ? 'An address, range, prefix or a DNS name (the router resolves names and keeps the list up to date).'
          : 'An IPv6 prefix or address, or a DNS name.',
      // RouterOS's own hint says IP range only, but DNS names are accepted too, so nothing is checked.
      type: { kind: 'unknown' },
      force: true,
    },
    timeout: { doc: 'Remove the entry after this time; without it the entry is static.' },
    dynamic: { doc: 'Dynamic entries are not saved in the configuration.', type: yesno },
    disabled: { doc: 'A disabled entry is kept but not matched.', type: yesno },
    comment: { doc: 'A free-text note.' },
  },
});

export const FIREWALL: Overlay = {
  '/ip firewall': {
    doc: 'The IPv4 firewall: filter, NAT, mangle and raw tables, address lists, connection tracking.',
  },
  '/ipv6 firewall': { doc: 'The IPv6 firewall: filter, NAT, mangle and raw tables and address lists.' },
  '/ip firewall filter': table('ip', 'filter'),
  '/ip firewall nat': table('ip', 'nat'),
  '/ip firewall mangle': table('ip', 'mangle'),
  '/ip firewall raw': table('ip', 'raw'),
  '/ipv6 firewall filter': table('ipv6', 'filter'),
  '/ipv6 firewall nat': table('ipv6', 'nat'),
  '/ipv6 firewall mangle': table('ipv6', 'mangle'),
  '/ipv6 firewall raw': table('ipv6', 'raw'),
  '/ip firewall address-list': addressList('ip'),
  '/ipv6 firewall address-list': addressList('ipv6'),
  '/ip firewall layer7-protocol': {
    doc: 'Named regular expressions that `layer7-protocol=` matches against the first packets (about 2 KB) of a connection, in both directions. Costly: use it on few connections.',
    args: {
      name: { doc: 'The name rules refer to with layer7-protocol=.', type: anyString },
      regexp: {
        doc: 'The pattern (POSIX extended regular expression, case-insensitive). Bytes are written as `\\XX` in the script string.',
      },
    },
  },
  '/ip firewall connection': {
    doc: 'The connection tracking table and its settings.',
  },
};
