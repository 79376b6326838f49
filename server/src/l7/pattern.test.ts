// Tests for the two-layer decoding (RouterOS string, then l7-filter pre-processing) and for searching.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeStringContent } from '../syntax/strings';
import { fromCli, fromWinbox, printableEngine, searchBytes } from './pattern';
import { runConnection } from './connection';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
const matches = (cli: string, data: Uint8Array): boolean => searchBytes(fromCli(cli), data).match !== null;

test('the thread pattern [\\\\\\\\|\\\\xd5] reaches the engine as a class of backslash, pipe and 0xD5', () => {
  const p = fromCli('[\\\\\\\\|\\\\xd5]');
  assert.equal(p.winbox, '[\\\\|\\xd5]');
  assert.equal(p.engine, '[\\\\|\xd5]');
  assert.deepEqual(p.errors, []);
  // The overmatch: any payload with a pipe byte anywhere.
  assert.equal(searchBytes(p, bytes(0x00, 0x01, 0x7c, 0x02)).match?.start, 2);
  assert.notEqual(searchBytes(p, bytes(0x5c)).match, null);
  assert.notEqual(searchBytes(p, bytes(0x10, 0xd5)).match, null);
  assert.equal(searchBytes(p, bytes(0x10, 0x20, 0x30)).match, null);
});

test('regexp="\\\\xd5" is byte 0xD5 anywhere; engine spans point at the CLI source', () => {
  const p = fromCli('\\\\xd5', 40);
  assert.equal(p.winbox, '\\xd5');
  assert.equal(p.engine, '\xd5');
  assert.deepEqual(p.engineSpans, [{ start: 40, end: 45 }]);
  assert.equal(p.hexEscapes.length, 1);
  assert.equal(matches('\\\\xd5', bytes(1, 2, 0xd5, 3)), true);
  assert.equal(matches('\\\\xd5', bytes(1, 2, 0xf5, 3)), false);
});

test('the Latin-1 fold reading turns the pattern byte 0xD5 into 0xF5', () => {
  const p = fromCli('\\\\xd5', 0, { latin1Fold: true });
  assert.equal(p.engine, '\xf5');
  assert.equal(searchBytes(p, bytes(0xd5)).match, null);
  assert.notEqual(searchBytes(p, bytes(0xf5)).match, null);
  assert.equal(p.latin1Bytes[0].byte, 0xd5);
  // 0xD7 is not a letter in Latin-1 and does not fold.
  assert.equal(fromCli('\\\\xd7', 0, { latin1Fold: true }).engine, '\xd7');
});

test('regexp="[\\x4a.\\x3a.\\xda.\\xca]" printed by the router is a one-byte class', () => {
  const p = fromWinbox('[\\x4a.\\x3a.\\xda.\\xca]');
  assert.equal(p.engine, '[j.:.\xda.\xca]');
  // It matches one byte: a dot, a colon, "j" or "J" (the connection lower-cases the data) ...
  const one = (...x: number[]) => runConnection(p, [{ payload: bytes(...x), direction: 'orig' }]).match;
  assert.notEqual(one(0x2e), null);
  assert.notEqual(one(0x4a), null);
  assert.notEqual(one(0x6a), null);
  assert.equal(one(0x4b), null);
  // ... so it does not look for 74.58.218.202 in a row: it stops after the first byte.
  assert.equal(one(0x4a, 0x3a, 0xda, 0xca)?.bufferEnd, 1);
});

test('a single-backslash \\xd5 in a CLI string is an invalid string escape; the regex would see "xd5"', () => {
  const p = fromCli('\\xd5');
  assert.equal(p.stringErrors[0].code, 'RSC1002');
  assert.equal(p.stringErrors[0].severity, 'error');
  assert.equal(p.winbox, 'xd5');
  assert.equal(p.engine, 'xd5');
  assert.equal(p.hexEscapes.length, 0);
});

test('a string escape \\D5 gives the byte directly; a typed Õ is UTF-8 (two bytes)', () => {
  assert.equal(fromCli('\\D5').engine, '\xd5');
  assert.equal(fromCli('\u00d5').engine, '\xc3\x95');
});

test('\\x5c becomes a lone backslash that escapes what follows (or breaks the pattern)', () => {
  const p = fromWinbox('\\x5c');
  assert.equal(p.engine, '\\');
  assert.equal(p.errors[0].code, 'trailing-backslash');
  const q = fromWinbox('a\\x5c.b');
  assert.equal(q.engine, 'a\\.b');
  assert.equal(searchBytes(q, bytes(0x61, 0x2e, 0x62)).match?.end, 3);
  assert.equal(searchBytes(q, bytes(0x61, 0x78, 0x62)).match, null);
});

test('\\x2e becomes "." (any byte); the escaped form \\\\. is a literal dot', () => {
  assert.equal(fromWinbox('a\\x2eb').engine, 'a.b');
  assert.notEqual(searchBytes(fromWinbox('a\\x2eb'), bytes(0x61, 0x7a, 0x62)).match, null);
  assert.equal(searchBytes(fromWinbox('a\\.b'), bytes(0x61, 0x7a, 0x62)).match, null);
});

test('a backslash before \\xHH escapes the resulting byte, as in the kernel scan', () => {
  const p = fromWinbox('\\\\xd5');
  assert.equal(p.engine, '\\\xd5');
  assert.equal(p.hexEscapes[0].afterBackslash, true);
  assert.notEqual(searchBytes(p, bytes(0xd5)).match, null);
  assert.equal(fromWinbox('\\\\\\xd5').hexEscapes[0].afterBackslash, false);
});

test('the pattern is lower-cased, \\X (capital) is not a hex escape, and \\x00 truncates', () => {
  assert.equal(fromWinbox('GET \\x41').engine, 'get a');
  assert.equal(fromWinbox('\\X41').engine, '\\x41');
  const t = fromCli('ab\\\\x00cd', 10);
  assert.equal(t.engine, 'ab');
  assert.deepEqual(t.truncated?.span, { start: 12, end: 17 });
  assert.equal(t.truncated?.droppedWinbox, '\\x00cd');
  assert.equal(fromCli('ab\\00cd').engine, 'ab');
});

test('string escapes before the regex: \\$ is the end anchor, \\? a quantifier, \\03 a byte', () => {
  const p = fromCli('^\\03..\\?\\08\\$');
  assert.equal(p.engine, '^\x03..?\x08$');
  assert.deepEqual(p.errors, []);
});

test('compile errors map to document offsets through both decoders', () => {
  const p = fromCli('\\\\x41(b', 100);
  assert.equal(p.errors[0].code, 'unmatched-open-paren');
  assert.deepEqual([p.errors[0].start, p.errors[0].end], [105, 106]);
});

test('toCli round-trips through the RouterOS string decoder; toWinbox gives the field', () => {
  for (const w of ['[\\\\|\\xd5]', '\\xd5.......$', '^\x03..?\x08', 'a"b$c?d\\e', '\xd5\xff\n\t']) {
    const p = fromWinbox(w);
    const cli = p.toCli();
    assert.equal(decodeStringContent(cli, 0).value, w, `round trip of ${JSON.stringify(w)}`);
    assert.equal(fromCli(cli).engine, p.engine);
    assert.equal(p.toWinbox(), w);
  }
  assert.equal(fromWinbox('[\\\\|\\xd5]').toCli(), '[\\\\\\\\|\\\\xd5]');
  assert.equal(fromWinbox('\\xd5.......$').toCli(), '\\\\xd5.......\\$');
});

test('printableEngine shows bytes outside 0x20-0x7E as \\xHH', () => {
  assert.equal(printableEngine('[\\|\xd5]\x00'), '[\\|\\xd5]\\x00');
});
