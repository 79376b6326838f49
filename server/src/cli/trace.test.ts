// Tests for `rsc trace`, run in-process: the text and JSON reports, a capture replay, and the errors for
// bad input (malformed spec, unknown interface, unreadable capture, a link type we cannot read).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSubcommand, type CliRun } from './io-testing';
import { traceCommand, traceHelp } from './trace';
import { frame, ipPacket, writePcap, LINK_TYPES } from '../l7/pcap-writer';

const run = (args: string[], files: Record<string, Uint8Array | string> = {}): Promise<CliRun> =>
  runSubcommand(traceCommand, args, files);

const CONFIG = [
  '/ip address add address=192.168.88.1/24 interface=lan', // 1
  '/ip address add address=92.50.1.2/24 interface=wan', // 2
  '/ip route add gateway=92.50.1.1', // 3
  '/ip firewall mangle add chain=forward protocol=udp action=mark-packet new-packet-mark=voip', // 4
  '/ip firewall nat add chain=srcnat out-interface=wan action=masquerade', // 5
  '/ip firewall filter add chain=forward protocol=tcp dst-port=25 action=drop', // 6
  '/queue tree add name=voip parent=global packet-mark=voip', // 7
].join('\n');

test('--help prints the usage and the JSON shape', async () => {
  const r = await run(['--help']);
  assert.equal(r.code, 0);
  assert.equal(r.out, traceHelp);
  assert.match(r.out, /"fasttracked"/);
});

test('text report: rules as file:line with the action, NAT, marks, verdict and queue', async () => {
  const r = await run(['r.rsc', '--packet', 'udp 192.168.88.10:5000 > 8.8.8.8:53 in=lan'], {
    'r.rsc': CONFIG,
  });
  assert.equal(r.code, 0, r.err);
  assert.equal(
    r.out,
    [
      'packet 1: udp 192.168.88.10:5000 > 8.8.8.8:53 in=lan',
      '  connection 1 (original direction), state new, t=0s',
      '  mangle forward:',
      '    r.rsc:4  mark-packet voip',
      '  nat srcnat:',
      '    r.rsc:5  masquerade',
      '  src-nat 192.168.88.10:5000 -> 92.50.1.2:5000 (line 5)',
      '  marks: connection (none), packet voip',
      '  verdict: accept, forwarded out wan',
      '  queues: voip',
      '',
    ].join('\n'),
  );
});

test('--json: the shape the issue names', async () => {
  const r = await run(['r.rsc', '--json', '--packet', 'tcp 192.168.88.10:5000 > 8.8.8.8:25 in=lan'], {
    'r.rsc': CONFIG,
  });
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as { packets: Record<string, unknown>[] };
  assert.equal(j.packets.length, 1);
  const p = j.packets[0];
  assert.deepEqual(p.rules, [{ line: 6, table: 'filter', chain: 'forward', action: 'drop' }]);
  assert.equal(p.verdict, 'drop');
  assert.equal(p.connectionMark, null);
  assert.equal(p.packetMark, null);
  assert.deepEqual(p.addressLists, []);
  assert.equal(p.fasttracked, false);
  assert.equal(p.nat, null);
  assert.deepEqual(p.queues, []);
  assert.deepEqual(p.notModelled, []);
});

test('bad input: each error names the spec, exit 2', async () => {
  const cases: [string[], RegExp][] = [
    [
      ['r.rsc', '--packet', 'udp 192.168.88.10:5000 > 8.8.8.8:53 in=ether7'],
      /packet "udp .* in=ether7": unknown interface "ether7"; the configuration has lan, wan/,
    ],
    [['r.rsc', '--packet', 'udp 192.168.88.10 > 8.8.8.8:53 in=lan'], /"192\.168\.88\.10" needs a port/],
    [
      ['r.rsc', '--packet', 'udp 192.168.88.300:1 > 8.8.8.8:53 in=lan'],
      /"192\.168\.88\.300" is not an IPv4 address/,
    ],
    [['r.rsc', '--packet', 'udp 192.168.88.10:1 8.8.8.8:53 in=lan'], /expected "PROTO SRC:PORT > DST:PORT/],
    [['r.rsc', '--packet', 'foo 1.2.3.4:1 > 8.8.8.8:53 in=lan'], /"foo" is not a protocol/],
    [['r.rsc', '--packet', 'udp 1.2.3.4:1 > 8.8.8.8:53'], /in=IFACE is missing/],
    [
      ['r.rsc', '--packet', 'udp 1.2.3.4:1 > 8.8.8.8:53 in=lan payload=0g'],
      /payload "g" at position 1 is not a hex digit/,
    ],
    [
      ['r.rsc', '--packet', 'udp 1.2.3.4:1 > 8.8.8.8:53 in=lan size=20'],
      /size=20 is less than its headers and payload \(28 bytes\)/,
    ],
    [['r.rsc', '--packet', 'udp 1.2.3.4:1 > 8.8.8.8:53 in=lan colour=red'], /unknown part "colour=red"/],
    [['missing.rsc', '--packet', 'udp 1.2.3.4:1 > 8.8.8.8:53 in=lan'], /cannot read missing\.rsc/],
    [['r.rsc'], /give --packet SPEC or --pcap FILE --in IFACE/],
    [['r.rsc', '--pcap', 'c.pcap'], /--pcap needs --in IFACE/],
  ];
  for (const [args, want] of cases) {
    const r = await run(args, { 'r.rsc': CONFIG });
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, want);
    assert.equal(r.out, '');
  }
});

const udp = (
  src: string,
  dst: string,
  sport: number,
  dport: number,
  payload: number[] = [1, 2, 3],
): Uint8Array => ipPacket({ src, dst, sport, dport, payload, protocol: 'udp' });

test('--pcap replays a capture arriving on --in, times relative to the first frame', async () => {
  const pcap = writePcap(
    [
      { data: frame(udp('192.168.88.10', '8.8.8.8', 5000, 53), 'ethernet'), time: 100 },
      { data: frame(udp('192.168.88.10', '8.8.8.8', 5000, 53), 'ethernet'), time: 100.5 },
      {
        data: frame(
          ipPacket({
            src: '192.168.88.11',
            dst: '8.8.8.8',
            sport: 6000,
            dport: 25,
            payload: [],
            protocol: 'tcp',
          }),
          'ethernet',
        ),
        time: 101,
      },
    ],
    { linkType: LINK_TYPES.ethernet },
  );
  const r = await run(['r.rsc', '--pcap', 'c.pcap', '--in', 'lan', '--json'], {
    'r.rsc': CONFIG,
    'c.pcap': pcap,
  });
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as {
    packets: { packet: string; time: number; verdict: string; connection: number }[];
  };
  assert.deepEqual(
    j.packets.map((p) => [p.packet, p.time, p.connection, p.verdict]),
    [
      ['frame 1: udp 192.168.88.10:5000 > 8.8.8.8:53', 0, 1, 'accept'],
      ['frame 2: udp 192.168.88.10:5000 > 8.8.8.8:53', 0.5, 1, 'accept'],
      ['frame 3: tcp 192.168.88.11:6000 > 8.8.8.8:25', 1, 2, 'drop'],
    ],
  );
});

test('--pcap: an unreadable capture and a link type we cannot read name the byte offset', async () => {
  const wifi = writePcap([{ data: Uint8Array.from([1, 2, 3, 4]) }], { linkType: 105 });
  const r = await run(['r.rsc', '--pcap', 'w.pcap', '--in', 'lan'], { 'r.rsc': CONFIG, 'w.pcap': wifi });
  assert.equal(r.code, 2);
  assert.match(
    r.err,
    /w\.pcap: frame 1 at byte offset 24 has link type 105 \(IEEE 802\.11\), which rsc cannot read/,
  );
  const junk = await run(['r.rsc', '--pcap', 'j.pcap', '--in', 'lan'], {
    'r.rsc': CONFIG,
    'j.pcap': 'not a capture at all',
  });
  assert.equal(junk.code, 2);
  assert.match(junk.err, /j\.pcap: .*byte offset 0/);
});
