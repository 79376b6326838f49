// Tests for `rsc l7 test`, run in-process with captures built in memory by the l7 capture writer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSubcommand, type CliRun } from './io-testing';
import { l7Command, l7Help } from './l7';
import { frame, nackScenario, writePcap, writePcapng, LINK_TYPES } from '../l7/pcap-writer';

const run = (args: string[], files: Record<string, Uint8Array | string> = {}): Promise<CliRun> =>
  runSubcommand(l7Command, ['test', ...args], files);

const nackPcap = (): Uint8Array =>
  writePcap(
    nackScenario().packets.map((p) => ({ data: frame(p, 'ethernet') })),
    { linkType: LINK_TYPES.ethernet },
  );

test('the thread pattern matches on the pipe byte 0x7C (the overmatch)', async () => {
  const r = await run(['--regexp', '[\\\\\\\\|\\\\xd5]', '--hex', '00017c0203']);
  assert.equal(r.code, 0);
  assert.match(r.out, /engine: {6}\[\\\\\|\\xd5\]/);
  assert.match(r.out, /MATCH at packet 1/);
  assert.match(r.out, /where: buffer 1\.\.2 = packet 1 offset 2\n/);
  assert.match(r.out, /01 \[7c\] 02 03/);
  assert.match(r.out, /RSC3003/);
});

test('--json has the documented shape', async () => {
  const r = await run([
    '--regexp',
    '\\\\xd5.......\\$',
    '--hex',
    '>9c11',
    '--hex',
    '<4f2702d52f0509136a2e91',
    '--json',
  ]);
  assert.equal(r.code, 0);
  const j = JSON.parse(r.out);
  assert.equal(j.pattern.form, 'cli');
  assert.equal(j.pattern.winbox, '\\xd5.......$');
  assert.equal(j.pattern.engine, '\\xd5.......$');
  assert.equal(j.pattern.engineHex, 'd52e2e2e2e2e2e2e24');
  assert.equal(j.source, 'hex');
  assert.equal(j.matched, true);
  const c = j.connections[0];
  assert.equal(c.flow, null);
  assert.deepEqual(c.match, {
    bufferStart: 5,
    bufferEnd: 13,
    packet: 2,
    frame: null,
    first: { packet: 2, offset: 3 },
    last: { packet: 2, offset: 10 },
  });
  assert.deepEqual(
    c.packets.map((p: { direction: string; status: string }) => [p.direction, p.status]),
    [
      ['orig', 'no-match'],
      ['reply', 'matched'],
    ],
  );
  // 0x4F ("O") is lower-cased to 0x6F in the buffer.
  assert.equal(c.buffer, '9c116f2702d52f0509136a2e91');
});

test('--pcap: exactly the NAck flow matches the end-anchored pattern', async () => {
  const r = await run(['--regexp', '\\\\xd5.......\\$', '--pcap', 'nack.pcap', '--json'], {
    'nack.pcap': nackPcap(),
  });
  assert.equal(r.code, 0);
  const j = JSON.parse(r.out);
  assert.deepEqual(
    j.connections.map((c: { flow: { id: number }; matched: boolean }) => [c.flow.id, c.matched]),
    [
      [1, false],
      [2, true],
      [3, false],
      [4, false],
    ],
  );
  assert.equal(j.connections[1].flow.initiator, '192.168.88.10:40001');
  assert.equal(j.connections[1].match.frame, 4);
  const text = await run(['--regexp', '\\\\xd5.......\\$', '--pcap', 'nack.pcap'], {
    'nack.pcap': nackPcap(),
  });
  assert.match(
    text.out,
    /flow 2 udp 192\.168\.88\.10:40001 -> 198\.51\.100\.7:33033, 2 packets: MATCH at packet 2/,
  );
  assert.match(text.out, /1 of 4 connections matched/);
});

test('pcapng with SLL2 and a pattern that matches nothing exits 1', async () => {
  const file = writePcapng(
    [{ linkType: LINK_TYPES.sll2 }],
    nackScenario().packets.map((p) => ({ data: frame(p, 'sll2') })),
  );
  const r = await run(['--regexp', '^zzz', '--pcap', 'x.pcapng'], { 'x.pcapng': file });
  assert.equal(r.code, 1);
  assert.match(r.out, /0 of 4 connections matched/);
});

test('--winbox takes the field content; --latin1-fold changes the reading', async () => {
  const w = await run(['--regexp', '\\xd5', '--winbox', '--hex', 'd5']);
  assert.equal(w.code, 0);
  assert.match(w.out, /CLI form: {4}regexp="\\\\xd5"/);
  const folded = await run(['--regexp', '\\xd5', '--winbox', '--latin1-fold', '--hex', 'd5']);
  assert.equal(folded.code, 1);
  assert.match(folded.out, /engine: {6}\\xf5/);
});

test('buffer semantics show in the report: NULs removed, reply direction, sticky match', async () => {
  const r = await run(['--regexp', 'ab', '--hex', '61000062', '--reply', '6162', '--json']);
  const c = JSON.parse(r.out).connections[0];
  assert.deepEqual(c.match.first, { packet: 1, offset: 0 });
  assert.deepEqual(c.match.last, { packet: 1, offset: 3 });
  assert.equal(c.packets[0].nulsRemoved, 2);
  assert.equal(c.packets[1].direction, 'reply');
  assert.equal(c.packets[1].status, 'already-matched');
});

test('errors exit 2 with a clear message', async () => {
  const bad = await run(['--regexp', 'a', '--hex', '0102', '--hex', '01zz']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /invalid hex in --hex #2: "z" at position 2/);
  const odd = await run(['--regexp', 'a', '--hex', '012']);
  assert.match(odd.err, /--hex #1: odd number of digits, lone "2" at position 2/);

  const comp = await run(['--regexp', 'ab(cd', '--hex', '00']);
  assert.equal(comp.code, 2);
  assert.match(comp.err, /does not compile: unmatched "\("/);
  assert.match(comp.err, / {2}--regexp ab\(cd\n {13}\^\n/);

  const single = await run(['--regexp', '\\xd5', '--hex', 'd5']);
  assert.equal(single.code, 2);
  assert.match(single.err, /RouterOS rejects this string/);
  assert.match(single.err, /--winbox/);

  const good = nackPcap();
  const trunc = await run(['--regexp', 'a', '--pcap', 't.pcap'], {
    't.pcap': good.subarray(0, good.length - 4),
  });
  assert.equal(trunc.code, 2);
  assert.match(trunc.err, /truncated record at byte offset \d+/);

  const link = await run(['--regexp', 'a', '--pcap', 'w.pcap'], {
    'w.pcap': writePcap([{ data: new Uint8Array(30) }], { linkType: 105 }),
  });
  assert.equal(link.code, 2);
  assert.match(link.err, /unsupported link type 105/);

  const notCap = await run(['--regexp', 'a', '--pcap', 'n.txt'], {
    'n.txt': new TextEncoder().encode('hello'),
  });
  assert.match(notCap.err, /not a capture file/);
  const missing = await run(['--regexp', 'a', '--pcap', 'nope.pcap']);
  assert.match(missing.err, /cannot read nope\.pcap/);

  assert.equal((await run(['--hex', '00'])).code, 2);
  assert.equal((await run(['--regexp', 'a'])).code, 2);
  assert.equal((await run(['--regexp', 'a', '--bogus'])).code, 2);
});

test('--help documents the options, the JSON shape and the exit codes', async () => {
  const r = await run(['--help']);
  assert.equal(r.code, 0);
  assert.equal(r.out, l7Help);
  for (const word of [
    '--regexp',
    '--winbox',
    '--hex',
    '--reply',
    '--pcap',
    '--json',
    '--latin1-fold',
    '"connections"',
    'Exit status',
  ]) {
    assert.ok(l7Help.includes(word), word);
  }
});

test('a tenth group: the reference compiler refuses the pattern, and l7 test says it never matches', async () => {
  const r = await run(['--winbox', '--regexp', '((((((((((a))))))))))', '--hex', '61']);
  assert.equal(r.code, 2);
  assert.match(r.err, /does not compile: .*"too many \(\)"/);
  assert.match(r.err, /never matches: no connection would match it/);
});

test('an empty alternative compiles and matches every connection (reference regexp.c regbranch)', async () => {
  const r = await run(['--winbox', '--regexp', 'abc|', '--hex', '78']);
  assert.equal(r.code, 0);
  assert.match(r.out, /1 of 1 connection matched/);
});

test('--pcap: frames that cannot be decoded are counted and named with their frame number and reason', async () => {
  const good = nackScenario().packets.map((p) => ({ data: frame(p, 'ethernet') }));
  const ip = nackScenario().packets[0];
  // An IP header length of 0, and a total length shorter than the header.
  const ihl0 = Uint8Array.from(ip);
  ihl0[0] = 0x40;
  const shortTotal = Uint8Array.from(ip);
  shortTotal[2] = 0;
  shortTotal[3] = 10;
  // An Ethernet frame of nothing but stacked VLAN tags (0x8100 over and over, to the end of the frame).
  const tags = new Uint8Array(14 + 4 * 3000);
  for (let o = 12; o + 2 <= tags.length; o += 4) {
    tags[o] = 0x81;
    tags[o + 1] = 0x00;
  }
  const bad = [{ data: frame(ihl0, 'ethernet') }, { data: frame(shortTotal, 'ethernet') }, { data: tags }];
  const pcap = writePcap([...bad, ...good], { linkType: LINK_TYPES.ethernet });
  const r = await run(['--regexp', 'zzzz', '--pcap', 'c.pcap'], { 'c.pcap': pcap });
  assert.match(r.out, /skipped 3 frames that are not TCP\/UDP over IP or could not be decoded:/);
  assert.match(r.out, /frame 1: malformed IPv4 header: header length 0 bytes/);
  assert.match(r.out, /frame 2: malformed IPv4 header: total length 10 is shorter than its 20-byte header/);
  assert.match(r.out, /frame 3: VLAN tag cut short \(the frame ends after 3000 stacked VLAN tags\)/);
  assert.match(r.out, /matched \(3 frames skipped, listed above\)\n$/);
  const j = await run(['--regexp', 'zzzz', '--json', '--pcap', 'c.pcap'], { 'c.pcap': pcap });
  const parsed = JSON.parse(j.out) as { skipped: { frame: number; reason: string }[] };
  assert.deepEqual(
    parsed.skipped.map((s) => s.frame),
    [1, 2, 3],
  );
});
