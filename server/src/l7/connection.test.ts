// Tests for the connection buffer (l7-filter semantics) and the matcher's linear work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { L7Connection, runConnection } from './connection';
import { fromCli, fromWinbox, searchBytes } from './pattern';

const b = (...x: number[]): Uint8Array => Uint8Array.from(x);
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

test('NUL bytes are removed before matching, and the match maps back to payload offsets', () => {
  const p = fromWinbox('\\x01\\x02\\x03');
  const run = runConnection(p, [{ payload: b(0, 0, 1, 0, 2, 0, 3, 0), direction: 'orig' }]);
  assert.notEqual(run.match, null);
  assert.deepEqual([run.match?.bufferStart, run.match?.bufferEnd], [0, 3]);
  assert.deepEqual(run.match?.first, { packet: 0, offset: 2 });
  assert.deepEqual(run.match?.last, { packet: 0, offset: 6 });
  assert.equal(run.verdicts[0].nulsRemoved, 5);
  // A pattern meant to skip a zero byte with "." finds the next byte instead.
  assert.equal(
    runConnection(fromWinbox('\\x01.\\x02$'), [{ payload: b(1, 0, 2), direction: 'orig' }]).match,
    null,
  );
});

test('both directions go into one buffer: a match can span the request and the reply', () => {
  const p = fromCli('ab\\\\xd5');
  const run = runConnection(p, [
    { payload: text('xxa'), direction: 'orig' },
    { payload: b(0x62, 0xd5), direction: 'reply' },
  ]);
  assert.equal(run.verdicts[0].status, 'no-match');
  assert.equal(run.verdicts[1].status, 'matched');
  assert.deepEqual(run.match?.first, { packet: 0, offset: 2 });
  assert.deepEqual(run.match?.last, { packet: 1, offset: 1 });
});

test('"^" is the start of the first collected payload only', () => {
  const p = fromWinbox('^\\x16\\x03');
  const first = runConnection(p, [{ payload: b(0x16, 0x03, 0x01), direction: 'orig' }]);
  assert.notEqual(first.match, null);
  const second = runConnection(p, [
    { payload: b(0x99), direction: 'orig' },
    { payload: b(0x16, 0x03, 0x01), direction: 'reply' },
  ]);
  assert.equal(second.match, null);
});

test('"$" is the end of the data collected so far: the end of the packet being matched', () => {
  const p = fromCli('\\\\xd5...\\$');
  const c = new L7Connection(p);
  assert.equal(c.add(b(0xd5, 1, 2, 3, 4)).status, 'no-match');
  // A new packet moves the end: the earlier bytes are no longer at "$".
  assert.equal(c.add(b(9, 9)).status, 'no-match');
  assert.equal(c.add(b(0xd5, 7, 8, 9)).status, 'matched');
});

test('matching is case-insensitive on ASCII letters (both sides lower-cased)', () => {
  const p = fromCli('User-Agent: Skype');
  assert.notEqual(
    runConnection(p, [{ payload: text('xx user-agent: SKYPE'), direction: 'orig' }]).match,
    null,
  );
  assert.notEqual(
    runConnection(fromWinbox('\\x4a'), [{ payload: text('j'), direction: 'orig' }]).match,
    null,
  );
  // Non-ASCII payload bytes are not folded: 0xD5 stays 0xD5 and 0xF5 stays 0xF5.
  assert.equal(runConnection(fromWinbox('\\xf5'), [{ payload: b(0xd5), direction: 'orig' }]).match, null);
});

test('only the first 10 packets are looked at, empty ones counted', () => {
  const p = fromWinbox('needle');
  const packets = [
    ...Array.from({ length: 9 }, () => ({ payload: b(), direction: 'orig' as const })),
    { payload: text('no'), direction: 'orig' as const },
    { payload: text('needle'), direction: 'reply' as const },
  ];
  const run = runConnection(p, packets);
  assert.equal(run.verdicts[0].status, 'no-new-data');
  assert.equal(run.verdicts[9].status, 'no-match');
  assert.equal(run.verdicts[10].status, 'over-packet-limit');
  assert.equal(run.match, null);
  // The same needle as the 10th packet is found.
  assert.notEqual(runConnection(p, [...packets.slice(0, 9), packets[10]]).match, null);
});

test('the buffer holds 2047 bytes of data (a 2048-byte C string); the rest is cut off', () => {
  const p = fromWinbox('z');
  const c = new L7Connection(p);
  c.add(new Uint8Array(2000).fill(0x61));
  const v = c.add(Uint8Array.from([...new Array<number>(47).fill(0x61), 0x7a]));
  assert.equal(c.buffer.length, 2047);
  assert.equal(v.appended, 47);
  assert.equal(v.cutOff, 1);
  assert.equal(v.status, 'no-match');
  // Once full, a packet adds nothing and is not evaluated.
  assert.equal(c.add(text('z')).status, 'no-new-data');
  assert.equal(c.match, null);
});

test('NULs count against the free space before they are removed, as in the kernel copy loop', () => {
  const c = new L7Connection(fromWinbox('q'), { bufferSize: 8 });
  const v = c.add(b(0, 0, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67));
  assert.equal(v.appended, 5);
  assert.equal(v.nulsRemoved, 2);
  assert.equal(v.cutOff, 2);
});

test('a match sticks: later packets report the connection as matched', () => {
  const c = new L7Connection(fromWinbox('^abc'));
  assert.equal(c.add(text('abc')).status, 'matched');
  const later = c.add(text('zzz'));
  assert.equal(later.status, 'already-matched');
  assert.equal(later.matched, true);
});

test('a pattern that does not compile never matches, but data is collected', () => {
  const c = new L7Connection(fromWinbox('(abc'));
  const v = c.add(text('abc'));
  assert.equal(v.status, 'pattern-invalid');
  assert.equal(c.buffer.length, 3);
});

test('leftmost match, greedy repetition and first alternative first, like the kernel library', () => {
  const p = fromWinbox('b+|ab');
  assert.deepEqual(searchBytes(p, text('xabbb')).match, { start: 1, end: 3 });
  assert.deepEqual(searchBytes(fromWinbox('ab*'), text('zabbbc')).match, { start: 1, end: 5 });
  assert.deepEqual(searchBytes(fromWinbox('a|ab'), text('ab')).match, { start: 0, end: 1 });
});

test('the matcher is linear: 8x the input costs at most about 8x the steps, even for a nasty pattern', () => {
  const nasty = fromWinbox('(a|aa)*(a*)?b?(a|a)*c');
  const one = searchBytes(nasty, new Uint8Array(256).fill(0x61)).steps;
  const eight = searchBytes(nasty, new Uint8Array(2048).fill(0x61)).steps;
  assert.ok(one > 0);
  assert.ok(eight <= one * 8.5, `steps ${one} -> ${eight}`);
  assert.ok(eight >= one * 7, `steps ${one} -> ${eight}`);
  // Steps are bounded by input length times program size.
  const size = nasty.program?.insts.length ?? 0;
  assert.ok(eight <= 2 * (2048 + 1) * size);
});
