// Unit tests for RouterOS string decoding: every escape, continuations, interpolations, offsets, encoding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeStringContent,
  encodeStringContent,
  PlainStringLiteral,
  scanString,
  type DecodedString,
} from './strings';
import { parse, reparse, walk } from './index';
import type { LiteralNode } from './ast';
import { prng } from '../../../test/prng';

const dec = (raw: string, at = 0) => decodeStringContent(raw, at);

test('every single-character escape', () => {
  const cases: [string, string][] = [
    ['\\"', '"'],
    ['\\\\', '\\'],
    ['\\n', '\n'],
    ['\\r', '\r'],
    ['\\t', '\t'],
    ['\\$', '$'],
    ['\\?', '?'],
    ['\\_', ' '],
    ['\\a', '\x07'],
    ['\\b', '\x08'],
    ['\\f', '\x0c'],
    ['\\v', '\x0b'],
  ];
  for (const [raw, want] of cases) {
    const d = dec(raw);
    assert.equal(d.value, want, raw);
    assert.deepEqual(d.errors, [], raw);
    assert.equal(d.escapes.length, 1);
    assert.equal(d.escapes[0].kind, 'char');
  }
});

test('hex escapes: capitals are one byte, letter escapes win over hex', () => {
  assert.equal(dec('\\AB').value, '\xab');
  assert.equal(dec('\\00\\FF\\7F').value, '\x00\xff\x7f');
  assert.equal(dec('\\ab').value, '\x07b');
  assert.deepEqual(dec('\\ab').errors, []);
  assert.equal(dec('\\bA').value, '\x08A');
  const d = dec('^\\03..\\?\\08');
  assert.equal(d.value, '^\x03..?\x08');
  assert.deepEqual(
    d.escapes.map((e) => e.kind),
    ['hex', 'char', 'hex'],
  );
});

test('lower-case hex decodes with a warning', () => {
  for (const raw of ['\\0a', '\\Fa', '\\e4', '\\c3']) {
    const d = dec(raw);
    assert.equal(d.value, String.fromCharCode(parseInt(raw.slice(1), 16)), raw);
    assert.equal(d.errors.length, 1);
    assert.equal(d.errors[0].code, 'RSC1002');
    assert.equal(d.errors[0].severity, 'warning');
  }
});

test('unknown escapes are RSC1002 errors', () => {
  for (const raw of ['\\d', '\\w+', '\\.', '\\”', '\\0', '\\Fz', '\\ ']) {
    const d = dec(raw, 10);
    assert.equal(d.errors.length, 1, raw);
    assert.equal(d.errors[0].code, 'RSC1002');
    assert.equal(d.errors[0].severity, 'error');
    assert.equal(d.errors[0].start, 10);
    assert.equal(d.escapes[0].kind, 'invalid');
  }
  assert.equal(dec('\\d').value, 'd');
});

test('continuation drops newline and indentation', () => {
  const raw = 'untr\\\n    acked';
  const d = dec(raw, 100);
  assert.equal(d.value, 'untracked');
  assert.deepEqual(d.errors, []);
  assert.equal(d.escapes[0].kind, 'continuation');
  assert.equal(d.escapes[0].start, 104);
  assert.equal(d.escapes[0].end, 110);
  assert.equal(d.offsets[4], 110);
  assert.equal(dec('a\\\r\n\tb').value, 'ab');
  assert.equal(dec('a\\r\\\n    \\nb').value, 'a\r\nb');
});

test('offsets map every value char to its source and end with the raw end', () => {
  const d = dec('a\\nb\\41c', 5);
  assert.equal(d.value, 'a\nbAc');
  assert.deepEqual(d.offsets, [5, 6, 8, 9, 12, 13]);
  assert.equal(d.offsets.length, d.value.length + 1);
});

test('interpolations', () => {
  const d = dec('x $name y $"a-b" $(1 + 2) $[:pick "a]" 0] z', 0);
  assert.equal(d.hasInterpolation, true);
  assert.equal(d.value, 'x  y    z');
  const interps = d.parts.filter((p) => p.kind === 'interp');
  assert.deepEqual(
    interps.map((p) => (p.kind === 'interp' ? [p.form, p.name] : [])),
    [
      ['var', 'name'],
      ['quotedVar', 'a-b'],
      ['expr', undefined],
      ['cmd', undefined],
    ],
  );
  const cmd = interps[3];
  assert.equal(cmd.kind === 'interp' && d.raw.slice(cmd.innerStart, cmd.innerEnd), ':pick "a]" 0');
  assert.deepEqual(d.errors, []);
  assert.equal(dec('\\$x').hasInterpolation, false);
});

test('unclosed interpolation and stray dollar', () => {
  const d = dec('a $(1 + 2');
  assert.equal(d.errors[0].code, 'RSC1003');
  const s = dec('cost: 5$');
  assert.equal(s.value, 'cost: 5$');
  assert.equal(s.errors[0].severity, 'warning');
});

test('scanString follows nested strings in substitutions', () => {
  const t = '"a $[:pick "x\\"y" 0] b" rest';
  assert.deepEqual(scanString(t, 0), { end: t.indexOf(' rest'), closed: true });
  assert.deepEqual(scanString('"abc', 0), { end: 4, closed: false });
  assert.deepEqual(scanString('"a\\"b"', 0), { end: 6, closed: true });
});

test('encode is the inverse of decode', () => {
  const values = ['plain', 'q"b\\s$d?', 'nl\nrt\r\ttab', '\x00\x07\x1f\x7f', 'é ü 日本'];
  for (const v of values) {
    const raw = encodeStringContent(v);
    const d = dec(raw);
    assert.equal(d.value, v);
    assert.deepEqual(d.errors, []);
  }
  assert.equal(encodeStringContent('\xd5.', { binary: true }), '\\D5.');
  assert.equal(dec(encodeStringContent('\xd5\x80', { binary: true })).value, '\xd5\x80');
});

test('offsets, computed on first use, map every decoded char back to the raw char that made it', () => {
  const rnd = prng(4242);
  const pieces = [
    'a',
    'b',
    ' ',
    '\\n',
    '\\"',
    '\\41',
    '\\e4',
    '\\\n   ',
    '\\\r\n\t',
    '\\z',
    '$v',
    '$"x y"',
    '$(1+2)',
    '$[:len 3]',
    '$',
    '\\',
  ];
  for (let k = 0; k < 5000; k++) {
    let raw = '';
    const len = Math.floor(rnd() * 10);
    for (let i = 0; i < len; i++) raw += pieces[Math.floor(rnd() * pieces.length)];
    const d = decodeStringContent(raw, 100);
    const o = d.offsets;
    assert.equal(o, d.offsets, 'the same array on every read');
    assert.equal(o.length, d.value.length + 1, raw);
    assert.equal(o[o.length - 1], 100 + raw.length, raw);
    for (let i = 0; i < d.value.length; i++) {
      assert.ok(o[i] >= 100 && o[i] < 100 + raw.length && (i === 0 || o[i] >= o[i - 1]), raw);
      // A char that is not an escape decodes to itself.
      if (raw[o[i] - 100] !== '\\') assert.equal(d.value[i], raw[o[i] - 100], raw);
    }
    // The value is the text parts joined.
    assert.equal(d.value, d.parts.map((p) => (p.kind === 'text' ? p.value : '')).join(''), raw);
  }
});

test('a plain string literal is its own decoded form, equal to the general decoder and moved with its node', () => {
  // The parser's fast path (PlainStringLiteral): same raw, value, offsets and parts as decodeStringContent
  // gives for that content; offsets read before an incremental re-parse move with the reused node.
  for (const text of ['/ip firewall filter\nadd comment="feed entry 7"\n', ':put ""\n', ':put "a b"\n']) {
    const find = (r: ReturnType<typeof parse>): LiteralNode => {
      let lit: LiteralNode | undefined;
      walk(r.root, (n) => {
        if (n.kind === 'literal' && n.type === 'string') lit = n;
      });
      assert.ok(lit, text);
      return lit;
    };
    const first = parse(text);
    const lit = find(first);
    assert.ok(lit instanceof PlainStringLiteral, text);
    assert.equal(lit.string, lit);
    const s = lit.string as DecodedString;
    const general = decodeStringContent(text.slice(lit.start + 1, lit.end - 1), lit.start + 1);
    for (const key of ['raw', 'value', 'hasInterpolation', 'offsets', 'parts', 'errors', 'escapes'] as const)
      assert.deepStrictEqual(s[key], general[key], `${key} of ${JSON.stringify(text)}`);
    const before = [...s.offsets];
    const partsBefore = s.parts.map((p) => p.start);
    const next = '# x\n' + text;
    const again = reparse(first, text, next);
    const moved = find(again);
    // An argument's value (AtomNamedArg) is made anew on each access, from the moved argument; any other
    // literal is the reused node itself.
    if (text.includes('=')) assert.deepEqual([moved.start, moved.text], [lit.start + 4, lit.text]);
    else assert.equal(moved, lit, 'the literal is reused');
    assert.deepStrictEqual(
      moved.string?.offsets,
      before.map((o) => o + 4),
    );
    assert.deepStrictEqual(
      moved.string?.parts.map((p) => p.start),
      partsBefore.map((o) => o + 4),
    );
  }
});
