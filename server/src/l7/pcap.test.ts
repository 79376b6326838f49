// Tests for the capture reader and flow grouping, on captures made by pcap-writer.ts, and for the NAck
// scenario end to end (capture -> flows -> matcher).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCapture } from './pcap';
import { extractFlows } from './flows';
import {
  frame,
  ipPacket,
  LINK_TYPES,
  nackPayload,
  nackScenario,
  writePcap,
  writePcapng,
  type LinkWrap,
} from './pcap-writer';
import { fromCli } from './pattern';
import { runConnection } from './connection';

const udp = ipPacket({ src: '10.0.0.1', dst: '10.0.0.2', sport: 1000, dport: 2000, payload: [1, 2, 3] });

test('pcap in both byte orders, micro- and nanosecond timestamps', () => {
  for (const littleEndian of [true, false]) {
    for (const nanos of [false, true]) {
      const file = writePcap([{ data: frame(udp, 'ethernet'), time: 1700000000.25 }], {
        linkType: 1,
        littleEndian,
        nanos,
      });
      const cap = readCapture(file);
      assert.equal(cap.error, undefined);
      assert.equal(cap.format, 'pcap');
      assert.equal(cap.frames.length, 1);
      assert.equal(cap.frames[0].time, 1700000000.25);
      const flows = extractFlows(cap);
      assert.deepEqual([...flows.flows[0].packets[0].payload], [1, 2, 3]);
    }
  }
});

test('pcapng with several interfaces, EPB and SPB, custom timestamp resolution, both byte orders', () => {
  for (const littleEndian of [true, false]) {
    const file = writePcapng(
      [{ linkType: 1 }, { linkType: 101, tsresol: 9 }],
      [
        { data: frame(udp, 'ethernet'), simple: true },
        { data: udp, iface: 1, time: 1700000001.5 },
        { data: frame(udp, 'ethernet'), iface: 0, time: 1700000002 },
      ],
      { littleEndian },
    );
    const cap = readCapture(file);
    assert.equal(cap.error, undefined);
    assert.equal(cap.format, 'pcapng');
    assert.deepEqual(
      cap.frames.map((f) => [f.linkType, f.interfaceId]),
      [
        [1, 0],
        [101, 1],
        [1, 0],
      ],
    );
    assert.equal(cap.frames[1].time, 1700000001.5);
    assert.equal(extractFlows(cap).flows[0].packets.length, 3);
  }
});

test('link types: Ethernet with VLAN and QinQ, SLL, SLL2, raw IP 101/228/229', () => {
  const v6 = ipPacket({
    src: '2001:db8::1',
    dst: '2001:db8::2',
    sport: 5,
    dport: 6,
    payload: [9, 8],
    extensionHeaders: true,
  });
  const cases: [LinkWrap, Uint8Array, number[]][] = [
    ['ethernet', udp, [100]],
    ['ethernet', udp, [100, 200]],
    ['sll', udp, []],
    ['sll2', udp, []],
    ['raw', udp, []],
    ['raw4', udp, []],
    ['raw6', v6, []],
    ['raw', v6, []],
    ['ethernet', v6, [7]],
  ];
  for (const [link, ip, vlans] of cases) {
    const cap = readCapture(writePcap([{ data: frame(ip, link, vlans) }], { linkType: LINK_TYPES[link] }));
    const flows = extractFlows(cap);
    assert.equal(flows.error, undefined, link);
    assert.equal(flows.flows.length, 1, `${link} ${vlans.join(',')}`);
    const f = flows.flows[0];
    assert.deepEqual([...f.packets[0].payload], ip === udp ? [1, 2, 3] : [9, 8], link);
    if (ip === v6) assert.equal(f.initiator.address, '2001:db8::1');
  }
});

test('Ethernet padding is not payload: the IP total length decides', () => {
  const tiny = ipPacket({ src: '10.0.0.1', dst: '10.0.0.2', sport: 1, dport: 2, payload: [0x41] });
  const cap = readCapture(writePcap([{ data: frame(tiny, 'ethernet') }], { linkType: 1 }));
  assert.equal(cap.frames[0].data.length, 60);
  assert.deepEqual([...extractFlows(cap).flows[0].packets[0].payload], [0x41]);
});

test('flows are bidirectional by 5-tuple; the first sender is the initiator', () => {
  const s = nackScenario();
  const cap = readCapture(
    writePcap(
      s.packets.map((p) => ({ data: frame(p, 'ethernet') })),
      { linkType: 1 },
    ),
  );
  const { flows } = extractFlows(cap);
  assert.equal(flows.length, 4);
  const nack = flows[1];
  assert.equal(nack.protocol, 'udp');
  assert.deepEqual(nack.initiator, { address: '192.168.88.10', port: 40001 });
  assert.deepEqual(
    nack.packets.map((p) => [p.frame, p.direction, p.ipLength]),
    [
      [2, 'orig', 46],
      [4, 'reply', 39],
    ],
  );
  assert.deepEqual(
    flows[0].packets.map((p) => p.direction),
    ['orig', 'orig'],
  );
});

test('the NAck scenario: exactly the NAck flow matches "\\\\xd5.......\\$", with or without the client packet', () => {
  const s = nackScenario();
  for (const link of ['ethernet', 'sll', 'raw'] as const) {
    const cap = readCapture(
      writePcap(
        s.packets.map((p) => ({ data: frame(p, link, link === 'ethernet' ? [10] : []) })),
        { linkType: LINK_TYPES[link] },
      ),
    );
    const { flows } = extractFlows(cap);
    const p = fromCli('\\\\xd5.......\\$');
    const matched = flows.filter((f) => runConnection(p, f.packets).match !== null).map((f) => f.id);
    assert.deepEqual(matched, [s.nackFlow], link);
    const nackRun = runConnection(p, flows[1].packets);
    assert.deepEqual(nackRun.match?.first, { packet: 1, offset: 3 });
    assert.deepEqual(nackRun.match?.last, { packet: 1, offset: 10 });
    // The matcher may not have been asked about the client's packet: the NAck alone matches too.
    assert.notEqual(runConnection(p, flows[1].packets.slice(1)).match, null);
  }
  // The unanchored thread pattern also matches the unrelated flow with 0xD5 inside (the overmatch).
  const cap = readCapture(
    writePcap(
      s.packets.map((p) => ({ data: frame(p, 'ethernet') })),
      { linkType: 1 },
    ),
  );
  const loose = fromCli('\\\\xd5');
  assert.deepEqual(
    extractFlows(cap)
      .flows.filter((f) => runConnection(loose, f.packets).match !== null)
      .map((f) => f.id),
    [2, 4],
  );
});

test('a zero octet in the public address disappears from the buffer (NUL removal)', () => {
  const payload = nackPayload('213.0.5.9');
  const p = fromCli('\\\\xd5.......\\$');
  assert.equal(runConnection(p, [{ payload: Uint8Array.from(payload), direction: 'reply' }]).match, null);
  assert.notEqual(
    runConnection(fromCli('\\\\xd5......\\$'), [{ payload: Uint8Array.from(payload), direction: 'reply' }])
      .match,
    null,
  );
});

test('errors: not a capture, truncated header, truncated record, truncated block, unsupported link type', () => {
  const notCap = readCapture(new TextEncoder().encode('hello world'));
  assert.equal(notCap.error?.kind, 'not-a-capture');
  assert.match(notCap.error?.message ?? '', /68 65 6c 6c/);
  assert.equal(readCapture(new Uint8Array(2)).error?.kind, 'not-a-capture');

  const good = writePcap([{ data: udp }, { data: udp }], { linkType: 101 });
  assert.equal(readCapture(good.subarray(0, 20)).error?.kind, 'truncated');
  const cut = readCapture(good.subarray(0, good.length - 5));
  assert.equal(cut.error?.kind, 'truncated');
  const secondRecord = 24 + 16 + udp.length;
  assert.equal(cut.error?.offset, secondRecord);
  assert.match(cut.error?.message ?? '', new RegExp(`byte offset ${secondRecord}`));
  assert.equal(cut.frames.length, 1);
  const cutHeader = readCapture(good.subarray(0, secondRecord + 8));
  assert.match(cutHeader.error?.message ?? '', /truncated record header at byte offset/);

  const ng = writePcapng([{ linkType: 1 }], [{ data: frame(udp, 'ethernet') }]);
  const ngCut = readCapture(ng.subarray(0, ng.length - 3));
  assert.equal(ngCut.error?.kind, 'truncated');
  assert.match(ngCut.error?.message ?? '', /truncated block at byte offset \d+/);

  const wifi = extractFlows(readCapture(writePcap([{ data: udp }], { linkType: 105 })));
  assert.equal(wifi.error?.kind, 'unsupported-link-type');
  assert.match(wifi.error?.message ?? '', /link type 105 \(IEEE 802\.11\)/);
  const odd = extractFlows(readCapture(writePcap([{ data: udp }], { linkType: 4242 })));
  assert.match(odd.error?.message ?? '', /link type 4242/);
});

test('non-IP frames and non-TCP/UDP packets are skipped with a reason', () => {
  const arp = Uint8Array.from([
    ...new Array<number>(12).fill(1),
    0x08,
    0x06,
    ...new Array<number>(28).fill(0),
  ]);
  const cap = readCapture(writePcap([{ data: arp }, { data: frame(udp, 'ethernet') }], { linkType: 1 }));
  const r = extractFlows(cap);
  assert.equal(r.flows.length, 1);
  assert.match(r.skipped[0].reason, /EtherType 0x0806/);
});

test('random bytes never make the reader throw', () => {
  let seed = 7;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
  const base = writePcapng([{ linkType: 1 }], [{ data: frame(udp, 'ethernet') }]);
  for (let k = 0; k < 300; k++) {
    const b = Uint8Array.from(base);
    for (let j = 0; j < 4; j++) b[8 + ((rnd() * 7) % (b.length - 8))] = rnd();
    const cap = readCapture(b);
    extractFlows(cap);
  }
});
