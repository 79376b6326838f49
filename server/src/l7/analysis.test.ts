// Tests for the RSC3nnn findings and the plain-language reading: codes, document ranges and fixes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as a from './analysis';
import { describe } from './describe';
import { fromCli, fromWinbox } from './pattern';

/** Applies a finding's fix to the raw CLI content (which starts at document offset `at`). */
function applyFix(raw: string, at: number, f: a.L7Finding): string {
  let out = raw;
  for (const e of [...(f.fix?.edits ?? [])].sort((x, y) => y.start - x.start)) {
    out = out.slice(0, e.start - at) + e.newText + out.slice(e.end - at);
  }
  return out;
}

test('RSC3001: single-backslash regex escapes in a CLI string, with a safe doubling fix', () => {
  const raw = 'ab\\xd5\\.c\\\\xe1\\$';
  const f = a.singleBackslashRegexEscapes(fromCli(raw, 10));
  assert.deepEqual(
    f.map((x) => [x.code, x.start, x.end]),
    [
      ['RSC3001', 12, 16],
      ['RSC3001', 16, 18],
    ],
  );
  assert.equal(f[0].fix?.safe, true);
  assert.equal(applyFix(raw, 10, f[0]), 'ab\\\\xd5\\.c\\\\xe1\\$');
  // Valid string escapes (\$ \? \n \D5) and doubled backslashes are not findings; Winbox form has none.
  assert.deepEqual(a.singleBackslashRegexEscapes(fromCli('\\\\xd5\\$\\?\\n\\D5')), []);
  assert.deepEqual(a.singleBackslashRegexEscapes(fromWinbox('\\xd5')), []);
});

test('RSC3002: byte escapes that reach the regex as metacharacters, with the escaped literal as fix', () => {
  const raw = 'a\\\\x2eb\\5Cc\\\\x7c[\\\\x2e]\\\\\\\\x2e';
  const f = a.metacharByteEscapes(fromCli(raw));
  assert.deepEqual(
    f.map((x) => raw.slice(x.start, x.end)),
    ['\\\\x2e', '\\5C', '\\\\x7c'],
  );
  assert.equal(f[0].fix?.edits[0].newText, '\\\\.');
  assert.equal(f[1].fix?.edits[0].newText, '\\\\\\\\');
  const fixed = applyFix(raw, 0, f[0]);
  assert.equal(fromCli(fixed).engine.slice(0, 3), 'a\\.');
  // Winbox form: \x5c alone is the thread's "ROS will return you an error".
  const w = a.metacharByteEscapes(fromWinbox('\\x5c'));
  assert.equal(w[0].fix?.edits[0].newText, '\\\\');
});

test('RSC3003: a pipe inside brackets, at the pipe', () => {
  const raw = '[\\\\\\\\|\\\\xd5]';
  const f = a.pipeInBrackets(fromCli(raw, 5));
  assert.equal(f.length, 1);
  assert.deepEqual([f[0].start, f[0].end], [10, 11]);
  assert.equal(applyFix(raw, 5, f[0]), '[\\\\\\\\\\\\xd5]');
  assert.deepEqual(a.pipeInBrackets(fromCli('a|b')), []);
});

test('RSC3004: a class that looks like a dotted IP, with the byte sequence as suggestion', () => {
  const raw = '[\\\\x4a.\\\\x3a.\\\\xda.\\\\xca]';
  const f = a.dottedIpClasses(fromCli(raw));
  assert.equal(f.length, 1);
  assert.deepEqual([f[0].start, f[0].end], [0, raw.length]);
  assert.equal(f[0].fix?.edits[0].newText, '\\\\x4a\\\\x3a\\\\xda\\\\xca');
  assert.equal(f[0].fix?.safe, false);
  assert.deepEqual(a.dottedIpClasses(fromCli('[a.b]')), []);
});

test('RSC3005: unanchored short patterns; anchored or longer ones are fine', () => {
  assert.equal(a.unanchoredShort(fromCli('\\\\xd5')).length, 1);
  assert.equal(a.unanchoredShort(fromCli('[\\\\\\\\|\\\\xd5]')).length, 1);
  // Anchored at the end, a byte pinned 8 bytes before the end is not "short"; one byte at the end is, tried
  // on 10 packets per connection (10/256), but not per packet under packet-size= (1/256).
  assert.equal(a.unanchoredShort(fromCli('\\\\xd5.......\\$')).length, 0);
  assert.equal(a.unanchoredShort(fromCli('\\\\xd5\\$')).length, 1);
  assert.equal(a.unanchoredShort(fromCli('\\\\xd5\\$'), { maxPayload: 11 }).length, 0);
  // On a NAck rule, a pattern anchored at the end that cannot reach offset 3 is reported whatever its odds.
  const short = a.unanchoredShort(fromCli('[\\\\\\\\\\\\xd5]\\$'), { maxPayload: 11, nack: true })[0];
  assert.match(short.message, /tests at most the last 1 byte of the NAck, not the public address/);
  // Unanchored under packet-size=39 (11 payload bytes): 11/256 per packet, still flagged; per packet wording.
  const per = a.unanchoredShort(fromCli('\\\\xd5'), { maxPayload: 11 })[0];
  assert.match(per.message, /each packet of up to 11 payload bytes/);
  // A NAck-detection rule gets no "anchor at the end" fix: it would check the last byte, not offset 3.
  const nack = a.unanchoredShort(fromCli('[\\\\\\\\|\\\\xd5]'), { maxPayload: 11, nack: true })[0];
  assert.equal(nack.fix?.command?.name, 'routeros.replaceWithNackPattern');
  assert.match(nack.message, /NAck pattern for your addresses/);
  assert.equal(a.unanchoredShort(fromCli('^\\\\xd5')).length, 0);
  assert.equal(a.unanchoredShort(fromCli('abc')).length, 0);
  const f = a.unanchoredShort(fromCli('\\\\xd5', 3))[0];
  assert.equal(applyFix('\\\\xd5', 3, f), '\\\\xd5\\$');
});

test('RSC3006: compile errors at their position in the document', () => {
  const f = a.compileErrors(fromCli('ab\\\\x28c', 0));
  assert.equal(f.length, 1);
  assert.deepEqual([f[0].start, f[0].end], [2, 7]);
});

test('RSC3007: hex escapes of ASCII letters', () => {
  const f = a.hexLetterEscapes(fromCli('\\\\x4a\\\\x3a\\4B'));
  assert.deepEqual(
    f.map((x) => [x.start, x.end]),
    [
      [0, 5],
      [10, 13],
    ],
  );
});

test('RSC3010: Winbox form pasted into a CLI string, converted as a whole; and the doubled reverse', () => {
  const raw = '^\\x16\\x03\\.';
  const f = a.winboxFormInCli(fromCli(raw));
  assert.equal(f.length, 1);
  assert.equal(f[0].fix?.edits[0].newText, '^\\\\x16\\\\x03\\\\.');
  assert.equal(f[0].fix?.safe, true);
  // A slip in an otherwise CLI-aware pattern is RSC3001, not RSC3010.
  assert.deepEqual(a.winboxFormInCli(fromCli('\\\\x16\\x03')), []);
  // The reverse: "\\\\." reaches the regex as "\\." (a backslash byte, then any byte).
  const rev = a.winboxFormInCli(fromCli('^\\\\\\\\.com\\\\\\\\.'));
  assert.equal(rev.length, 1);
  assert.equal(rev[0].fix?.edits[0].newText, '^\\\\.com\\\\.');
  // A doubled "\\xd5" still matches byte 0xD5 (the hex becomes the byte, which the backslash escapes).
  assert.deepEqual(a.winboxFormInCli(fromCli('\\\\\\\\xd5')), []);
  assert.deepEqual(a.winboxFormInCli(fromCli('\\\\xd5')), []);
  // With a single escape it is RSC3001's business; with two or more, RSC3010 replaces the RSC3001 findings.
  assert.equal(a.winboxFormInCli(fromCli('\\xd5')).length, 0);
  assert.equal(a.singleBackslashRegexEscapes(fromCli('\\xd5')).length, 1);
  assert.equal(a.singleBackslashRegexEscapes(fromCli(raw)).length, 0);
});

test('RSC3001: class escapes get their bracket expression, \\b is reported without a fix', () => {
  const f = a.singleBackslashRegexEscapes(fromCli('^\\\\x01\\d'));
  assert.deepEqual(
    f.map((x) => [x.start, x.end, x.fix?.edits[0].newText]),
    [[6, 8, '[0-9]']],
  );
  const b = a.singleBackslashRegexEscapes(fromCli('ab\\bc'));
  assert.deepEqual(
    b.map((x) => [x.start, x.end, x.severity, x.fix]),
    [[2, 4, 'warning', undefined]],
  );
});

test('RSC3002: { and } outside brackets; ], ^ and - inside brackets, moved to where they are literal', () => {
  const brace = a.metacharByteEscapes(fromCli('a\\\\x7b'));
  assert.equal(brace.length, 1);
  assert.equal(brace[0].fix?.edits[0].newText, '\\\\{');
  // "[a\\x5d]" closes the class at the escape; the fix puts "]" first: "[]a]".
  const raw = '[a\\\\x5d]';
  const close = a.metacharByteEscapes(fromCli(raw));
  assert.equal(close.length, 1);
  assert.equal(applyFix(raw, 0, close[0]), '[]a]');
  assert.deepEqual(fromCli(applyFix(raw, 0, close[0])).errors, []);
  const neg = '[\\\\x5eab]';
  const n = a.metacharByteEscapes(fromCli(neg));
  assert.equal(applyFix(neg, 0, n[0]), '[ab^]');
  const dash = '[a\\\\x2dz]';
  const d = a.metacharByteEscapes(fromCli(dash));
  assert.equal(applyFix(dash, 0, d[0]), '[az-]');
  // Escaped by a regex backslash before it, or a plain member of a class: nothing to report.
  assert.deepEqual(a.metacharByteEscapes(fromCli('\\\\\\\\x2e[\\\\x2e\\\\x7c]')), []);
});

test('RSC3012: a NUL byte, from a regex \\\\x00 or a string \\00', () => {
  const f = a.nulBytes(fromCli('a\\\\x00b'));
  assert.deepEqual([f[0].start, f[0].end], [1, 6]);
  assert.equal(a.nulBytes(fromCli('a\\00b')).length, 1);
  assert.deepEqual(a.nulBytes(fromCli('ab')), []);
});

test('RSC3013: Latin-1 fold bytes, 0xC0-0xDE but not 0xD7', () => {
  assert.equal(a.latin1FoldBytes(fromCli('\\\\xd5\\\\xd7\\\\xdf\\\\xc0')).length, 2);
});

test('RSC3014: unsupported syntax with an expansion fix in CLI form', () => {
  const raw = '\\\\x01.{0,3}\\\\x02[[:digit:]]';
  const f = a.unsupportedSyntax(fromCli(raw));
  assert.equal(f.length, 2);
  // "?" is written "\?" in a CLI string, as exports do.
  assert.equal(applyFix(raw, 0, f[0]), '\\\\x01.\\?.\\?.\\?\\\\x02[[:digit:]]');
  assert.equal(applyFix(raw, 0, f[1]), '\\\\x01.{0,3}\\\\x02[0-9]');
  const g = a.unsupportedSyntax(fromCli('\\\\x41{2}'));
  assert.equal(applyFix('\\\\x41{2}', 0, g[0]), '\\\\x41\\\\x41');
});

test('describe: the thread patterns read in plain language', () => {
  const d = describe(fromCli('\\\\xd5'));
  assert.equal(d.engine, '\\xd5');
  assert.equal(
    d.reading[0],
    'byte 0xD5 anywhere in the first 2 KB (10 packets) of the connection, both directions',
  );
  assert.equal(d.otherReading?.engine, '\\xf5');
  assert.ok(d.warnings.some((w) => w.code === 'RSC3005'));
  const nack = describe(fromCli('\\\\xd5.......\\$'));
  assert.match(nack.reading[0], /^byte 0xD5, then any 7 bytes at the end of the packet being matched/);
  const cls = describe(fromCli('[\\\\\\\\|\\\\xd5]'));
  assert.match(cls.reading[0], /one byte out of \{"\\", "\|", byte 0xD5\}/);
  assert.match(describe(fromWinbox('(a')).reading[0], /does not compile/);
});
